using System.Numerics;
using System.Text.Json.Serialization;
using PnnKit.Bench.Suite;
using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Methods;
using PnnKit.Photonics.Converters;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Networks;

namespace PnnKit.Bench.Reproductions;

/// <summary>Settings of <see cref="InSituPhotonic.Run(InSituPhotonicOptions)"/>; the defaults are the full run.</summary>
public sealed record InSituPhotonicOptions
{
    /// <summary>A reduced run for CI: half the epochs.</summary>
    public static InSituPhotonicOptions Quick { get; } = new() { DesignEpochs = 100, InSituEpochs = 50 };

    /// <summary>moons, circles or rings.</summary>
    public string Task { get; init; } = "moons";

    /// <summary>Points drawn: <see cref="TestFraction"/> of them for testing, <see cref="ValidationFraction"/> for validation, the rest for training.</summary>
    public int Samples { get; init; } = 2000;

    /// <summary>Share of the points held out for validation (200 of 2,000): <see cref="InSituPhotonic.Sweep"/> chooses on it.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Share of the points read once, at the end, for the test figures (1,000 of 2,000).</summary>
    public double TestFraction { get; init; } = 0.5;

    /// <summary>Noise of the task generator (null: the catalog's default, rings 0.05 on the radius as neuroptica, others 0.1).</summary>
    public double? TaskNoise { get; init; }

    /// <summary>
    /// Input encoding. True: (x₁, x₂, √(2 − x₁² − x₂²))/√2 and the bias 1 on the four waveguides, so every sample
    /// launches the same optical power (1 + 1), the third amplitude carries the radius and no amplitude exceeds the
    /// modulators' unit carrier. False: (x₁, x₂, 1, 1).
    /// </summary>
    public bool ConstantPowerEncoding { get; init; } = true;

    /// <summary>Epochs of in-silico training of the ideal design.</summary>
    public int DesignEpochs { get; init; } = 200;

    /// <summary>Epochs of in-situ training on the fabricated instance.</summary>
    public int InSituEpochs { get; init; } = 100;

    /// <summary>Mini-batch size of both trainings.</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>Adam step of the in-silico training, rad.</summary>
    public double DesignLearningRate { get; init; } = 0.05;

    /// <summary>Adam step of the in-situ training, rad (chosen on validation with <see cref="OutputGain"/> by <see cref="InSituPhotonic.Sweep"/>).</summary>
    public double InSituLearningRate { get; init; } = 0.02;

    /// <summary>Detector gain turning the last layer's output powers into logits (fixed, not trained; chosen on validation by <see cref="InSituPhotonic.Sweep"/>).</summary>
    public double OutputGain { get; init; } = InSituPhotonic.DefaultOutputGain;

    /// <summary>
    /// Resolution of the DACs driving the input modulators, bits: each amplitude is clipped to the unit carrier's ±1
    /// and rounded to one of 2^bits levels (8: the converter the cost model charges, <c>PhotonicCostModel.DacJoulesPerConversion</c>).
    /// </summary>
    public int InputDacBits { get; init; } = 8;

    /// <summary>Static phase error of every shifter of the fabricated copy, rad (0.4: large on purpose, so deployment visibly fails).</summary>
    public double PhaseErrorStd { get; init; } = 0.4;

    /// <summary>Std of every coupler's splitting ratio around 0.5 (5 %: large on purpose).</summary>
    public double CouplerErrorStd { get; init; } = 0.05;

    /// <summary>Seed of data, initial phases, fabrication and training.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>How the in-situ readings are made (default: measured — detector noise, 8-bit ADCs, a power-limited, imperfect adjoint source).</summary>
    public InSituOptions InSitu { get; init; } = InSituOptions.Measured;

    /// <summary>
    /// The detector-noise sweep: each level retrains the same fabricated instance in situ with <see cref="InSitu"/>'s
    /// thermal noise times the level; 0 is the exact, noise-free protocol (<see cref="InSituOptions.NoiseFree"/>). Empty: no sweep.
    /// </summary>
    public IReadOnlyList<double> DetectorNoiseLevels { get; init; } = [0, 1, 10, 100];

