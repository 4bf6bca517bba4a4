using System.Text.Json.Serialization;
using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Dynamics.Reproductions;
using PnnKit.Methods;
using PnnKit.Photonics.Activations;
using PnnKit.Photonics.Components;
using PnnKit.Photonics.Converters;
using PnnKit.Photonics.Costs;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Bench.Reproductions;

/// <summary>Settings of the forward-only vowel reproduction; the defaults are the full run.</summary>
public sealed record ForwardOnlyVowelsOptions
{
    /// <summary>Optical modes = features = classes: 6, as in Bandyopadhyay et al., Nat. Photonics 18, 1335 (2024).</summary>
    public const int Modes = 6;

    /// <summary>Coherent layers (meshes): 3, as in Bandyopadhyay et al. 2024.</summary>
    public const int Layers = 3;

    /// <summary>Synthesized speakers per vowel (train and test together).</summary>
    public int PerVowel { get; init; } = 100;

    /// <summary>Fraction of the examples held out for testing.</summary>
    public double TestFraction { get; init; } = 0.5;

    /// <summary>Fraction of the examples held out of training for validation, where every choice is made (stratified, seeded).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>SPSA steps.</summary>
    public int Steps { get; init; } = 10_000;

    /// <summary>Examples per step; both queries of a step see the same examples.</summary>
    public int BatchSize { get; init; } = 60;

    /// <summary>SPSA step-size numerator a in a_k = a/(k + 1 + A)^0.602 (Spall, IEEE Trans. Aerosp. Electron. Syst. 34, 817 (1998)).</summary>
    public double LearningRate { get; init; } = 0.5;

    /// <summary>SPSA perturbation numerator c in c_k = c/(k + 1)^0.101, rad of phase (Spall 1998's exponents).</summary>
    public double Perturbation { get; init; } = 0.05;

    /// <summary>
    /// Largest input field amplitude (features map to [0, this]): sets the optical power, hence how far
    /// the NOFUs go into their nonlinear range. 1 (powers up to 1 per mode), chosen with <see cref="OutputGain"/>
    /// on chip 1's validation split (<see cref="ForwardOnlyVowels.Sweep"/>, `pnn repro forward-only --sweep`: 98.3 %
    /// of 60 vowels, vs 93.3 % at the amplitude 2 and gain 10 an earlier sweep picked while looking at test).
    /// </summary>
    public double InputAmplitude { get; init; } = 1.0;

    /// <summary>
    /// Bias phase of the electro-optic activations, rad (programmable on chip). 0: transparent at low
    /// power, absorbing as power grows (one of the response shapes of Williamson et al. 2020). Their
    /// ReLU-like bias π passes under 10 % of the light at our powers, and training stayed at chance.
    /// </summary>
    public double ActivationBiasPhase { get; init; }

    /// <summary>Phase gain of the electro-optic activations, rad per unit power.</summary>
    public double ActivationPhaseGain { get; init; } = ElectroOpticActivation<double>.DefaultPhaseGain;

    /// <summary>Detector-to-logit gain (softmax temperature⁻¹) applied to the measured output powers: 20, chosen with <see cref="InputAmplitude"/> on validation.</summary>
    public double OutputGain { get; init; } = 20;

    /// <summary>How the gradient is estimated from forward queries (SPSA by default).</summary>
    public GradientEstimator Estimator { get; init; } = GradientEstimator.Spsa;

    /// <summary>Fabrication errors and detector noise of the chip that is trained.</summary>
    public MeshVariation Variation { get; init; } = PhotonicPresets.MziSiThermoOptic.Model;

    /// <summary>Also train the same network in silico by backpropagation on the ideal model (the paper's digital comparison).</summary>
    public bool DigitalBaseline { get; init; } = true;

    /// <summary>Seed of data, design, fabrication, noise and perturbations.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The reduced run used by CI and <c>--quick</c>.</summary>
    public static ForwardOnlyVowelsOptions Quick { get; } = new() { PerVowel = 80, Steps = 4000, BatchSize = 30, DigitalBaseline = false };

