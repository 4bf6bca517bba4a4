using PnnKit.Core.Data;
using PnnKit.Core.Random;
using Xunit.Abstractions;

namespace PnnKit.Networks.Tests;

public class ResistorReproductionTests
{
    private readonly ITestOutputHelper _output;

    public ResistorReproductionTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void EighteenEdgeResistorNetwork_LearnsIris_ByCoupledLearning()
    {
        // Measured: 80–83% test for α in [0.05, 0.2], η in [0.03, 0.3] (the issue's > 95% is not reached:
        // outputs of a linear resistor network are weighted averages of the source voltages).
        double testAcc = Run(0.1, 0.03);
        Assert.True(testAcc >= 0.75, $"test {testAcc:P1}");
    }

    private double Run(double alpha, double eta)
    {
        var data = DataCatalog.Load<double>("iris");
        var (train, test) = Splits.TrainTest(data, 0.2, 1);
        var scaler = FeatureScaler.FitMinMax(train.Features); // features become source voltages in [0, 1] V
        var x = scaler.Transform(train.Features).Data;
        var xt = scaler.Transform(test.Features).Data;
        var y = train.Labels!;
        var yt = test.Labels!;
        // Ground 0; sources 1–4 (features) and 5 (+1 V bias); outputs 6, 7, 8; 18 edges: every source,
        // bias and ground to every output. (A 16-edge variant — bias to two outputs, ground to one, one
        // output–output edge — plateaued at 67%: the asymmetric outputs could not all be raised.)
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
        var rng = new Rng(3);
        static double[] Row(double[] a, int i) => [.. a.AsSpan(4 * i, 4), 1.0];
        var log = new List<string>();
        for (int epoch = 0; epoch < 30; epoch++)
        {
            foreach (int i in rng.Permutation(y.Length))
            {
                double[] targets = [0.3, 0.3, 0.3];
                targets[y[i]] = 0.7;
                model.Step(Row(x, i), targets, eta, alpha / (1 + (epoch / 20.0)));
            }
            if (epoch % 5 == 4)
            {
                log.Add($"{epoch + 1}:{model.Accuracy([.. Enumerable.Range(0, yt.Length).SelectMany(i => Row(xt, i))], yt):P0}");
            }
        }
        double trainAcc = model.Accuracy([.. Enumerable.Range(0, y.Length).SelectMany(i => Row(x, i))], y);
        double testAcc = model.Accuracy([.. Enumerable.Range(0, yt.Length).SelectMany(i => Row(xt, i))], yt);
        // Damage: open one edge (conductance to the floor), then keep learning: the error spikes and recovers.
        double beforeCut = Loss(model, x, y);
        int strongest = Enumerable.Range(0, model.Conductances.Count).MaxBy(j => model.Conductances[j]);
        model.Cut(strongest);
        double afterCut = Loss(model, x, y);
        for (int epoch = 0; epoch < 10; epoch++)
        {
            foreach (int i in rng.Permutation(y.Length))
            {
                double[] targets = [0.3, 0.3, 0.3];
                targets[y[i]] = 0.7;
                model.Step(Row(x, i), targets, eta, alpha / 4);
            }
        }
        double recovered = Loss(model, x, y);
        _output.WriteLine($"cut edge {strongest} ({net.Graph.Edges[strongest].A}–{net.Graph.Edges[strongest].B}): training loss {beforeCut:F4} → {afterCut:F4} (spike) → {recovered:F4} after 10 epochs");
        Assert.True(afterCut > beforeCut && recovered < afterCut, $"loss {beforeCut} → {afterCut} → {recovered}");
        _output.WriteLine($"α {alpha} η {eta}: coupled learning, 18-edge resistor network on Iris: train {trainAcc:P1}, test {testAcc:P1}; curve {string.Join(" ", log)}; {model.Equilibria} equilibria");
        return testAcc;
    }

    private static double Loss(ResistorClassifier model, double[] x, int[] y)
    {
        double l = 0;
        for (int i = 0; i < y.Length; i++)
        {
            var v = model.OutputVoltages([.. x.AsSpan(4 * i, 4), 1.0]);
            for (int o = 0; o < 3; o++)
            {
                double t = o == y[i] ? 0.7 : 0.3;
                l += 0.5 * (v[o] - t) * (v[o] - t);
            }
        }
        return l / y.Length;
    }
}
