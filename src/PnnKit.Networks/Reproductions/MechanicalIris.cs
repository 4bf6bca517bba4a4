using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Networks.Solvers;

namespace PnnKit.Networks.Reproductions;

/// <summary>What the mechanical in-situ reproduction measured.</summary>
/// <param name="IntactTestAccuracy">Iris test accuracy after in-situ training.</param>
/// <param name="CriticalBonds">Bonds whose cut makes the lattice floppy (a zero mode).</param>
/// <param name="CutBond">The redundant bond whose loss hurts most, which is cut.</param>
/// <param name="DamagedTestAccuracy">Accuracy right after the cut.</param>
/// <param name="RecoveryCurve">(retraining step, test accuracy) after the cut.</param>
/// <param name="Equilibria">Equilibrium solves (physical measurements) used in all.</param>
/// <param name="ActuationJoulesPerInference">Actuator energy per classified flower (½Fᵀu over the actuator efficiency), J.</param>
/// <param name="SystemJoulesPerInference">Actuation plus sensing (one camera frame) per flower, J.</param>
/// <param name="CostTerms">Every charged term (see <see cref="NetworkCostModel"/> for sources).</param>
public sealed record MechanicalIrisResult(double IntactTestAccuracy, IReadOnlyList<int> CriticalBonds, int CutBond, double DamagedTestAccuracy, IReadOnlyList<(int Step, double Accuracy)> RecoveryCurve, long Equilibria,
    double ActuationJoulesPerInference, double SystemJoulesPerInference, IReadOnlyList<CostEntry> CostTerms);

/// <summary>
/// Li &amp; Mao (Nature Communications 2024): the 14-node triangular lattice (rows 5/4/3/2, bottom
/// corners pinned) classifies Iris from four input forces by the horizontal displacements of three
/// top nodes, trained with in-situ gradients (adjoint forces, measured elongations); then the bond
/// whose loss hurts most is cut and the lattice retrains in situ.
/// </summary>
public static class MechanicalIris
{
    /// <summary>The paper's lattice.</summary>
    public static NetworkGraph Lattice() => Lattices.TriangularRows([5, 4, 3, 2], [0, 4]);

    /// <summary>Iris standardised on the training split, with a constant fifth force (a preload acting as a bias).</summary>
    public static (double[] X, int[] Y, double[] Xt, int[] Yt) Iris(ulong seed)
    {
        var data = DataCatalog.Load<double>("iris");
        var (train, test) = Splits.TrainTest(data, 0.2, seed);
        var scaler = FeatureScaler.FitStandard(train.Features);
        static double[] WithPreload(double[] a) => [.. Enumerable.Range(0, a.Length / 4).SelectMany(i => a.Skip(4 * i).Take(4).Append(1.0))];
        return (WithPreload(scaler.Transform(train.Features).Data), train.Labels!, WithPreload(scaler.Transform(test.Features).Data), test.Labels!);
    }

    /// <summary>The classifier: inputs, outputs and stiffness range are PnnKit's choices (see comments).</summary>
    public static SpringClassifier Classifier(ulong seed)
    {
        // A 100:1 stiffness range (bond widths 40 µm to 4 mm); the default 10:1 range reaches ~83 %.
        var springs = new SpringNetwork(Lattice(), new BondMaterial { MinWidth = 0.04e-3 });
        // Four vertical input forces on the second row and a constant horizontal preload at node 9;
        // horizontal displacements of the three top nodes are the outputs.
        ForcePort[] inputs = [new(5, 0, 1), new(6, 0, 1), new(7, 0, 1), new(8, 0, 1), new(9, 1, 0)];
        int[] outputs = [springs.Engine.Dof(11, 0), springs.Engine.Dof(12, 0), springs.Engine.Dof(13, 0)];
        var model = new SpringClassifier(springs, inputs, outputs, seed);
        model.ReadoutGain *= 1000;
        return model;
    }

    /// <summary>Trains, finds critical bonds, cuts the most harmful redundant one, retrains.</summary>
    public static MechanicalIrisResult Run(ulong seed = 1, int trainSteps = 800, int retrainSteps = 300, int reportEvery = 50)
    {
        var (x, y, xt, yt) = Iris(seed);
        var model = Classifier(seed + 1);
        for (int s = 0; s < trainSteps; s++)
        {
            model.TrainStep(x, y, 0.1);
        }
        var ledger = new CostLedger();
        double intact = model.Accuracy(xt, yt, ledger);
        double actuation = ledger.Entries.Where(e => e.Component.StartsWith("force actuators", StringComparison.Ordinal)).Sum(e => e.EnergyJoules) / ledger.Inferences;
        var critical = new List<int>();
        int worstBond = -1;
        double worst = 2;
        for (int j = 0; j < model.Network.Graph.EdgeCount; j++)
        {
            var probe = model.Clone();
            try
            {
                probe.CutBond(j);
            }
            catch (ZeroModeException)
            {
                critical.Add(j);
                continue;
            }
            double acc = probe.Accuracy(xt, yt);
            if (acc < worst)
            {
                (worst, worstBond) = (acc, j);
            }
        }
        model.CutBond(worstBond);
        double damaged = model.Accuracy(xt, yt);
        var curve = new List<(int, double)>();
        for (int s = 1; s <= retrainSteps; s++)
        {
            model.TrainStep(x, y, 0.1);
            if (s % reportEvery == 0)
            {
                curve.Add((s, model.Accuracy(xt, yt)));
            }
        }
        return new MechanicalIrisResult(intact, critical, worstBond, damaged, curve, model.Equilibria,
            actuation, ledger.SystemEnergyPerInference(ledger.LatencySeconds), ledger.Entries);
    }
}
