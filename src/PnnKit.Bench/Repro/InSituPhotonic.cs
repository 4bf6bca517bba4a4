using System.Numerics;
using System.Text.Json.Serialization;
using PnnKit.Bench.Suite;
using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Networks;

namespace PnnKit.Bench.Repro;

/// <summary>Settings of <see cref="InSituPhotonic.Run(InSituPhotonicOptions)"/>; the defaults are the full run.</summary>
public sealed record InSituPhotonicOptions
{
    /// <summary>A reduced run for CI: half the epochs.</summary>
    public static InSituPhotonicOptions Quick { get; } = new() { DesignEpochs = 100, InSituEpochs = 50 };

    /// <summary>moons, circles or rings.</summary>
    public string Task { get; init; } = "moons";

    /// <summary>Points drawn, split half for training, half for testing.</summary>
    public int Samples { get; init; } = 2000;

    /// <summary>Noise of the task generator (null: the catalog's default, rings 0.05 on the radius as neuroptica, others 0.1).</summary>
    public double? TaskNoise { get; init; }

    /// <summary>
    /// Input encoding. True: (x₁, x₂, √(2 − x₁² − x₂²), 1) on the four waveguides, so every sample
    /// launches the same optical power (2 + 1) and the third amplitude carries the radius. False: (x₁, x₂, 1, 1).
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

    /// <summary>Adam step of the in-situ training, rad.</summary>
    public double InSituLearningRate { get; init; } = 0.02;

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
/// <param name="Training">What in-situ training cost: measurements, passes and energy.</param>
/// <param name="Readings">How the in-situ readings of <paramref name="RecoveredAccuracy"/> were made (noise, ADC, adjoint source).</param>
/// <param name="DetectorNoiseSweep">Accuracy after in-situ training of the same instance at each detector-noise level (no choice is made on it).</param>
public sealed record InSituPhotonicResult(string Task, double? TaskNoise, string Encoding, double? LabelNoiseCeiling, double DesignAccuracy, double DeployedAccuracy, double RecoveredAccuracy, double CoreEnergyPerInferenceJoules, double SystemEnergyPerInferenceJoules, IReadOnlyList<CostEntry> CostTerms, long Inferences, InSituTrainingCost Training, InSituOptions Readings, IReadOnlyList<DetectorNoiseRow> DetectorNoiseSweep)
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

    /// <summary>Detector gain turning the last layer's output powers into logits (fixed, not trained).</summary>
    public const double OutputGain = 10;

    // Constant-power encoding: x₁² + x₂² ≤ 2 on [−1, 1]², so √(2 − r²) is real; the total is 2 plus the bias mode.
    private const double EncodedPower = 2.0;

    /// <summary>Runs on <paramref name="task"/> (moons, circles or rings) with the default settings.</summary>
    public static InSituPhotonicResult Run(string task = "moons", ulong seed = 1) => Run(new InSituPhotonicOptions { Task = task, Seed = seed });

    /// <summary>Runs the reproduction with <paramref name="options"/>.</summary>
    public static InSituPhotonicResult Run(InSituPhotonicOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ulong seed = options.Seed;
        var (train, test, rawTest) = Data(options);
        double? ceiling = options.Task == "rings" ? RingRuleAccuracy(rawTest) : null;
        int features = train.Features.RowLength;

        var rng = new Rng(seed).Split("photonic");
        var designs = Meshes<double>(rng);
        var loss = new SoftmaxCrossEntropy<double>();
        var trainer = new TrainerOptions { Epochs = options.DesignEpochs, BatchSize = options.BatchSize, Seed = seed };
        var silico = MeshClassifier.Build<double>([.. designs.Cast<MziMesh<double>>()], features, OutputGain);
        // Cosine decay to zero over each training: the last epochs settle instead of jittering by a step.
        int steps = (train.Count + options.BatchSize - 1) / options.BatchSize;
        new Trainer<double>(silico, loss, new Adam<double>(silico.Parameters, options.DesignLearningRate), trainer, new CosineSchedule((long)steps * options.DesignEpochs)).Fit(train);
        double design = Trainer<double>.Evaluate(silico, loss, test, 100).Accuracy!.Value;

        // A fabricated copy with static phase errors and coupler imbalance, retrained in situ with measured readings.
        var (deployed, before, _) = InSitu(designs, options, options.InSitu, rng, train, test, loss, steps, retrain: false);
        var inSituTrainer = new Trainer<double>(deployed, loss, new Adam<double>(deployed.Parameters, options.InSituLearningRate), trainer with { Epochs = options.InSituEpochs }, new CosineSchedule(Math.Max(1L, (long)steps * options.InSituEpochs)));
        inSituTrainer.Fit(train);
        var meshes = deployed.Layers.OfType<InSituMesh<double>>().ToList();
        long measurements = meshes.Sum(m => m.MeasurementCount), passes = meshes.Sum(m => m.OpticalPasses);

        var ledger = new CostLedger();
        double after = Trainer<double>.Evaluate(deployed, loss, test, 100, new ForwardContext(Mode.Eval, new Rng(seed)) { Ledger = ledger }).Accuracy!.Value;
        var training = InSituTrainingCost.Measure(deployed, loss, train, options.BatchSize, options.InSituEpochs, measurements, passes, seed);
        string encoding = options.ConstantPowerEncoding ? "(x₁, x₂, √(2 − x₁² − x₂²), 1)" : "(x₁, x₂, 1, 1)";
        // The sweep: the same instance and training at each detector-noise level (the default's level reuses the run above).
        var sweep = options.DetectorNoiseLevels.Select(level =>
        {
            var readings = DetectorNoiseRow.Readings(options.InSitu, level);
            double accuracy = readings == options.InSitu ? after : InSitu(designs, options, readings, rng, train, test, loss, steps, retrain: true).After;
            return DetectorNoiseRow.Of(level, readings, accuracy);
        }).ToList();
        return new InSituPhotonicResult(options.Task, options.TaskNoise, encoding, ceiling, design, before, after, ledger.CoreEnergyPerInference, ledger.SystemEnergyPerInference(ledger.LatencySeconds), ledger.Entries, ledger.Inferences, training, options.InSitu, sweep)
        {
            Static = StaticMetrics.MeasureMesh(deployed, test),
        };
    }