    /// <summary>
    /// The fabricated chip as devices that measure their own gradient, mesh l as <c>ChipMeshes(l)</c> (e.g. served by
    /// `pnn serve --device configs/devices/insitu-photonic-chip.yaml`); null: the chip is fabricated in process. A served chip
    /// reads as its device does, so <see cref="InSitu"/> does not apply and the detector-noise sweep must be empty.
    /// </summary>
    [JsonIgnore]
    public Func<int, IGradientSystem<double>>? ChipMeshes { get; init; }

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!InSituPhotonic.Tasks.Contains(Task, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Task '{Task}' is not one of {string.Join(", ", InSituPhotonic.Tasks)}.", nameof(Task));
        }
        if (Samples < 20)
        {
            throw new ArgumentOutOfRangeException(nameof(Samples), $"Need at least 20 points; got {Samples}.");
        }
        if (!(ValidationFraction > 0 && TestFraction > 0 && ValidationFraction + TestFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), $"Need validation and test fractions > 0 summing below 1; got {ValidationFraction} and {TestFraction}.");
        }
        if (!(OutputGain > 0 && double.IsFinite(OutputGain)) || !(InSituLearningRate > 0 && double.IsFinite(InSituLearningRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(OutputGain), $"Output gain and in-situ learning rate must be finite and > 0; got {OutputGain} and {InSituLearningRate}.");
        }
        if (InputDacBits is < 0 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(InputDacBits), $"Input DAC bits must be 0 (ideal) to 16; got {InputDacBits}.");
        }
        if (DesignEpochs < 1 || InSituEpochs < 0 || BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DesignEpochs), $"Need DesignEpochs ≥ 1, InSituEpochs ≥ 0, BatchSize ≥ 1; got {DesignEpochs}, {InSituEpochs}, {BatchSize}.");
        }
        if (TaskNoise is double noise && !(noise >= 0 && double.IsFinite(noise)))
        {
            throw new ArgumentOutOfRangeException(nameof(TaskNoise), $"Task noise must be finite and ≥ 0; got {noise}.");
        }
        ArgumentNullException.ThrowIfNull(InSitu, nameof(InSitu));
        if (DetectorNoiseLevels is null || DetectorNoiseLevels.Any(l => !(l >= 0 && double.IsFinite(l))))
        {
            throw new ArgumentOutOfRangeException(nameof(DetectorNoiseLevels), "Detector-noise levels must be finite and ≥ 0 (0: noise-free).");
        }
        if (ChipMeshes is not null && DetectorNoiseLevels.Count > 0)
        {
            throw new ArgumentException("A served chip reads with its own detectors: the detector-noise sweep needs the chip in process (leave DetectorNoiseLevels empty).", nameof(DetectorNoiseLevels));
        }
    }
}

/// <summary>What the in-situ photonic reproduction measured on one task.</summary>
/// <param name="Task">moons, circles or rings.</param>
/// <param name="TaskNoise">Noise of the generator (null: catalog default).</param>
/// <param name="Encoding">The input encoding, in words.</param>
/// <param name="LabelNoiseCeiling">Rings only: test accuracy of the noise-free rule 0.4 ≤ r ≤ 0.8 on the noisy test labels, the best any classifier can expect (null for other tasks).</param>
/// <param name="DesignAccuracy">Ideal design trained in silico.</param>
/// <param name="DeployedAccuracy">The same phases on a fabricated instance.</param>
/// <param name="RecoveredAccuracy">After in-situ training on that instance (gradients from intensities).</param>
/// <param name="CoreEnergyPerInferenceJoules">Optical core only.</param>
/// <param name="SystemEnergyPerInferenceJoules">With laser, modulators, detectors, TIAs, ADCs and heater holding power.</param>
/// <param name="CostTerms">The ledger's terms, summed over <paramref name="Inferences"/> inferences.</param>
/// <param name="Inferences">Inferences the terms were charged for.</param>
/// <param name="Training">What in-situ training cost: measurements, passes and energy (null on a served chip, which meters its own).</param>
/// <param name="Readings">How the in-situ readings of <paramref name="RecoveredAccuracy"/> were made (noise, ADC, adjoint source; null on a served chip, which reads as its device file says).</param>
/// <param name="DetectorNoiseSweep">Accuracy after in-situ training of the same instance at each detector-noise level (no choice is made on it).</param>
/// <param name="Splits">Train / validation / test points.</param>
/// <param name="ValidationAccuracy">After in-situ training, on validation (what <see cref="InSituPhotonic.Sweep"/> compares).</param>
/// <param name="OutputGain">Detector gain of the logits.</param>
/// <param name="InSituLearningRate">Adam step of the in-situ training, rad.</param>
public sealed record InSituPhotonicResult(SplitSizes Splits, double ValidationAccuracy, double OutputGain, double InSituLearningRate, string Task, double? TaskNoise, string Encoding, double? LabelNoiseCeiling, double DesignAccuracy, double DeployedAccuracy, double RecoveredAccuracy, double CoreEnergyPerInferenceJoules, double SystemEnergyPerInferenceJoules, IReadOnlyList<CostEntry> CostTerms, long Inferences, InSituTrainingCost? Training, InSituOptions? Readings, IReadOnlyList<DetectorNoiseRow> DetectorNoiseSweep)
{
    /// <summary>NeuroBench-style static metrics of the retrained instance (for `pnn bench suite`; not in the repro's JSON).</summary>
    [JsonIgnore]
    public StaticMetrics? Static { get; init; }
}