    internal void Validate()
    {
        Check(PerVowel >= 2, nameof(PerVowel), "≥ 2", PerVowel);
        Check(TestFraction is > 0 and < 1, nameof(TestFraction), "in (0, 1)", TestFraction);
        Check(ValidationFraction is > 0 and < 1 && ValidationFraction + TestFraction < 1, nameof(ValidationFraction), "in (0, 1 − TestFraction)", ValidationFraction);
        Check(Steps >= 1, nameof(Steps), "≥ 1", Steps);
        Check(BatchSize >= 1, nameof(BatchSize), "≥ 1", BatchSize);
        Check(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), "finite and > 0", LearningRate);
        Check(Perturbation > 0 && double.IsFinite(Perturbation), nameof(Perturbation), "finite and > 0", Perturbation);
        Check(InputAmplitude > 0 && double.IsFinite(InputAmplitude), nameof(InputAmplitude), "finite and > 0", InputAmplitude);
        Check(OutputGain > 0 && double.IsFinite(OutputGain), nameof(OutputGain), "finite and > 0", OutputGain);
        ArgumentNullException.ThrowIfNull(Variation, nameof(Variation));
    }

    private static void Check(bool ok, string name, string range, double value)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, $"{name} must be {range}; got {value}.");
        }
    }
}

/// <summary>Zeroth-order gradient estimators of <see cref="ZerothOrder"/>; the step's perturbation size c_k is their c or σ.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GradientEstimator>))]
public enum GradientEstimator
{
    /// <summary>Simultaneous perturbation: 2 queries of the batch per step.</summary>
    Spsa,

    /// <summary>Parallel Gaussian weight perturbation: 2 queries of the batch per step.</summary>
    WeightPerturbation,

    /// <summary>Central finite differences: 2 queries of the batch per phase per step.</summary>
    FiniteDifferences,
}

/// <summary>What the forward-only reproduction measured.</summary>
/// <param name="Estimator">How the gradient was estimated.</param>
/// <param name="LearningRate">Step-size numerator a.</param>
/// <param name="Vowels">The six classes.</param>
/// <param name="Splits">Train / validation / test examples.</param>
/// <param name="Controls">Phases trained on the chip (θ, φ of every MZI and the output phases of the three meshes).</param>
/// <param name="InitialTestAccuracy">The fabricated chip before training.</param>
/// <param name="TrainAccuracy">The fabricated chip after forward-only training, training set.</param>
/// <param name="ValidationAccuracy">The same, validation set (where choices are made).</param>
/// <param name="TestAccuracy">The same, test set (NaN in a sweep's unchosen runs, which do not read it).</param>
/// <param name="DigitalBaselineTestAccuracy">The same network trained by backpropagation on an ideal digital model (null when not run).</param>
/// <param name="Steps">SPSA steps.</param>
/// <param name="QueriesPerStep">Physical inferences per step: 2 × batch for SPSA and weight perturbation, whatever the number of controls.</param>
/// <param name="FiniteDifferenceQueriesPerStep">What central finite differences would need per step: 2 × controls × batch.</param>
/// <param name="TrainingQueries">Physical inferences spent on training.</param>
/// <param name="EnergyPerQueryJoules">System energy of one inference on the chip (laser, modulators, NOFU receivers, detectors, converters, heaters over one symbol).</param>
/// <param name="TrainingEnergyJoules">Energy of all training queries.</param>
/// <param name="LossCurve">Mean training loss of the step's two queries, every tenth of the run.</param>
public sealed record ForwardOnlyVowelsResult(
    GradientEstimator Estimator,
    double LearningRate,
    IReadOnlyList<string> Vowels,
    SplitSizes Splits,
    int Controls,
    double InitialTestAccuracy,
    double TrainAccuracy,
    double ValidationAccuracy,
    double TestAccuracy,
    double? DigitalBaselineTestAccuracy,
    int Steps,
    long QueriesPerStep,
    long FiniteDifferenceQueriesPerStep,
    long TrainingQueries,
    double EnergyPerQueryJoules,
    double TrainingEnergyJoules,
    IReadOnlyList<LossPoint> LossCurve)
{
    /// <summary>Bandyopadhyay et al. 2024's latency of one inference through the chip, s: 410 ps (abstract).</summary>
    public const double PublishedLatencySeconds = 410e-12;

    /// <summary>The latency budget of one inference (<see cref="OpticalPathLatency"/>): time of flight, NOFU and receiver responses, DAC and ADC samples.</summary>
    public IReadOnlyList<LatencyTerm> LatencyTerms { get; init; } = [];

    /// <summary>Time light spends on the chip for one inference (meshes, NOFUs, routing), s: the figure the paper's 410 ps counts.</summary>
    public double OnChipLatencySeconds => LatencyTerms.Where(t => t.OnChipOptical).Sum(t => t.Seconds);

    /// <summary>End-to-end latency of one inference, DAC in to ADC out, s.</summary>
    public double LatencySeconds => LatencyTerms.Sum(t => t.Seconds);

    /// <summary>
    /// Core energy of one inference, J: the optical energy launched into the chip over one symbol (modes × optical
    /// power per mode / symbol rate), the light that computes, as optical-computing papers count it. The system figure is <see cref="EnergyPerQueryJoules"/>.
    /// </summary>
    public double CoreEnergyPerInferenceJoules { get; init; }
}