    /// <summary>
    /// The fabricated instance of <paramref name="designs"/> (the same every call) wrapped for in-situ training with
    /// <paramref name="readings"/>; its test accuracy before, and (when <paramref name="retrain"/>) after in-situ training.
    /// </summary>
    private static (Sequential<double> Model, double Before, double After) InSitu(IReadOnlyList<ClementsMesh<double>> designs, InSituPhotonicOptions options, InSituOptions readings, Rng rng,
        Dataset<double> train, Dataset<double> test, SoftmaxCrossEntropy<double> loss, int steps, bool retrain)
    {
        var instances = Fabricate(designs, options, rng.Split("fabrication"));
        var model = MeshClassifier.Build(instances, train.Features.RowLength, OutputGain, inSitu: true, options: readings);
        double before = Trainer<double>.Evaluate(model, loss, test, 100).Accuracy!.Value;
        if (!retrain)
        {
            return (model, before, double.NaN);
        }
        var trainer = new TrainerOptions { Epochs = options.InSituEpochs, BatchSize = options.BatchSize, Seed = options.Seed };
        new Trainer<double>(model, loss, new Adam<double>(model.Parameters, options.InSituLearningRate), trainer, new CosineSchedule(Math.Max(1L, (long)steps * options.InSituEpochs))).Fit(train);
        return (model, before, Trainer<double>.Evaluate(model, loss, test, 100).Accuracy!.Value);
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
    /// The task's points split in halves by the seed, scaled to [−1, 1] (the modulators' drive range, fitted on the
    /// training half) and encoded as the modulators are driven; <c>RawTest</c> is the test half before scaling.
    /// </summary>
    public static (Dataset<double> Train, Dataset<double> Test, Dataset<double> RawTest) Data(InSituPhotonicOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var all = DataCatalog.Load<double>(options.Task, synthetic: new SyntheticOptions { Count = options.Samples, Seed = options.Seed, Noise = options.TaskNoise });
        var (train, test) = Splits.TrainTest(all, 0.5, options.Seed);
        var scaler = FeatureScaler.FitMinMax(train.Features, -1, 1);
        return (Encode(scaler.Transform(train), options), Encode(scaler.Transform(test), options), test);
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
    /// Digital pre-processing of 2-D points in [−1, 1]² into the values the modulators are driven
    /// with: (x₁, x₂, √(2 − x₁² − x₂²)); the bias mode adds the constant 1.
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
            x[i, 0] = data.Features[i, 0];
            x[i, 1] = data.Features[i, 1];
            x[i, 2] = T.CreateChecked(Math.Sqrt(Math.Max(0, EncodedPower - (a * a) - (b * b))));
        }
        return new Dataset<T>(data.Name, x, data.Labels!, data.ClassCount);
    }

    private static Dataset<double> Encode(Dataset<double> data, InSituPhotonicOptions options) =>
        options.ConstantPowerEncoding ? EncodeConstantPower(data) : data;
}