/// <summary>One level of a detector-noise sweep: the readings' settings and the test accuracy after in-situ training with them.</summary>
/// <param name="Level">Thermal noise as a multiple of the physical default (0: the exact, noise-free protocol).</param>
/// <param name="ThermalNoiseStd">Additive noise std of a tap reading, units of power.</param>
/// <param name="ShotNoiseFactor">Shot-noise variance per unit power.</param>
/// <param name="AdcBits">ADC bits (0: ideal).</param>
/// <param name="AdjointPowerPerMode">Power of the normalized adjoint source per mode (null: not power-limited).</param>
/// <param name="Accuracy">Test accuracy after in-situ training.</param>
public sealed record DetectorNoiseRow(double Level, double ThermalNoiseStd, double ShotNoiseFactor, int AdcBits, double? AdjointPowerPerMode, double Accuracy)
{
    /// <summary>The readings at <paramref name="level"/> × the thermal noise of <paramref name="measured"/> (0: noise-free).</summary>
    public static InSituOptions Readings(InSituOptions measured, double level)
    {
        ArgumentNullException.ThrowIfNull(measured);
        return level == 0 ? InSituOptions.NoiseFree : measured with { ThermalNoiseStd = measured.ThermalNoiseStd * level };
    }

    /// <summary>The row for <paramref name="readings"/> at <paramref name="level"/>.</summary>
    public static DetectorNoiseRow Of(double level, InSituOptions readings, double accuracy)
    {
        ArgumentNullException.ThrowIfNull(readings);
        return new(level, readings.ThermalNoiseStd, readings.ShotNoiseFactor, readings.AdcBits, readings.AdjointPowerPerMode, accuracy);
    }

    /// <summary>The level in words.</summary>
    public string Label => Level == 0 ? "noise-free" : Level == 1 ? "physical (1×)" : $"{Level:0.##}× thermal";
}

/// <summary>One point of <see cref="InSituPhotonic.Sweep"/>: the settings and each run's validation accuracy after in-situ training.</summary>
/// <param name="OutputGain">Detector gain of the logits.</param>
/// <param name="InSituLearningRate">Adam step of the in-situ training, rad.</param>
/// <param name="ValidationAccuracies">Per run (task), in the order given.</param>
public sealed record InSituPhotonicGridPoint(double OutputGain, double InSituLearningRate, IReadOnlyList<double> ValidationAccuracies)
{
    /// <summary>What the sweep compares: the mean over the runs.</summary>
    public double MeanValidationAccuracy => ValidationAccuracies.Average();
}

/// <summary>What <see cref="InSituPhotonic.Sweep"/> measured: the grid on validation, the chosen point, and each run at it with its test split read once.</summary>
public sealed record InSituPhotonicSweep(IReadOnlyList<InSituPhotonicGridPoint> Grid, InSituPhotonicGridPoint Chosen, IReadOnlyList<InSituPhotonicResult> Runs);

/// <summary>
/// In-situ backpropagation with light (Hughes et al., Optica 2018; Pai et al., Science 2023): three
/// 4-port Clements meshes with photodetector nonlinearities on a 2-D task, trained in silico, deployed
/// on a fabricated instance with static phase and coupler errors, then retrained in situ with
/// gradients measured from intensities only.
/// </summary>
public static class InSituPhotonic
{
    /// <summary>The tasks of the paper's demonstrations.</summary>
    public static readonly string[] Tasks = ["moons", "circles", "rings"];

    // Rings: the generator's class rule (DataCatalog "rings", neuroptica's generate_ring_planar_dataset).
    private const double RingInner = 0.4, RingOuter = 0.8;