/// <summary>One point of <see cref="ForwardOnlyVowels.Sweep"/>: the encoding and read-out gains and the validation accuracy they train to.</summary>
public sealed record ForwardOnlyGainPoint(double InputAmplitude, double OutputGain, double ValidationAccuracy);

/// <summary>What <see cref="ForwardOnlyVowels.Sweep"/> measured: the grid on validation and the chosen point's run (its test split read once).</summary>
public sealed record ForwardOnlySweep(IReadOnlyList<ForwardOnlyGainPoint> Grid, ForwardOnlyVowelsResult Chosen);

/// <summary>One point of a training-loss curve.</summary>
/// <param name="Step">Steps done.</param>
/// <param name="Loss">Mean loss of that step's queries.</param>
public sealed record LossPoint(int Step, double Loss);

/// <summary>
/// The spirit of Bandyopadhyay et al., "Single-chip photonic deep neural network with forward-only
/// training", Nat. Photonics 18, 1335 (2024): a 6-mode, 3-layer coherent network (three Clements
/// meshes) with optoelectronic nonlinearities between the layers (a tap to a photodiode driving a
/// modulator on the remaining light; here Williamson et al.'s electro-optic activation), photodetection
/// at the output, trained in situ on a fabricated instance by forward queries only: SPSA on the
/// physical phases, two queries of the batch per step. Six vowels synthesized from published
/// formants, six formant features encoded as field amplitudes on the six input modes. The synthetic
/// vowels (one speaker model, three formants) are easier than the paper's recordings: backpropagation
/// on an ideal digital model reaches 93–99 % here, so the figure to compare is the gap to that baseline.
/// </summary>
public static class ForwardOnlyVowels
{
    /// <summary>
    /// The three estimators on one chip at an equal budget of physical queries (finite differences get
    /// <see cref="ForwardOnlyVowelsOptions.Steps"/> / controls steps), each at every learning rate given.
    /// </summary>
    public static IReadOnlyList<ForwardOnlyVowelsResult> CompareEstimators(ForwardOnlyVowelsOptions options, IReadOnlyList<double> learningRates, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(learningRates);
        const int controls = ForwardOnlyVowelsOptions.Layers * ((ForwardOnlyVowelsOptions.Modes * (ForwardOnlyVowelsOptions.Modes - 1)) + ForwardOnlyVowelsOptions.Modes);
        var runs = new List<ForwardOnlyVowelsResult>();
        foreach (var estimator in Enum.GetValues<GradientEstimator>())
        {
            foreach (double lr in learningRates)
            {
                int steps = estimator == GradientEstimator.FiniteDifferences ? Math.Max(1, options.Steps / controls) : options.Steps;
                runs.Add(Run(options with { Estimator = estimator, LearningRate = lr, Steps = steps, DigitalBaseline = false }, log));
            }
        }
        return runs;
    }

    /// <summary>Runs the reproduction; <paramref name="log"/> receives progress lines.</summary>
    public static ForwardOnlyVowelsResult Run(ForwardOnlyVowelsOptions options, Action<string>? log = null) => Run(options, log, readTest: true);

    /// <summary>Input amplitudes of <see cref="Sweep"/>'s default grid.</summary>
    public static IReadOnlyList<double> SweepInputAmplitudes { get; } = [1, 1.4, 2];

    /// <summary>Output gains of <see cref="Sweep"/>'s default grid.</summary>
    public static IReadOnlyList<double> SweepOutputGains { get; } = [10, 20];

