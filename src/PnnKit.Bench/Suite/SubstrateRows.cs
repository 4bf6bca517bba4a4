using PnnKit.Bench.Reproductions;
using PnnKit.Core.Costs;
using PnnKit.Core.Tensors;
using PnnKit.Methods;
using PnnKit.Networks;
using PnnKit.Networks.Reproductions;
using PnnKit.Spintronics.Reproductions;

namespace PnnKit.Bench.Suite;

/// <summary>
/// The suite's substrate rows, each from the experiment that already exists for it (memristive drift,
/// in-situ photonic, coupled learning, mechanical in-situ training, STO reservoir); this class only
/// chooses sizes for quick and full runs and reads the figures into <see cref="SuiteRow"/>s.
/// </summary>
public static class SubstrateRows
{
    private const string NoDrift = "no drift model";
    private const double OneDaySeconds = 86_400;

    /// <summary>
    /// Fabricated copies of a trained spring lattice: 5 % stiffness spread (PnnKit's choice, the same
    /// spread as the coupled-learning copies; laser-cut bond widths vary by a few per cent) and
    /// noise-free displacement reads, so the spread alone is measured.
    /// </summary>
    public static readonly NetworkVariation SpringCopies = new() { WeightSpread = 0.05 };

    /// <summary>
    /// MLP 784-256-10 on PCM crossbars (<see cref="MemristorDrift"/>) on an MNIST-like <paramref name="task"/>:
    /// hardware-aware (or plain) training, instances read at 1 s and 1 day with global drift compensation.
    /// </summary>
    public static SuiteRow Memristive(SuiteTask task, ulong seed, bool quick, Action<string>? log, bool hardwareAware = true)
    {
        ArgumentNullException.ThrowIfNull(task);
        int[] hidden = [256];
        var r = MemristorDrift.Run(new MemristorDriftOptions { Hidden = hidden, Epochs = quick ? 5 : 10, Instances = quick ? 10 : 20, Ages = [1, OneDaySeconds], Seed = seed, Data = (task.Train, task.Test), HardwareAware = hardwareAware }, log);
        var fresh = r.Ages[0];
        var day = r.Ages[1];
        long parameters = 0;
        int width = 784;
        foreach (int h in hidden.Append(10))
        {
            parameters += (long)(width + 1) * h; // weights as conductance pairs plus digital biases
            width = h;
        }
        return new SuiteRow(task.Name, "memristive", "MLP 784-256-10 on PCM crossbars, 8-bit DAC/ADC" + (hardwareAware ? "" : ", plain training"),
            r.IdealAccuracy, fresh.Accuracies.Count, fresh.Mean, fresh.Percentile5, fresh.Worst, fresh.Mean,
            day.Mean, "global drift compensation (one calibration scale per read)",
            r.CoreEnergyPerInferenceJoules, r.SystemEnergyPerInferenceJoules, Latency(r.CostTerms),
            hardwareAware ? "hardware-aware backprop in simulation (programming noise in every forward)" : "backprop in simulation without device noise", 0, parameters, r.Static, null, null,
            "instances read 1 s after programming")
        { Splits = task.Sizes }; // trained on the task's training part; nothing is chosen, so validation goes unused
    }

    /// <summary>Three 4-port Clements meshes with photodetectors on moons (<see cref="InSituPhotonic"/>): in silico, one fabricated instance, in-situ retraining.</summary>
    public static SuiteRow Photonic(ulong seed)
    {
        var r = InSituPhotonic.Run("moons", seed);
        const int meshes = 3, modes = 4;
        return new SuiteRow("moons", "photonic", "3 Clements meshes (4 modes) + photodetectors",
            r.DesignAccuracy, 1, r.DeployedAccuracy, null, r.DeployedAccuracy, r.RecoveredAccuracy,
            null, NoDrift,
            r.CoreEnergyPerInferenceJoules, r.SystemEnergyPerInferenceJoules, Latency(r.CostTerms),
            "in silico, then in-situ backprop on the instance (gradients from measured intensities: shot and thermal noise, 8-bit ADC, power-limited adjoint; queries: detector readings)", r.Training!.Measurements, meshes * ((modes * (modes - 1)) + modes), // θ and φ of N(N−1)/2 MZIs plus N output phases per mesh
            r.Static, null, null, "1 fabricated instance (0.4 rad phase errors); deployed accuracy after in-situ retraining");
    }