    /// <summary>
    /// The default detector gain of the logits, chosen on validation by <see cref="Sweep"/> (`pnn repro insitu-photonic --sweep`:
    /// 97.1 % mean validation accuracy after in-situ training against 97.0 % at 60 and 94.4 % at the former 10; at 400 training diverges).
    /// </summary>
    public const double DefaultOutputGain = 150;

    // Constant-power encoding: x₁² + x₂² ≤ 2 on [−1, 1]², so √(2 − r²) is real; divided by √2 every amplitude stays
    // within the unit carrier (1 mW per mode) and the three carry power 1, the bias mode another 1.
    private const double EncodedPower = 2.0;

    /// <summary>Output gains of <see cref="Sweep"/>'s grid (about 2.5× apart; a tie keeps the first).</summary>
    public static IReadOnlyList<double> SweepOutputGains { get; } = [10, 25, 60, DefaultOutputGain];

    /// <summary>In-situ Adam steps of <see cref="Sweep"/>'s grid, rad (the default first).</summary>
    public static IReadOnlyList<double> SweepInSituLearningRates { get; } = [0.02, 0.01, 0.05];

    /// <summary>Runs on <paramref name="task"/> (moons, circles or rings) with the default settings.</summary>
    public static InSituPhotonicResult Run(string task = "moons", ulong seed = 1) => Run(new InSituPhotonicOptions { Task = task, Seed = seed });

    /// <summary>Runs the reproduction with <paramref name="options"/>: trains on the training split, reads validation and test.</summary>
    public static InSituPhotonicResult Run(InSituPhotonicOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Test(options, Fit(options));
    }