    /// <summary>
    /// Trains one chip per (input amplitude, output gain) without reading the test split, keeps the one with
    /// the highest validation accuracy (the first on ties) and runs it again, seeded alike, to read test once.
    /// </summary>
    public static ForwardOnlySweep Sweep(ForwardOnlyVowelsOptions options, IReadOnlyList<double>? amplitudes = null, IReadOnlyList<double>? outputGains = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var grid = new List<ForwardOnlyGainPoint>();
        foreach (double a in amplitudes ?? SweepInputAmplitudes)
        {
            foreach (double k in outputGains ?? SweepOutputGains)
            {
                var r = Run(options with { InputAmplitude = a, OutputGain = k, DigitalBaseline = false }, null, readTest: false);
                grid.Add(new ForwardOnlyGainPoint(a, k, r.ValidationAccuracy));
                log?.Invoke($"input amplitude {a}, output gain {k}: validation {r.ValidationAccuracy:P1}");
            }
        }
        var best = grid.MaxBy(p => p.ValidationAccuracy)!;
        return new ForwardOnlySweep(grid, Run(options with { InputAmplitude = best.InputAmplitude, OutputGain = best.OutputGain }, log, readTest: true));
    }

    private static ForwardOnlyVowelsResult Run(ForwardOnlyVowelsOptions options, Action<string>? log, bool readTest)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        const int n = ForwardOnlyVowelsOptions.Modes;
        var all = VowelFormantFeatures.Create(options.PerVowel, options.Seed);
        var parts = Splits.TrainValidationTest(all, options.ValidationFraction, options.TestFraction, options.Seed);
        // Features to [0, amplitude] from the training set. Not signed: a coherent network without bias
        // maps x and −x to the same detected powers, so a centred encoding would merge opposite examples.
        var scaler = FeatureScaler.FitMinMax(parts.Train.Features, 0, options.InputAmplitude);
        var (train, validation, test) = (scaler.Transform(parts.Train), scaler.Transform(parts.Validation), scaler.Transform(parts.Test));

        var rng = new Rng(options.Seed).Split("forward-only");
        var designs = Enumerable.Range(0, ForwardOnlyVowelsOptions.Layers)
            .Select(l => new ClementsMesh<double>(n, rng.Split($"design{l}"), name: $"mesh{l}")).ToList();
        double? digital = options.DigitalBaseline && readTest ? DigitalBaseline(designs, options, train, test) : null;

        // The chip: each mesh fabricated with its own errors; the trainer sees only measured outputs.
        var chip = designs.Select((d, l) => d.Fabricate(options.Variation, rng.Split("fabrication").Split((ulong)l).NextULong()).Mesh).ToList();
        var network = Network(chip, options, options.Variation.DetectorNoise);
        var theta = ReadPhases(chip);
        var loss = new SoftmaxCrossEntropy<double>();
        var ledger = new CostLedger();
        long queries = 0, measurements = 0;
        var noise = rng.Split("measurement");

        Tensor<double> Measure(double[] phases, Dataset<double> data, CostLedger? charge, Rng draws)
        {
            WritePhases(chip, phases);
            var ctx = new ForwardContext(Mode.Eval, draws) { Ledger = charge };
            queries += charge is null ? 0 : data.Count;
            return network.Forward(data.Features, ctx);
        }
        // Evaluations draw their detector noise from their own stream, so whether the test split is read does not change training.
        var evaluation = rng.Split("evaluation");
        double Accuracy(Dataset<double> data, string part) => (double)Loss<double>.CountCorrect(Measure(theta, data, null, evaluation.Split(part)), data.Labels) / data.Count;