    /// <summary>The self-learning 16-edge resistor network on Iris (<see cref="CoupledLearningIris"/>), no edges cut.</summary>
    public static SuiteRow Resistor(ulong seed, bool quick)
    {
        var r = CoupledLearningIris.Run(new CoupledLearningIrisOptions { Seed = seed, Epochs = quick ? 15 : 30, Cuts = 0 });
        return new SuiteRow("iris", "resistor network", $"{r.Edges}-edge resistor network",
            r.TestAccuracy, 20, r.CopiesMeanAccuracy, null, r.CopiesWorstAccuracy, r.CopiesMeanAccuracy,
            null, NoDrift, r.CoreJoulesPerInference, r.SystemJoulesPerInference, null,
            "coupled learning in situ (free and clamped equilibria)", r.Equilibria, r.Edges, null, null, null,
            "20 copies: 5 % conductance spread, 1 mV read noise")
        { Splits = r.Splits };
    }

    /// <summary>The 14-node spring lattice on Iris (<see cref="MechanicalIris"/>), trained in situ, then fabricated copies.</summary>
    public static SuiteRow Spring(ulong seed, bool quick)
    {
        var d = MechanicalIris.Iris(seed);
        var (x, y, xt, yt) = (d.X, d.Y, d.TestX, d.TestY);
        var model = MechanicalIris.Classifier(seed + 1);
        int steps = quick ? 400 : 800;
        for (int s = 0; s < steps; s++)
        {
            model.TrainStep(x, y, 0.1);
        }
        long queries = model.Equilibria;
        var ledger = new CostLedger();
        double ideal = model.Accuracy(xt, yt, ledger);
        var design = new SpringDesign(model.Network, model.Inputs, model.Outputs, model.Stiffness());
        int copies = quick ? 10 : 20;
        var inputs = Tensor<double>.FromArray(xt, yt.Length, model.Inputs.Count);
        var acc = new double[copies];
        for (int k = 0; k < copies; k++)
        {
            var v = design.Fabricate(SpringCopies, seed + 1000 + (ulong)k).Measure(inputs, [.. design.Stiffness]);
            acc[k] = Correct(v, yt);
        }
        var stats = RobustnessProtocol.Summarize(0, acc);
        return new SuiteRow("iris", "spring network", "14-node triangular spring lattice", ideal, copies, stats.Mean, stats.Percentile5, stats.Worst, stats.Mean,
            null, NoDrift, ledger.CoreEnergyPerInference, ledger.SystemEnergyPerInference(ledger.LatencySeconds), ledger.LatencySeconds,
            "in-situ gradients (adjoint forces, measured elongations)", queries, model.Network.Graph.EdgeCount, null, null, null,
            "copies: 5 % stiffness spread; core 0 J: the passive lattice, actuation is counted as converters")
        { Splits = d.Sizes }; // the suite's Iris split (same fractions and seed); nothing is chosen, so validation goes unused
    }

    /// <summary>One spin-torque oscillator reservoir, 24 virtual nodes, on sine/square (<see cref="SpintronicDemos.SineSquare"/>).</summary>
    public static SuiteRow Spintronic(ulong seed)
    {
        var r = SpintronicDemos.SineSquare(seed);
        int trainSamples = SuiteTask.SineSquareTrainPeriods * Spintronics.SineSquareTask.SamplesPerPeriod;
        return new SuiteRow("sine-square", "spintronic", $"STO reservoir, {r.Nodes} virtual nodes + ridge readout",
            r.Reservoir, 0, null, null, null, r.Reservoir, null, NoDrift,
            r.CoreEnergyPerInferenceJoules, r.SystemEnergyPerInferenceJoules, null,
            "ridge readout on measured oscillator states (offline)", trainSamples, r.Nodes + 1L, null, null, null,
            $"no fabrication model; a linear readout of the input alone reaches {r.LinearOnInput:P1}")
        { Splits = r.Splits }; // the reservoir's own windows: readout trained, θ and λ chosen on validation
    }

    private static double? Latency(IReadOnlyList<CostEntry> terms)
    {
        double s = terms.Sum(t => t.StageLatencySeconds);
        return s > 0 ? s : null;
    }

    private static double Correct(Tensor<double> scores, int[] labels)
    {
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            int best = 0;
            for (int c = 1; c < scores.RowLength; c++)
            {
                best = scores[i, c] > scores[i, best] ? c : best;
            }
            correct += best == labels[i] ? 1 : 0;
        }
        return correct / (double)labels.Length;
    }
}