    /// <summary>
    /// Chooses the output gain and the in-situ learning rate on validation: every point of the grid trains each of
    /// <paramref name="runs"/> (the tasks of one command) in silico and in situ, is scored by the mean validation accuracy
    /// after in-situ training over them, and the best (the first on a tie) is read on test once, per run.
    /// </summary>
    public static InSituPhotonicSweep Sweep(IReadOnlyList<InSituPhotonicOptions> runs, IReadOnlyList<double>? outputGains = null, IReadOnlyList<double>? learningRates = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("Need at least one run to sweep.", nameof(runs));
        }
        var grid = new List<InSituPhotonicGridPoint>();
        (InSituPhotonicGridPoint Point, List<(InSituPhotonicOptions Options, Fitted Fit)> Fits)? best = null;
        foreach (double gain in outputGains ?? SweepOutputGains)
        {
            foreach (double lr in learningRates ?? SweepInSituLearningRates)
            {
                var fits = runs.Select(o => o with { OutputGain = gain, InSituLearningRate = lr }).Select(o => { o.Validate(); return (o, Fit(o)); }).ToList();
                var point = new InSituPhotonicGridPoint(gain, lr, [.. fits.Select(f => f.Item2.ValidationAccuracy)]);
                grid.Add(point);
                log?.Invoke($"  output gain {gain}, in-situ step {lr} rad: mean validation accuracy {point.MeanValidationAccuracy:P2}");
                if (best is null || point.MeanValidationAccuracy > best.Value.Point.MeanValidationAccuracy)
                {
                    best = (point, fits);
                }
            }
        }
        return new InSituPhotonicSweep(grid, best!.Value.Point, [.. best.Value.Fits.Select(f => Test(f.Options, f.Fit))]);
    }

    /// <summary>What <see cref="Fit"/> trained: the design, the retrained instance and the data it saw.</summary>
    private sealed record Fitted(DataSplits<double> Data, Dataset<double> RawTest, List<ClementsMesh<double>> Designs, Sequential<double> Silico, Sequential<double> Deployed, Rng Rng, int Steps, double ValidationAccuracy);

    /// <summary>In silico on the design, then in situ on a fabricated instance with <see cref="InSituPhotonicOptions.InSitu"/>'s readings; reads validation only.</summary>
    private static Fitted Fit(InSituPhotonicOptions options)
    {
        var (data, rawTest) = Data(options);
        var rng = new Rng(options.Seed).Split("photonic");
        var designs = Meshes<double>(rng);
        var silico = MeshClassifier.Build<double>([.. designs.Cast<MziMesh<double>>()], data.Train.FeatureCount, options.OutputGain, inputDacBits: options.InputDacBits);
        // Cosine decay to zero over each training: the last epochs settle instead of jittering by a step.
        int steps = (data.Train.Count + options.BatchSize - 1) / options.BatchSize;
        new Trainer<double>(silico, Loss, new Adam<double>(silico.Parameters, options.DesignLearningRate), Trainer(options, options.DesignEpochs), new CosineSchedule((long)steps * options.DesignEpochs)).Fit(data.Train);
        // A fabricated copy with static phase errors and coupler imbalance, retrained in situ with measured readings.
        var deployed = Retrain(Chip(designs, options, options.InSitu, rng, data.Train.FeatureCount), options, data.Train, steps);
        return new Fitted(data, rawTest, designs, silico, deployed, rng, steps, Accuracy(deployed, data.Validation));
    }

    /// <summary>Reads the test split once for <paramref name="fit"/>: the design, the instance before and after in-situ training, its energy and the detector-noise sweep.</summary>
    private static InSituPhotonicResult Test(InSituPhotonicOptions options, Fitted fit)
    {
        var (data, test) = (fit.Data, fit.Data.Test);
        double? ceiling = options.Task == "rings" ? RingRuleAccuracy(fit.RawTest) : null;
        double design = Accuracy(fit.Silico, test);
        double before = Accuracy(Chip(fit.Designs, options, options.InSitu, fit.Rng, data.Train.FeatureCount), test);
        var deployed = fit.Deployed;
        var meshes = deployed.Layers.OfType<InSituMesh<double>>().ToList();
        long measurements = meshes.Sum(m => m.MeasurementCount), passes = meshes.Sum(m => m.OpticalPasses);
        var ledger = new CostLedger();
        double after = Trainer<double>.Evaluate(deployed, Loss, test, 100, new ForwardContext(Mode.Eval, new Rng(options.Seed)) { Ledger = ledger }).Accuracy!.Value;
        bool served = options.ChipMeshes is not null;
        var training = served ? null : InSituTrainingCost.Measure(deployed, Loss, data.Train, options.BatchSize, options.InSituEpochs, measurements, passes, options.Seed);
        string encoding = options.ConstantPowerEncoding ? "(x₁, x₂, √(2 − x₁² − x₂²))/√2, 1" : "(x₁, x₂, 1, 1)";
        // The sweep: the same instance and training at each detector-noise level (the default's level reuses the run above).
        var sweep = options.DetectorNoiseLevels.Select(level =>
        {
            var readings = DetectorNoiseRow.Readings(options.InSitu, level);
            double accuracy = readings == options.InSitu ? after : Accuracy(Retrain(Chip(fit.Designs, options, readings, fit.Rng, data.Train.FeatureCount), options, data.Train, fit.Steps), test);
            return DetectorNoiseRow.Of(level, readings, accuracy);
        }).ToList();
        return new InSituPhotonicResult(data.Sizes, fit.ValidationAccuracy, options.OutputGain, options.InSituLearningRate, options.Task, options.TaskNoise, encoding, ceiling, design, before, after,
            ledger.CoreEnergyPerInference, ledger.SystemEnergyPerInference(ledger.LatencySeconds), ledger.Entries, ledger.Inferences, training, served ? null : options.InSitu, sweep)
        {
            Static = served ? null : StaticMetrics.MeasureMesh(deployed, test),
        };
    }

    private static readonly SoftmaxCrossEntropy<double> Loss = new();

    private static TrainerOptions Trainer(InSituPhotonicOptions o, int epochs) => new() { Epochs = epochs, BatchSize = o.BatchSize, Seed = o.Seed };

    private static double Accuracy(Sequential<double> model, Dataset<double> data) => Trainer<double>.Evaluate(model, Loss, data, 100).Accuracy!.Value;

    /// <summary>
    /// The fabricated instance of <paramref name="designs"/> (the same errors every call) wrapped for in-situ training with
    /// <paramref name="readings"/>; or, served, the network of <see cref="MeshClassifier.Build{T}"/> with the served meshes
    /// set to the designs' phases, trained by the gradients they measure.
    /// </summary>
    private static Sequential<double> Chip(List<ClementsMesh<double>> designs, InSituPhotonicOptions options, InSituOptions readings, Rng rng, int features)
    {
        if (options.ChipMeshes is not { } served)
        {
            return MeshClassifier.Build(Fabricate(designs, options, rng.Split("fabrication")), features, options.OutputGain, inSitu: true, options: readings, inputDacBits: options.InputDacBits);
        }
        int n = designs[0].Modes;
        var layers = new List<ILayer<double>>();
        for (int l = 0; l < designs.Count; l++)
        {
            var phases = designs[l].Parameters.Select(p => new Parameter<double>(p.Name, p.Value.Clone(), p.Lower, p.Upper)).ToList();
            layers.Add(MeshClassifier.Modulator<double>(l, features, n, inputDacBits: options.InputDacBits));
            layers.Add(new InSituLayer<double>(served(l), phases, Domain.Optical, [2, n], $"{designs[l].Name}.served"));
            layers.Add(new Photodetector<double>(n, l == designs.Count - 1 ? options.OutputGain : 1.0, name: $"detector{l}"));
        }
        return new Sequential<double>([.. layers]);
    }

    /// <summary>Trains <paramref name="model"/> in situ on <paramref name="train"/>; returns it.</summary>
    private static Sequential<double> Retrain(Sequential<double> model, InSituPhotonicOptions options, Dataset<double> train, int steps)
    {
        new Trainer<double>(model, Loss, new Adam<double>(model.Parameters, options.InSituLearningRate), Trainer(options, options.InSituEpochs), new CosineSchedule(Math.Max(1L, (long)steps * options.InSituEpochs))).Fit(train);
        return model;
    }

    /// <summary>
    /// The chip: copies of <paramref name="designs"/> with static phase errors (σ = PhaseErrorStd) on θ and φ and
    /// coupler ratios 0.5 + N(0, CouplerErrorStd), drawn in order from <paramref name="errors"/>.
    /// </summary>
    public static List<MziMesh<double>> Fabricate(IReadOnlyList<ClementsMesh<double>> designs, InSituPhotonicOptions options, Rng errors)
    {
        ArgumentNullException.ThrowIfNull(designs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        int mzis = designs[0].MziCount;
        return [.. designs.Select(d => (MziMesh<double>)d.WithErrors(new MeshErrors
        {
            ThetaOffset = [.. Enumerable.Range(0, mzis).Select(_ => options.PhaseErrorStd * errors.Normal())],
            PhiOffset = [.. Enumerable.Range(0, mzis).Select(_ => options.PhaseErrorStd * errors.Normal())],
            Coupler1Ratio = [.. Enumerable.Range(0, mzis).Select(_ => Math.Clamp(0.5 + (options.CouplerErrorStd * errors.Normal()), 0, 1))],
            Coupler2Ratio = [.. Enumerable.Range(0, mzis).Select(_ => Math.Clamp(0.5 + (options.CouplerErrorStd * errors.Normal()), 0, 1))],
        }))];
    }

    /// <summary>
    /// The task's points split train / validation / test by the seed, scaled to [−1, 1] (the modulators' drive range,
    /// fitted on the training part) and encoded as the modulators are driven; <c>RawTest</c> is the test part before scaling.
    /// </summary>
    public static (DataSplits<double> Splits, Dataset<double> RawTest) Data(InSituPhotonicOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var all = DataCatalog.Load<double>(options.Task, synthetic: new SyntheticOptions { Count = options.Samples, Seed = options.Seed, Noise = options.TaskNoise });
        var split = Splits.TrainValidationTest(all, options.ValidationFraction, options.TestFraction, options.Seed);
        var scaler = FeatureScaler.FitMinMax(split.Train.Features, -1, 1);
        return (split.Map(d => Encode(scaler.Transform(d), options)), split.Test);
    }

    /// <summary>Accuracy of the generator's noise-free rule (0.4 ≤ r ≤ 0.8 is a ring) on the noisy labels of <paramref name="test"/>.</summary>
    public static double RingRuleAccuracy(Dataset<double> test)
    {
        ArgumentNullException.ThrowIfNull(test);
        int correct = 0;
        for (int i = 0; i < test.Count; i++)
        {
            double r = Math.Sqrt((test.Features[i, 0] * test.Features[i, 0]) + (test.Features[i, 1] * test.Features[i, 1]));
            int rule = r is >= RingInner and <= RingOuter ? 0 : 1;
            correct += rule == test.Labels![i] ? 1 : 0;
        }
        return (double)correct / test.Count;
    }

    /// <summary>The design's meshes: <paramref name="layers"/> Clements meshes of <paramref name="modes"/> modes, random phases from <paramref name="rng"/>.</summary>
    public static List<ClementsMesh<T>> Meshes<T>(Rng rng, int layers = 3, int modes = 4)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        return [.. Enumerable.Range(0, layers).Select(l => new ClementsMesh<T>(modes, rng.Split((ulong)l), name: $"mesh{l}"))];
    }

    /// <summary>
    /// Digital pre-processing of 2-D points in [−1, 1]² into the amplitudes the modulators are driven
    /// to: (x₁, x₂, √(2 − x₁² − x₂²))/√2, each within the unit carrier; the bias mode adds the constant 1.
    /// </summary>
    public static Dataset<T> EncodeConstantPower<T>(Dataset<T> data)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Features.RowLength != 2)
        {
            throw new ArgumentException($"Constant-power encoding needs 2-D points; '{data.Name}' has {data.Features.RowLength} features.", nameof(data));
        }
        var x = new Tensor<T>(data.Count, 3);
        for (int i = 0; i < data.Count; i++)
        {
            double a = double.CreateChecked(data.Features[i, 0]), b = double.CreateChecked(data.Features[i, 1]);
            x[i, 0] = T.CreateChecked(a / Math.Sqrt(EncodedPower));
            x[i, 1] = T.CreateChecked(b / Math.Sqrt(EncodedPower));
            x[i, 2] = T.CreateChecked(Math.Sqrt(Math.Max(0, EncodedPower - (a * a) - (b * b)) / EncodedPower));
        }
        return new Dataset<T>(data.Name, x, data.Labels!, data.ClassCount);
    }

    private static Dataset<double> Encode(Dataset<double> data, InSituPhotonicOptions options) =>
        options.ConstantPowerEncoding ? EncodeConstantPower(data) : data;
}