        double initial = readTest ? Accuracy(test, "initial test") : double.NaN;
        var perturb = rng.Split("spsa");
        var batches = rng.Split("batches");
        var curve = new List<LossPoint>();
        double stability = 0.1 * options.Steps; // Spall's A ≈ 10 % of the iterations
        var perm = batches.Permutation(train.Count);
        int cursor = 0;
        long perStep = 0;
        for (int k = 0; k < options.Steps; k++)
        {
            if (cursor + options.BatchSize > train.Count)
            {
                perm = batches.Permutation(train.Count);
                cursor = 0;
            }
            var batch = train.Subset(perm.AsSpan(cursor, Math.Min(options.BatchSize, train.Count)));
            cursor += options.BatchSize;
            double ak = options.LearningRate / Math.Pow(k + 1 + stability, 0.602);
            double ck = options.Perturbation / Math.Pow(k + 1, 0.101);
            double sum = 0;
            double Query(double[] p)
            {
                double l = loss.Compute(Measure(p, batch, ledger, noise.Split((ulong)measurements++)), batch.Labels, null);
                sum += l;
                return l;
            }
            var (g, evaluations) = options.Estimator switch
            {
                GradientEstimator.Spsa => ZerothOrder.Spsa(Query, theta, ck, perturb),
                GradientEstimator.WeightPerturbation => ZerothOrder.WeightPerturbation(Query, theta, ck, perturb),
                _ => ZerothOrder.FiniteDifferences(Query, theta, ck),
            };
            perStep = evaluations * (long)batch.Count;
            for (int i = 0; i < theta.Length; i++)
            {
                theta[i] -= ak * g[i];
            }
            if ((k + 1) % Math.Max(1, options.Steps / 10) == 0)
            {
                curve.Add(new LossPoint(k + 1, sum / evaluations));
                log?.Invoke($"{options.Estimator} step {k + 1}: loss {sum / evaluations:F4}");
            }
        }
        ledger.RecordInferences(queries);
        double perQuery = ledger.SystemEnergyPerInference(1 / PhotonicCostModel.Default.SymbolRateHz);
        var cost = PhotonicCostModel.Default;
        return new ForwardOnlyVowelsResult(
            options.Estimator,
            options.LearningRate,
            [.. VowelFormantFeatures.SixVowels.Select(v => v.Name)],
            parts.Sizes,
            theta.Length,
            initial,
            Accuracy(train, "train"),
            Accuracy(validation, "validation"),
            readTest ? Accuracy(test, "test") : double.NaN,
            digital,
            options.Steps,
            perStep,
            2L * Math.Min(options.BatchSize, train.Count) * theta.Length,
            queries,
            perQuery,
            perQuery * queries,
            curve)
        {
            LatencyTerms = OpticalPathLatency.Default.Terms(chip),
            CoreEnergyPerInferenceJoules = n * cost.OpticalPowerPerModeWatts / cost.SymbolRateHz,
        };
    }

    /// <summary>Modulators → (mesh → NOFU) × 2 → mesh → photodetectors.</summary>
    private static Sequential<double> Network(List<MziMesh<double>> meshes, ForwardOnlyVowelsOptions o, PhotodetectorNoise? noise)
    {
        const int n = ForwardOnlyVowelsOptions.Modes;
        var layers = new List<ILayer<double>> { new AmplitudeModulator<double>(n, n, name: "input modulators") };
        for (int l = 0; l < meshes.Count; l++)
        {
            layers.Add(meshes[l]);
            if (l < meshes.Count - 1)
            {
                layers.Add(new ElectroOpticActivation<double>(n, biasPhase: o.ActivationBiasPhase, phaseGain: o.ActivationPhaseGain, name: $"nofu{l}"));
            }
        }
        layers.Add(new Photodetector<double>(n, o.OutputGain, noise, "output detectors"));
        return new Sequential<double>([.. layers]);
    }

    /// <summary>Backpropagation through an ideal (error-free, noiseless) digital model of the same network.</summary>
    private static double DigitalBaseline(IReadOnlyList<ClementsMesh<double>> designs, ForwardOnlyVowelsOptions o, Dataset<double> train, Dataset<double> test)
    {
        var ideal = designs.Select(d => (MziMesh<double>)d.WithErrors(MeshErrors.None)).ToList();
        var model = Network(ideal, o, null);
        var loss = new SoftmaxCrossEntropy<double>();
        // Adam at 0.02 for 300 epochs of batch 30 (not tuned; a reference, not a bound).
        var trainer = new Trainer<double>(model, loss, new Adam<double>(model.Parameters, 0.02), new TrainerOptions { Epochs = 300, BatchSize = 30, Seed = o.Seed });
        trainer.Fit(train);
        return Trainer<double>.Evaluate(model, loss, test, 100).Accuracy!.Value;
    }

    private static double[] ReadPhases(List<MziMesh<double>> meshes) =>
        [.. meshes.SelectMany(m => m.Theta.Value.Data.Concat(m.Phi.Value.Data).Concat(m.OutputPhase.Value.Data))];

    private static void WritePhases(IReadOnlyList<MziMesh<double>> meshes, double[] theta)
    {
        int at = 0;
        foreach (var m in meshes)
        {
            int z = m.MziCount;
            m.SetPhases(theta.AsSpan(at, z), theta.AsSpan(at + z, z), theta.AsSpan(at + (2 * z), m.Modes));
            at += (2 * z) + m.Modes;
        }
    }
}

