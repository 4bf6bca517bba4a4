using PnnKit.Core.Data;
using PnnKit.Core.Random;

namespace PnnKit.Networks.Reproductions;

/// <summary>What the coupled-learning reproduction measured.</summary>
/// <param name="Edges">Edges of the resistor network.</param>
/// <param name="TrainAccuracy">Iris training accuracy.</param>
/// <param name="TestAccuracy">Iris test accuracy.</param>
/// <param name="Curve">(epoch, test accuracy) every five epochs.</param>
/// <param name="CutEdge">The strongest edge, opened after training.</param>
/// <param name="LossBeforeCut">Margin loss before the cut.</param>
/// <param name="LossAfterCut">Margin loss right after it (the spike).</param>
/// <param name="LossRecovered">Margin loss after ten more epochs of coupled learning.</param>
/// <param name="Equilibria">Equilibrium solves (free and clamped states).</param>
public sealed record CoupledLearningIrisResult(int Edges, double TrainAccuracy, double TestAccuracy, IReadOnlyList<(int Epoch, double Accuracy)> Curve, int CutEdge, double LossBeforeCut, double LossAfterCut, double LossRecovered, long Equilibria);

/// <summary>
/// A self-learning resistor network on Iris by coupled learning (Stern et al., PRX 2021; a physical
/// version by Dillavou et al., 2022): features are source voltages, three output nodes vote, and
/// each edge updates from its own free and clamped voltage drops. Then its strongest edge is opened:
/// the error spikes and learning recovers it. Layout and targets are PnnKit's choices: 18 edges
/// (every source, a +1 V bias and ground to every output), and margin targets that nudge only
/// outputs on the wrong side (fixed 0.7/0.3 V targets reach 80–83 %; a 16-edge layout 63–72 %).
/// </summary>
public static class CoupledLearningIris
{
    /// <summary>Runs the reproduction.</summary>
    public static CoupledLearningIrisResult Run(ulong seed = 1, int epochs = 30, double alpha = 0.1, double eta = 0.03)
    {
        var data = DataCatalog.Load<double>("iris");
        var (train, test) = Splits.TrainTest(data, 0.2, seed);
        var scaler = FeatureScaler.FitMinMax(train.Features); // features become source voltages in [0, 1] V
        var x = scaler.Transform(train.Features).Data;
        var xt = scaler.Transform(test.Features).Data;
        var y = train.Labels!;
        var yt = test.Labels!;
        // Ground 0; sources 1–4 (features) and 5 (+1 V bias); outputs 6, 7, 8.
        var edges = new List<Edge>();
        foreach (int s in new[] { 1, 2, 3, 4 })
        {
            foreach (int o in new[] { 6, 7, 8 })
            {
                edges.Add(new Edge(s, o));
            }
        }
        edges.AddRange([new(5, 6), new(5, 7), new(5, 8), new(0, 6), new(0, 7), new(0, 8)]);
        var net = new ResistorNetwork(new NetworkGraph(9, edges, [0]));
        var model = new ResistorClassifier(net, [1, 2, 3, 4, 5], [6, 7, 8], 1.0, 0.01, 10.0);
        var rng = new Rng(seed + 2);
        double[] Rows(double[] a, int count) => [.. Enumerable.Range(0, count).SelectMany(i => Row(a, i))];
        var curve = new List<(int, double)>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            foreach (int i in rng.Permutation(y.Length))
            {
                model.Step(Row(x, i), MarginTargets(model.OutputVoltages(Row(x, i)), y[i]), eta, alpha / (1 + (epoch / 20.0)));
            }
            if (epoch % 5 == 4)
            {
                curve.Add((epoch + 1, model.Accuracy(Rows(xt, yt.Length), yt)));
            }
        }
        double trainAcc = model.Accuracy(Rows(x, y.Length), y);
        double testAcc = model.Accuracy(Rows(xt, yt.Length), yt);
        double before = Loss(model, x, y);
        int strongest = Enumerable.Range(0, model.Conductances.Count).MaxBy(j => model.Conductances[j]);
        model.Cut(strongest);
        double after = Loss(model, x, y);
        for (int epoch = 0; epoch < 10; epoch++)
        {
            foreach (int i in rng.Permutation(y.Length))
            {
                model.Step(Row(x, i), MarginTargets(model.OutputVoltages(Row(x, i)), y[i]), eta, alpha / 4);
            }
        }
        return new CoupledLearningIrisResult(edges.Count, trainAcc, testAcc, curve, strongest, before, after, Loss(model, x, y), model.Equilibria);
    }

    private static double[] Row(double[] a, int i) => [.. a.AsSpan(4 * i, 4), 1.0];

    /// <summary>Mean margin loss ½‖V − targets(V)‖²: zero once every example wins by the margin.</summary>
    public static double Loss(ResistorClassifier model, double[] x, int[] y)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        double l = 0;
        for (int i = 0; i < y.Length; i++)
        {
            var v = model.OutputVoltages(Row(x, i));
            var t = MarginTargets(v, y[i]);
            for (int o = 0; o < v.Length; o++)
            {
                l += 0.5 * (v[o] - t[o]) * (v[o] - t[o]);
            }
        }
        return l / y.Length;
    }

    /// <summary>Targets that nudge only violators: the correct output up to the best wrong one plus a margin, wrong ones down below it.</summary>
    public static double[] MarginTargets(double[] v, int label)
    {
        ArgumentNullException.ThrowIfNull(v);
        const double Margin = 0.05;
        var t = (double[])v.Clone();
        double bestWrong = v.Where((_, o) => o != label).Max();
        if (v[label] < bestWrong + Margin)
        {
            t[label] = bestWrong + Margin;
            for (int o = 0; o < v.Length; o++)
            {
                if (o != label && v[o] > v[label] - Margin)
                {
                    t[o] = v[label] - Margin;
                }
            }
        }
        return t;
    }
}