/// <summary>The in-situ runs, as <c>pnn repro insitu-photonic</c> prints them.</summary>
/// <param name="Runs">One run per task (the last: rings at the quieter noise).</param>
/// <param name="Options">The settings every run shares (the task aside).</param>
/// <param name="ChipSummary">What the served chip counted, read before it was disconnected; null for the chip in process.</param>
public sealed record InSituPhotonicReproResult(IReadOnlyList<InSituPhotonicResult> Runs, InSituPhotonicOptions Options, string? ChipSummary) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Runs;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var report = WriteRuns(new ReproReport(), Runs, Options);
        if (Runs[0].Training is not { } c0)
        {
            return report.Line(ChipSummary ?? "");
        }
        report.Readings(Options.InSitu);
        report.NoiseTable([.. Runs.Select(r => (r.TaskNoise is double noise ? $"{r.Task} (noise {noise})" : r.Task, r.DetectorNoiseSweep))]);
        report.Line($"In-situ training ({c0.Epochs} epochs × {c0.StepsPerEpoch} steps of {Options.BatchSize} samples): {c0.MeasurementsPerStep:N0} readings per step, {c0.Measurements:N0} readings and {c0.OpticalPasses:N0} optical passes in all (per task).");
        report.Line($"Energy per training step: {Units.Joules(c0.JoulesPerStep)} ({Units.Joules(c0.DynamicJoulesPerStep)} light, sources, detectors and converters; {Units.Joules(c0.HeaterJoulesPerStep)} heaters held over one settling time); per epoch: {Units.Joules(c0.JoulesPerEpoch)}.");
        var terms = report.Table("One in-situ training step (moons), by term").AddColumn("term").AddColumn("uses").AddColumn("energy");
        foreach (var e in c0.StepTerms.Where(e => e.EnergyJoules > 0).OrderByDescending(e => e.EnergyJoules).Take(8))
        {
            terms.AddRow(e.Component, $"{e.Uses:N0}", Units.Joules(e.EnergyJoules));
        }
        return report;
    }

    /// <summary>The table of runs: a row per task, in silico, deployed, after in-situ training.</summary>
    internal static ReproReport WriteRuns(ReproReport report, IReadOnlyList<InSituPhotonicResult> runs, InSituPhotonicOptions options)
    {
        var t = report.Table($"In-situ backpropagation with light: 3 × 4-port Clements meshes + photodetectors (Hughes et al. 2018), input {runs[0].Encoding}, {options.InputDacBits}-bit input DACs; {runs[0].Splits} points; output gain {runs[0].OutputGain}, in-situ step {runs[0].InSituLearningRate} rad")
            .AddColumn("task").AddColumn("in silico (ideal design)").AddColumn("deployed on a fabricated instance").AddColumn("after in-situ training").AddColumn("(validation)").AddColumn("noise ceiling").AddColumn("system energy / inference");
        foreach (var r in runs)
        {
            string task = r.TaskNoise is double noise ? $"{r.Task} (noise {noise})" : r.Task;
            t.AddRow(task, $"{r.DesignAccuracy:P2}", $"{r.DeployedAccuracy:P2}", $"{r.RecoveredAccuracy:P2}", $"{r.ValidationAccuracy:P2}", r.LabelNoiseCeiling is double c ? $"{c:P2}" : "–", Units.Joules(r.SystemEnergyPerInferenceJoules));
        }
        return report;
    }
}