/// <summary>The trained chips (and, in a full run, the estimators compared), as <c>pnn repro forward-only</c> prints them.</summary>
/// <param name="Chips">One run per chip, chip i with seed <paramref name="Seed"/> + i.</param>
/// <param name="Comparison">The estimators at an equal query budget on the first chip; empty under --quick.</param>
/// <param name="Seed">The first chip's seed.</param>
public sealed record ForwardOnlyReproResult(IReadOnlyList<ForwardOnlyVowelsResult> Chips, IReadOnlyList<ForwardOnlyVowelsResult> Comparison, ulong Seed) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => new { Chips, Comparison };

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var report = new ReproReport();
        var r0 = Chips[0];
        var t = report.Table($"Forward-only (SPSA) training of a fabricated 6-mode, 3-layer coherent network with electro-optic NOFUs on six vowels ({string.Join(", ", r0.Vowels)}), {r0.Splits}")
            .AddColumn("seed").AddColumn("before training").AddColumn("train").AddColumn("validation").AddColumn("test").AddColumn("backprop on an ideal digital model");
        for (int i = 0; i < Chips.Count; i++)
        {
            var r = Chips[i];
            t.AddRow($"{Seed + (ulong)i}", $"{r.InitialTestAccuracy:P1}", $"{r.TrainAccuracy:P1}", $"{r.ValidationAccuracy:P1}", $"{r.TestAccuracy:P1}", r.DigitalBaselineTestAccuracy is { } d ? $"{d:P1}" : "—");
        }
        report.Line($"test accuracy over {Chips.Count} chip(s): mean {Chips.Average(r => r.TestAccuracy):P1}, min {Chips.Min(r => r.TestAccuracy):P1} (Bandyopadhyay et al. report 92.5 % on recorded vowels)");
        report.Line($"physical queries: {r0.QueriesPerStep:N0} inferences per step for {r0.Controls} phases (central finite differences would need {r0.FiniteDifferenceQueriesPerStep:N0}); {r0.TrainingQueries:N0} in {r0.Steps:N0} steps per chip");
        report.Line($"energy: {Units.Joules(r0.EnergyPerQueryJoules)} per query (system, at 10 GS/s; heater power counted over one symbol, not over the settling after each phase update), {Units.Joules(r0.TrainingEnergyJoules)} for one chip's training");
        var lat = report.Table($"Latency of one inference, chip {Seed} (OpticalPathLatency: time of flight at group index {OpticalPathLatency.Default.GroupIndex}, rise times 0.35/B)")
            .AddColumn("stage").AddColumn("latency").AddColumn("how").AddColumn("on the chip's optical path");
        foreach (var term in r0.LatencyTerms)
        {
            lat.AddRow(term.Stage, Ps(term.Seconds), term.Formula, term.OnChipOptical ? "yes" : "no (electronic I/O)");
        }
        var cmp = report.Table("Published vs PnnKit, per inference").AddColumn("figure").AddColumn("Bandyopadhyay et al. 2024").AddColumn("PnnKit").AddColumn("what the published figure leaves out");
        cmp.AddRow("latency", Ps(ForwardOnlyVowelsResult.PublishedLatencySeconds), $"{Ps(r0.OnChipLatencySeconds)} on chip; {Ps(r0.LatencySeconds)} DAC in to ADC out",
            $"{Ps(r0.LatencySeconds - r0.OnChipLatencySeconds)} of electronic I/O (DAC sample, modulator and receiver rise, ADC sample)");
        cmp.AddRow("energy", "— (fJ per operation projected, not measured)", $"core {Units.Joules(r0.CoreEnergyPerInferenceJoules)} (light launched over one symbol); system {Units.Joules(r0.EnergyPerQueryJoules)}",
            $"{Units.Joules(r0.EnergyPerQueryJoules - r0.CoreEnergyPerInferenceJoules)}: laser wall-plug, DACs, modulators, NOFU photodiodes, receivers, ADCs, heaters");
        cmp.AddRow("test accuracy", "92.5 % (recorded vowels)", $"{r0.TestAccuracy:P1} (synthetic vowels)", "—");
        if (Comparison.Count > 0)
        {
            var c = report.Table($"Estimators at an equal budget of physical queries, chip {Seed}").AddColumn("estimator").AddColumn("learning rate").AddColumn("steps").AddColumn("queries / step").AddColumn("queries").AddColumn("train").AddColumn("validation").AddColumn("test");
            foreach (var r in Comparison)
            {
                c.AddRow(Label(r.Estimator), $"{r.LearningRate}", $"{r.Steps:N0}", $"{r.QueriesPerStep:N0}", $"{r.TrainingQueries:N0}", $"{r.TrainAccuracy:P1}", $"{r.ValidationAccuracy:P1}", $"{r.TestAccuracy:P1}");
            }
        }
        return report;
    }

    private static string Ps(double seconds) => $"{seconds * 1e12:F1} ps";

    private static string Label(GradientEstimator e) => e switch
    {
        GradientEstimator.Spsa => "SPSA",
        GradientEstimator.WeightPerturbation => "weight perturbation",
        _ => "finite differences",
    };
}

