using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Networks.Solvers;

namespace PnnKit.Networks.Reproductions;

/// <summary>Iris as forces on the lattice: each part standardised with the training part's statistics, plus a constant fifth force (a preload acting as a bias).</summary>
public sealed record SpringIrisData(double[] X, int[] Y, double[] ValidationX, int[] ValidationY, double[] TestX, int[] TestY)
{
    /// <summary>The part sizes.</summary>
    public SplitSizes Sizes => new(Y.Length, ValidationY.Length, TestY.Length);
}

/// <summary>What one seed of the mechanical in-situ reproduction measured. The bond to cut is chosen on
/// validation and the recovery curve is read on validation; each test figure is one reading of one model.</summary>
/// <param name="Seed">Seed of the split and the initial stiffnesses.</param>
/// <param name="Splits">Train / validation / test sizes.</param>
/// <param name="IntactValidationAccuracy">Validation accuracy after in-situ training.</param>
/// <param name="IntactTestAccuracy">Test accuracy after in-situ training.</param>
/// <param name="CriticalBonds">Bonds whose cut makes the lattice floppy (a zero mode).</param>
/// <param name="CutBond">The redundant bond whose loss hurts validation accuracy most, which is cut.</param>
/// <param name="DamagedValidationAccuracy">Validation accuracy right after the cut.</param>
/// <param name="DamagedTestAccuracy">Test accuracy right after the cut.</param>
/// <param name="RecoveryCurve">(retraining step, validation accuracy) after the cut.</param>
/// <param name="RecoveredTestAccuracy">Test accuracy after the retraining.</param>
/// <param name="Equilibria">Equilibrium solves (physical measurements) used in all.</param>
/// <param name="ActuationJoulesPerInference">Actuator energy per classified flower (½Fᵀu over the actuator efficiency), J.</param>
/// <param name="SystemJoulesPerInference">Actuation plus sensing (one camera frame) per flower, J.</param>
/// <param name="CostTerms">Every charged term (see <see cref="NetworkCostModel"/> for sources).</param>
/// <param name="SensorNoise">Standard deviation of every displacement and elongation reading, m (0: ideal readings).</param>
public sealed record MechanicalIrisResult(ulong Seed, SplitSizes Splits, double IntactValidationAccuracy, double IntactTestAccuracy, IReadOnlyList<int> CriticalBonds, int CutBond,
    double DamagedValidationAccuracy, double DamagedTestAccuracy, IReadOnlyList<(int Step, double Accuracy)> RecoveryCurve, double RecoveredTestAccuracy, long Equilibria,
    double ActuationJoulesPerInference, double SystemJoulesPerInference, IReadOnlyList<CostEntry> CostTerms, double SensorNoise);

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

    /// <summary>Iris split train / validation / test with <paramref name="seed"/>, standardised on the training part, with the preload force.</summary>
    public static SpringIrisData Iris(ulong seed)
    {
        var s = Splits.TrainValidationTest(DataCatalog.Load<double>("iris"), Splits.SmallSetValidationFraction, Splits.SmallSetTestFraction, seed);
        var scaler = FeatureScaler.FitStandard(s.Train.Features);
        double[] Forces(Dataset<double> d)
        {
            var z = scaler.Transform(d.Features).Data;
            return [.. Enumerable.Range(0, d.Count).SelectMany(i => z.Skip(4 * i).Take(4).Append(1.0))];
        }
        return new SpringIrisData(Forces(s.Train), s.Train.Labels!, Forces(s.Validation), s.Validation.Labels!, Forces(s.Test), s.Test.Labels!);
    }

    /// <summary>
    /// The classifier: inputs, outputs and stiffness range are PnnKit's choices (see comments); every reading carries
    /// <paramref name="sensorNoise"/> m of displacement-sensor noise (default <see cref="MechanicalRegression.DefaultSensorNoise"/>, 10 nm).
    /// </summary>
    public static SpringClassifier Classifier(ulong seed, double sensorNoise = MechanicalRegression.DefaultSensorNoise)
    {
        // A 100:1 stiffness range (bond widths 40 µm to 4 mm); the default 10:1 range reaches ~83 %.
        var springs = new SpringNetwork(Lattice(), NetworkPresets.SpringPlaFdm.Model with { MinWidth = 0.04e-3 });
        // Four vertical input forces on the second row and a constant horizontal preload at node 9;
        // horizontal displacements of the three top nodes are the outputs.
        ForcePort[] inputs = [new(5, 0, 1), new(6, 0, 1), new(7, 0, 1), new(8, 0, 1), new(9, 1, 0)];
        int[] outputs = [springs.Engine.Dof(11, 0), springs.Engine.Dof(12, 0), springs.Engine.Dof(13, 0)];
        var model = new SpringClassifier(springs, inputs, outputs, seed) { SensorNoise = sensorNoise };
        model.ReadoutGain *= 1000;
        return model;
    }

    /// <summary>Trains, finds critical bonds, cuts the redundant bond whose loss hurts validation accuracy most, retrains; every reading through <paramref name="sensorNoise"/> m of sensor noise.</summary>
    public static MechanicalIrisResult Run(ulong seed = 1, int trainSteps = 800, int retrainSteps = 300, int reportEvery = 50, double sensorNoise = MechanicalRegression.DefaultSensorNoise)
    {
        var d = Iris(seed);
        var model = Classifier(seed + 1, sensorNoise);
        for (int s = 0; s < trainSteps; s++)
        {
            model.TrainStep(d.X, d.Y, 0.1);
        }
        var ledger = new CostLedger();
        double intact = model.Accuracy(d.TestX, d.TestY, ledger);
        double intactValidation = model.Accuracy(d.ValidationX, d.ValidationY);
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
            double acc = probe.Accuracy(d.ValidationX, d.ValidationY);
            if (acc < worst)
            {
                (worst, worstBond) = (acc, j);
            }
        }
        model.CutBond(worstBond);
        double damaged = model.Accuracy(d.TestX, d.TestY);
        var curve = new List<(int, double)>();
        for (int s = 1; s <= retrainSteps; s++)
        {
            model.TrainStep(d.X, d.Y, 0.1);
            if (s % reportEvery == 0)
            {
                curve.Add((s, model.Accuracy(d.ValidationX, d.ValidationY)));
            }
        }
        return new MechanicalIrisResult(seed, d.Sizes, intactValidation, intact, critical, worstBond, worst, damaged, curve, model.Accuracy(d.TestX, d.TestY), model.Equilibria,
            actuation, ledger.SystemEnergyPerInference(ledger.LatencySeconds), ledger.Entries, sensorNoise);
    }
}