/// <summary>The gain and step grid on validation and each task at the chosen point, as <c>pnn repro insitu-photonic --sweep</c> prints them.</summary>
/// <param name="Sweep">The grid and the runs at the chosen point.</param>
/// <param name="Tasks">Tasks the validation accuracy is averaged over.</param>
/// <param name="Options">The settings every run shares (the task aside).</param>
public sealed record InSituPhotonicSweepResult(InSituPhotonicSweep Sweep, int Tasks, InSituPhotonicOptions Options) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Sweep;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var report = new ReproReport();
        var grid = report.Table($"Validation accuracy after in-situ training ({Sweep.Runs[0].Splits.Validation} held-out points per task), mean over the {Tasks} tasks").AddColumn("output gain");
        foreach (double lr in InSituPhotonic.SweepInSituLearningRates)
        {
            grid.AddColumn($"in-situ step {lr} rad");
        }
        foreach (var row in Sweep.Grid.GroupBy(p => p.OutputGain))
        {
            grid.AddRow([$"{row.Key}", .. row.Select(p => $"{p.MeanValidationAccuracy:P2}")]);
        }
        report.Line($"chosen on validation: output gain {Sweep.Chosen.OutputGain}, in-situ step {Sweep.Chosen.InSituLearningRate} rad; each task at it, its test split read once:");
        return InSituPhotonicReproResult.WriteRuns(report, Sweep.Runs, Options);
    }
}