/// <summary>The amplitude and gain grid on validation and the chosen chip, as <c>pnn repro forward-only --sweep</c> prints them.</summary>
/// <param name="Sweep">The grid and the chosen point's run.</param>
/// <param name="Seed">The chip's seed.</param>
public sealed record ForwardOnlySweepResult(ForwardOnlySweep Sweep, ulong Seed) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Sweep;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var report = new ReproReport();
        var grid = report.Table($"validation accuracy of chip {Seed} ({Sweep.Chosen.Splits.Validation} held-out vowels) by input amplitude and output gain").AddColumn("input amplitude");
        foreach (double k in ForwardOnlyVowels.SweepOutputGains)
        {
            grid.AddColumn($"output gain {k}");
        }
        foreach (var row in Sweep.Grid.GroupBy(p => p.InputAmplitude))
        {
            grid.AddRow([$"{row.Key}", .. row.Select(p => $"{p.ValidationAccuracy:P1}")]);
        }
        var c = Sweep.Chosen;
        var best = Sweep.Grid.MaxBy(p => p.ValidationAccuracy)!;
        return report.Line($"chosen on validation: input amplitude {best.InputAmplitude}, output gain {best.OutputGain}; that chip, its test split read once: train {c.TrainAccuracy:P1}, validation {c.ValidationAccuracy:P1}, test {c.TestAccuracy:P1}");
    }
}

/// <summary><c>pnn repro forward-only</c>: <see cref="ForwardOnlyVowels"/> on one or more fabricated chips, from the command line.</summary>
public sealed class ForwardOnlyReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "forward-only";

    /// <inheritdoc/>
    public string Summary => "SPSA-only training of a fabricated 6-mode, 3-layer photonic network on six vowels";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Bandyopadhyay et al.", 2024, "Nat. Photonics")];

    /// <inheritdoc/>
    public string? Quick => "80 vowels per class, 4,000 SPSA steps, one chip, no digital baseline and no estimator comparison";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } =
        [ReproOption.Quick, new("epochs", "SPSA steps"), new("instances", "fabricated chips, each with its own seed (default 5; --quick 1)"), ReproOption.Seed, ReproOption.Sweep];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        ulong seed = args.Seed;
        bool quick = args.Flag("quick");
        var baseOptions = quick ? ForwardOnlyVowelsOptions.Quick : new ForwardOnlyVowelsOptions();
        var options = baseOptions with { Steps = args.Int("epochs", baseOptions.Steps, 1, 10_000_000), Seed = seed };
        // Each chip: its own seed for data, design, fabrication and noise.
        int chips = args.Int("instances", quick ? 1 : 5, 1, 1000);
        var log = context.Log;
        if (args.Flag("sweep"))
        {
            return new ForwardOnlySweepResult(ForwardOnlyVowels.Sweep(options, log: log), seed);
        }
        var runs = Enumerable.Range(0, chips).Select(i => ForwardOnlyVowels.Run(options with { Seed = seed + (ulong)i }, log)).ToList();
        // Full runs also compare the estimators at an equal query budget on the first chip.
        var comparison = quick ? [] : ForwardOnlyVowels.CompareEstimators(options, [0.5, 2], log);
        return new ForwardOnlyReproResult(runs, comparison, seed);
    }
}