/// <summary>
/// <c>pnn repro insitu-photonic</c>: <see cref="InSituPhotonic"/> on moons, circles, rings and rings at a quieter noise, from the
/// command line; <c>--device</c> trains a served chip by the gradients it measures.
/// </summary>
public sealed class InSituPhotonicReproduction : IReproduction
{
    // Rings at neuroptica's default radius noise (0.05) has a label-noise ceiling near 92.5 %, below the
    // paper's 94 %; the extra row uses 0.02 (ceiling near 97 %) so that the target is reachable at all.
    private const double QuietRingsNoise = 0.02;

    /// <inheritdoc/>
    public string Name => "insitu-photonic";

    /// <inheritdoc/>
    public string Summary => "in-situ backprop with light on moons/circles/rings (Hughes et al. 2018), readings and energy per training step";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Hughes et al.", 2018, "Optica"), new("Pai et al.", 2023, "Science")];

    /// <inheritdoc/>
    public string? Quick => "half the epochs (100 in silico, 50 in situ)";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } =
    [
        ReproOption.Quick, ReproOption.Epochs, ReproOption.Seed, ReproOption.Sweep,
        new("readings", "how the in-situ readings are made: measured or noise-free"),
        ReproOption.Device, ReproOption.TokenFile,
    ];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        ulong seed = args.Seed;
        var defaults = args.Flag("quick") ? InSituPhotonicOptions.Quick : new InSituPhotonicOptions();
        var options = defaults with { InSituEpochs = args.Int("epochs", defaults.InSituEpochs, 0, 10_000), Seed = seed };
        string? readings = args.Value("readings");
        if (readings is not null)
        {
            options = options with
            {
                InSitu = readings switch
                {
                    "measured" => InSituOptions.Measured,
                    "noise-free" => InSituOptions.NoiseFree,
                    _ => throw new ArgumentException($"pnn repro insitu-photonic: --readings must be measured or noise-free, got '{readings}'."),
                },
            };
        }
        using var chip = context.ConnectChip();
        bool sweep = args.Flag("sweep");
        if (chip is not null)
        {
            if (readings is not null || sweep)
            {
                throw new ArgumentException("pnn repro insitu-photonic: a served chip (--device) reads as its device file says; --readings and --sweep apply to the chip in process.");
            }
            options = options with { ChipMeshes = chip.Mesh, DetectorNoiseLevels = [] };
        }
        var tasks = InSituPhotonic.Tasks.Select(t => options with { Task = t }).Append(options with { Task = "rings", TaskNoise = QuietRingsNoise }).ToList();
        if (sweep)
        {
            return new InSituPhotonicSweepResult(InSituPhotonic.Sweep(tasks, log: context.Log), tasks.Count, options);
        }
        var runs = tasks.Select(InSituPhotonic.Run).ToList();
        return new InSituPhotonicReproResult(runs, options, chip?.Summary());
    }
}
