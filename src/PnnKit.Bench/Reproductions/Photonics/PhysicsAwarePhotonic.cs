using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Training;
using PnnKit.Methods;
using PnnKit.Photonics.Components;
using PnnKit.Photonics.Converters;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Networks;

namespace PnnKit.Bench.Reproductions;

/// <summary>Settings of the photonic model-to-reality gap experiment.</summary>
public sealed record PhysicsAwarePhotonicOptions
{
    /// <summary>Mesh layers (each an N-port Clements mesh between modulators and photodetectors).</summary>
    public int Layers { get; init; } = 3;

    /// <summary>Ports per mesh (the in-situ reproduction's 4).</summary>
    public int Modes { get; init; } = 4;

    /// <summary>Synthetic 2-D task: moons, circles or rings.</summary>
    public string Task { get; init; } = "moons";

    /// <summary>Points drawn: half for testing, a tenth for validation, the rest for training.</summary>
    public int Points { get; init; } = 800;

    /// <summary>Training epochs of every method (same initial phases, optimizer and batches).</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Output gain and Adam step of the in-silico training, chosen on the nominal model's validation by <see cref="PhysicsAwarePhotonic.Sweep"/> (the designer has no chip).</summary>
    public PhotonicTrainingSettings InSilicoSettings { get; init; } = new(10, 0.05);

    /// <summary>Output gain and step of the physics-aware training, chosen on validation through the chip by <see cref="PhysicsAwarePhotonic.Sweep"/>.</summary>
    public PhotonicTrainingSettings PhysicsAwareSettings { get; init; } = new(10, 0.05);

    /// <summary>Output gain and step of the in-situ training, chosen on validation through the chip by <see cref="PhysicsAwarePhotonic.Sweep"/>.</summary>
    public PhotonicTrainingSettings InSituSettings { get; init; } = new(25, 0.05);

    /// <summary>
    /// What the fabricated chip has and the nominal model does not: uncalibrated static phase offsets
    /// (0.3 rad std, assumption: a chip used without per-heater calibration), coupler imbalance of 5 %
    /// (assumption, the upper end of the 1–5 % range in Bandyopadhyay et al., Optica 2021), thermal
    /// crosstalk of 10 % to each neighbouring heater (assumption, a dense heater pitch; Milanizadeh et
    /// al. 2019 report a few percent at tens of µm), and the typical insertion loss, 12-bit drivers and detector noise.
    /// </summary>
    public MeshVariation Variation { get; init; } = PhotonicPresets.MziSiThermoOptic.Model with { PhaseErrorStd = 0.3, CouplerSplittingStd = 0.05, NeighbourCrosstalk = 0.1, ThermalCrosstalk = null };

    /// <summary>
    /// Bits of the DACs driving the input modulators, which clip each amplitude to the unit carrier's ±1 (0: ideal, unclipped).
    /// Default 8, as <see cref="InSituPhotonicOptions.InputDacBits"/> (the converters the cost model charges).
    /// </summary>
    public int InputDacBits { get; init; } = new InSituPhotonicOptions().InputDacBits;

    /// <summary>Seed of everything.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// The chip the physics-aware training measures, mesh l as <c>ChipMeshes(l)</c> (e.g. a device served by `pnn serve`, reached over
    /// the device protocol), or null for the in-process instance <see cref="PhysicsAwarePhotonic"/> fabricates (mesh l from seed
    /// Seed + 1000 + l, its detectors' noise from Seed + 100 + l: configs/devices/pat-photonic-chip.yaml serves the same chip).
    /// The in-silico deployment and the in-situ training use the in-process chip either way.
    /// </summary>
    public Func<int, IPhysicalSystem<double>>? ChipMeshes { get; init; }

    /// <summary>How the in-situ training's readings are made (default: measured — detector noise, 8-bit ADCs, a power-limited, imperfect adjoint source).</summary>
    public InSituOptions InSitu { get; init; } = InSituOptions.Measured;

    /// <summary>The in-situ training's detector-noise sweep: thermal noise × each level (0: noise-free); see <see cref="InSituPhotonicOptions.DetectorNoiseLevels"/>.</summary>
    public IReadOnlyList<double> DetectorNoiseLevels { get; init; } = [0, 1, 10, 100];

    internal void Validate()
    {
        if (InputDacBits is < 0 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(InputDacBits), $"Input DAC bits must be 0 (ideal) to 16; got {InputDacBits}.");
        }
        if (Layers < 1 || Modes < 2 || Epochs < 1 || Points < 20)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), $"Need layers ≥ 1, modes ≥ 2, epochs ≥ 1 and points ≥ 20; got {Layers}, {Modes}, {Epochs}, {Points}.");
        }
        foreach (var (name, t) in new[] { (nameof(InSilicoSettings), InSilicoSettings), (nameof(PhysicsAwareSettings), PhysicsAwareSettings), (nameof(InSituSettings), InSituSettings) })
        {
            if (t is null || !(t.LearningRate > 0) || !double.IsFinite(t.LearningRate) || !(t.OutputGain > 0) || !double.IsFinite(t.OutputGain))
            {
                throw new ArgumentOutOfRangeException(name, $"{name}: learning rate and output gain must be finite and > 0; got {t?.LearningRate}, {t?.OutputGain}.");
            }
        }
        ArgumentNullException.ThrowIfNull(InSitu, nameof(InSitu));
        if (DetectorNoiseLevels is null || DetectorNoiseLevels.Any(l => !(l >= 0 && double.IsFinite(l))))
        {
            throw new ArgumentOutOfRangeException(nameof(DetectorNoiseLevels), "Detector-noise levels must be finite and ≥ 0 (0: noise-free).");
        }
    }
}

/// <summary>How one training method is set: the detector gain of its logits and its Adam step on the phases, rad.</summary>
public sealed record PhotonicTrainingSettings(double OutputGain, double LearningRate);

/// <summary>
/// Test accuracies of the three trainings, on the nominal model and on the fabricated chip, each method's validation accuracy
/// (in silico on the model, the others on the chip), and the physical cost of training on the chip: examples measured
/// (physics-aware) and optical passes (in situ); how the in-situ readings were made, and the in-situ accuracy at each detector-noise level.
/// </summary>
public sealed record PhysicsAwarePhotonicResult(
    string Task, int Layers, int Modes, SplitSizes Splits,
    double InSilicoOnModel, double InSilicoOnChip, double PhysicsAwareOnChip, double PhysicsAwareOnModel, double InSituOnChip,
    long PhysicsAwareQueries, long InSituOpticalPasses, InSituOptions InSituReadings, IReadOnlyList<DetectorNoiseRow> DetectorNoiseSweep,
    double InSilicoValidation, double PhysicsAwareValidation, double InSituValidation,
    PhotonicTrainingSettings InSilicoSettings, PhotonicTrainingSettings PhysicsAwareSettings, PhotonicTrainingSettings InSituSettings);

/// <summary>One point of <see cref="PhysicsAwarePhotonic.Sweep"/>: a method, its settings and the validation accuracy they train to.</summary>
public sealed record PhotonicSweepPoint(string Method, double OutputGain, double LearningRate, double ValidationAccuracy);

/// <summary>What <see cref="PhysicsAwarePhotonic.Sweep"/> measured: the grid per method on validation and the run at each method's choice, its test split read once.</summary>
public sealed record PhysicsAwarePhotonicSweep(IReadOnlyList<PhotonicSweepPoint> Grid, PhysicsAwarePhotonicResult Chosen);

/// <summary>
/// The model-to-reality gap on a second substrate (Wright et al., Nature 2022, physics-aware training;
/// Hughes et al., Optica 2018, in-situ backpropagation): a feed-forward photonic network (modulators,
/// Clements meshes, photodetectors) whose fabricated chip has phase offsets, coupler errors and thermal
/// crosstalk the nominal model does not know. Three trainings from the same initial phases:
/// in silico on the nominal model, then deployed on the chip; physics-aware (each mesh's forward is
/// measured on the chip through <see cref="MeshSystem{T}"/>, its backward is the nominal mesh's
/// vector–Jacobian product); in situ (phase gradients measured with light on the chip).
/// </summary>
public static class PhysicsAwarePhotonic
{
    /// <summary>The methods, in the order of the result and of <see cref="Sweep"/>'s grid.</summary>
    public static readonly string[] Methods = ["in silico", "physics-aware", "in situ"];

    /// <summary>Output gains of <see cref="Sweep"/>'s grid (a tie keeps the first).</summary>
    public static IReadOnlyList<double> SweepOutputGains { get; } = [10, 25, 60, 150];

    /// <summary>Adam steps of <see cref="Sweep"/>'s grid, rad.</summary>
    public static IReadOnlyList<double> SweepLearningRates { get; } = [0.05, 0.02];

    /// <summary>Runs the three trainings with their settings; reads validation and, once, test.</summary>
    public static PhysicsAwarePhotonicResult Run(PhysicsAwarePhotonicOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var data = Data(options);
        var (train, test) = (data.Train, data.Test);

        // In silico: the nominal model, trained digitally, then its phases deployed on the chip.
        var silico = InSilico(options, data, log);
        var deployed = Deployed(silico.Meshes, options, train.FeatureCount, options.InSilicoSettings.OutputGain);
        // Physics-aware: forward measured on the chip, backward through a fresh nominal twin.
        var pat = PhysicsAware(options, data, log);
        var patOnModel = MeshClassifier.Build<double>([.. pat.Twins.Cast<MziMesh<double>>()], train.FeatureCount, options.PhysicsAwareSettings.OutputGain, inputDacBits: options.InputDacBits);
        // In situ: the chip itself, phase gradients measured from intensities.
        var insitu = InSitu(options, data, options.InSitu, log, "in situ");
        double insituChip = Accuracy(insitu.Model, test, options.Seed);
        var sweep = options.DetectorNoiseLevels.Select(level =>
        {
            var readings = DetectorNoiseRow.Readings(options.InSitu, level);
            return DetectorNoiseRow.Of(level, readings, readings == options.InSitu ? insituChip : Accuracy(InSitu(options, data, readings, log, $"in situ, detector noise {level}×").Model, test, options.Seed));
        }).ToList();

        return new PhysicsAwarePhotonicResult(options.Task, options.Layers, options.Modes, data.Sizes,
            Accuracy(silico.Model, test, options.Seed), Accuracy(deployed, test, options.Seed), Accuracy(pat.Model, test, options.Seed), Accuracy(patOnModel, test, options.Seed), insituChip,
            pat.Queries, insitu.Passes, options.InSitu, sweep, silico.Validation, pat.Validation, insitu.Validation,
            options.InSilicoSettings, options.PhysicsAwareSettings, options.InSituSettings);
    }

    /// <summary>
    /// Chooses each method's output gain and step on validation — in silico on the nominal model (its designer has no chip),
    /// physics-aware and in situ through the chip — then runs all three at their choices, the test split read once.
    /// </summary>
    public static PhysicsAwarePhotonicSweep Sweep(PhysicsAwarePhotonicOptions options, IReadOnlyList<double>? outputGains = null, IReadOnlyList<double>? learningRates = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var data = Data(options);
        var grid = new List<PhotonicSweepPoint>();
        var chosen = new PhotonicTrainingSettings[Methods.Length];
        for (int m = 0; m < Methods.Length; m++)
        {
            PhotonicSweepPoint? best = null;
            foreach (double gain in outputGains ?? SweepOutputGains)
            {
                foreach (double lr in learningRates ?? SweepLearningRates)
                {
                    var t = new PhotonicTrainingSettings(gain, lr);
                    var o = options with { InSilicoSettings = t, PhysicsAwareSettings = t, InSituSettings = t };
                    o.Validate();
                    double v = m switch
                    {
                        0 => InSilico(o, data, null).Validation,
                        1 => PhysicsAware(o, data, null).Validation,
                        _ => InSitu(o, data, o.InSitu, null, "in situ").Validation,
                    };
                    var point = new PhotonicSweepPoint(Methods[m], gain, lr, v);
                    grid.Add(point);
                    log?.Invoke($"  {Methods[m]}, output gain {gain}, step {lr} rad: validation accuracy {v:P2}");
                    if (best is null || v > best.ValidationAccuracy)
                    {
                        best = point;
                    }
                }
            }
            chosen[m] = new PhotonicTrainingSettings(best!.OutputGain, best.LearningRate);
        }
        var run = Run(options with { InSilicoSettings = chosen[0], PhysicsAwareSettings = chosen[1], InSituSettings = chosen[2] }, log);
        return new PhysicsAwarePhotonicSweep(grid, run);
    }

    /// <summary>
    /// The task's points split train / validation / test (80 / 400 of the 800, 320 left to train) and scaled to [−1, 1], the
    /// modulators' drive range, with the training part's range: <see cref="InSituPhotonic.Data"/>'s split, without its encoding.
    /// </summary>
    private static DataSplits<double> Data(PhysicsAwarePhotonicOptions options) =>
        InSituPhotonic.Data(new InSituPhotonicOptions { Task = options.Task, Samples = options.Points, Seed = options.Seed, ConstantPowerEncoding = false }).Splits;

    private static (List<ClementsMesh<double>> Meshes, Sequential<double> Model, double Validation) InSilico(PhysicsAwarePhotonicOptions o, DataSplits<double> data, Action<string>? log)
    {
        var nominal = Nominal(o);
        var silico = MeshClassifier.Build<double>([.. nominal.Cast<MziMesh<double>>()], data.Train.FeatureCount, o.InSilicoSettings.OutputGain, inputDacBits: o.InputDacBits);
        Fit(silico, data.Train, o, o.InSilicoSettings, log, "in silico");
        return (nominal, silico, Accuracy(silico, data.Validation, o.Seed));
    }

    private static Sequential<double> Deployed(IReadOnlyList<ClementsMesh<double>> meshes, PhysicsAwarePhotonicOptions o, int features, double outputGain) =>
        MeshClassifier.Build(Chip(meshes, o), features, outputGain, detectorNoise: o.Variation.DetectorNoise, inputDacBits: o.InputDacBits);

    private static (List<ClementsMesh<double>> Twins, Sequential<double> Model, long Queries, double Validation) PhysicsAware(PhysicsAwarePhotonicOptions o, DataSplits<double> data, Action<string>? log)
    {
        var noise = o.Variation.DetectorNoise;
        var twins = Nominal(o);
        List<IPhysicalSystem<double>> systems = o.ChipMeshes is { } served
            ? [.. Enumerable.Range(0, o.Layers).Select(served)]
            : [.. Chip(twins, o).Select((m, l) => new MeshSystem<double>(m, noise, o.Seed + 100 + (ulong)l))];
        var layers = new List<ILayer<double>>();
        for (int l = 0; l < o.Layers; l++)
        {
            layers.Add(MeshClassifier.Modulator<double>(l, data.Train.FeatureCount, o.Modes, inputDacBits: o.InputDacBits));
            var twin = new Sequential<double>(twins[l], new Photodetector<double>(o.Modes, 1.0, name: $"twin-detector{l}"));
            layers.Add(new PhysicsAwareLayer<double>(systems[l], twin));
        }
        layers.Add(new ReadoutGain<double>(o.PhysicsAwareSettings.OutputGain));
        var pat = new Sequential<double>([.. layers]);
        Fit(pat, data.Train, o, o.PhysicsAwareSettings, log, "physics-aware");
        long queries = systems.Sum(s => s.QueryCount);
        return (twins, pat, queries, Accuracy(pat, data.Validation, o.Seed));
    }

    private static (Sequential<double> Model, long Passes, double Validation) InSitu(PhysicsAwarePhotonicOptions o, DataSplits<double> data, InSituOptions readings, Action<string>? log, string label)
    {
        var insitu = MeshClassifier.Build(Chip(Nominal(o), o), data.Train.FeatureCount, o.InSituSettings.OutputGain, inSitu: true, options: readings, detectorNoise: o.Variation.DetectorNoise, inputDacBits: o.InputDacBits);
        Fit(insitu, data.Train, o, o.InSituSettings, log, label);
        return (insitu, insitu.Layers.OfType<InSituMesh<double>>().Sum(m => m.OpticalPasses), Accuracy(insitu, data.Validation, o.Seed));
    }

    /// <summary>The nominal meshes at their initial phases (the same for every method).</summary>
    private static List<ClementsMesh<double>> Nominal(PhysicsAwarePhotonicOptions o)
    {
        var rng = new Rng(o.Seed).Split("photonic-init");
        return [.. Enumerable.Range(0, o.Layers).Select(l => new ClementsMesh<double>(o.Modes, rng.Split((ulong)l), name: $"mesh{l}"))];
    }

    /// <summary>The fabricated chip (the same errors every call) carrying <paramref name="meshes"/>' phases.</summary>
    private static List<MziMesh<double>> Chip(IReadOnlyList<ClementsMesh<double>> meshes, PhysicsAwarePhotonicOptions o) =>
        [.. meshes.Select((m, l) => m.Fabricate(o.Variation, o.Seed + 1000 + (ulong)l).Mesh)];

    private static void Fit(Sequential<double> model, Dataset<double> train, PhysicsAwarePhotonicOptions o, PhotonicTrainingSettings settings, Action<string>? log, string label)
    {
        var trainer = new Trainer<double>(model, new SoftmaxCrossEntropy<double>(), new Adam<double>(model.Parameters, settings.LearningRate),
            new TrainerOptions { Epochs = o.Epochs, BatchSize = 20, Seed = o.Seed });
        trainer.EpochCompleted += m =>
        {
            if (m.Epoch % 10 == 0 || m.Epoch == o.Epochs)
            {
                log?.Invoke($"  {label} epoch {m.Epoch}/{o.Epochs}: loss {m.TrainLoss:F4}, train accuracy {m.TrainAccuracy:P1}");
            }
        };
        trainer.Fit(train);
    }

    private static double Accuracy(Sequential<double> model, Dataset<double> test, ulong seed) =>
        Trainer<double>.Evaluate(model, new SoftmaxCrossEntropy<double>(), test, 100, ForwardContext.Eval(seed)).Accuracy!.Value;
}

/// <summary>The three trainings on the chip, as <c>pnn repro pat-photonic</c> prints them (and the grid first under <c>--sweep</c>).</summary>
/// <param name="Result">The trainings (under --sweep: each at the point chosen on validation).</param>
/// <param name="Options">The settings they ran with.</param>
/// <param name="Sweep">The grid on validation, or null without --sweep.</param>
/// <param name="ChipSummary">What the served chip counted, read before it was disconnected; null for the chip in process.</param>
public sealed record PhysicsAwarePhotonicReproResult(PhysicsAwarePhotonicResult Result, PhysicsAwarePhotonicOptions Options, PhysicsAwarePhotonicSweep? Sweep, string? ChipSummary) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Sweep is not null ? Sweep : Result;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var report = new ReproReport();
        var r = Result;
        if (Sweep is { } sweep)
        {
            var grid = report.Table($"Validation accuracy ({sweep.Chosen.Splits.Validation} held-out points; in silico on the nominal model, the others on the chip) by output gain and step").AddColumn("training").AddColumn("output gain");
            foreach (double lr in PhysicsAwarePhotonic.SweepLearningRates)
            {
                grid.AddColumn($"step {lr} rad");
            }
            foreach (var row in sweep.Grid.GroupBy(p => (p.Method, p.OutputGain)))
            {
                grid.AddRow([row.Key.Method, $"{row.Key.OutputGain}", .. row.Select(p => $"{p.ValidationAccuracy:P2}")]);
            }
            report.Line($"chosen on validation: in silico gain {r.InSilicoSettings.OutputGain}, step {r.InSilicoSettings.LearningRate}; physics-aware {r.PhysicsAwareSettings.OutputGain}, {r.PhysicsAwareSettings.LearningRate}; in situ {r.InSituSettings.OutputGain}, {r.InSituSettings.LearningRate}; each read on test once:");
        }
        var v = Options.Variation;
        var t = report.Table($"Physics-aware training on light (Wright et al. 2022): {r.Layers} × {r.Modes}-port Clements meshes + photodetectors, {r.Task} ({r.Splits})")
            .AddColumn("training").AddColumn("on the nominal model").AddColumn($"on the fabricated chip (phase offsets {v.PhaseErrorStd} rad, couplers ±{v.CouplerSplittingStd}, crosstalk {v.NeighbourCrosstalk})").AddColumn("validation").AddColumn("gain, step");
        t.AddRow("in silico, then deployed", $"{r.InSilicoOnModel:P1}", $"{r.InSilicoOnChip:P1}", $"{r.InSilicoValidation:P1} (model)", $"{r.InSilicoSettings.OutputGain}, {r.InSilicoSettings.LearningRate}");
        t.AddRow("physics-aware (forward on the chip, backward through the model)", $"{r.PhysicsAwareOnModel:P1}", $"{r.PhysicsAwareOnChip:P1}", $"{r.PhysicsAwareValidation:P1} (chip)", $"{r.PhysicsAwareSettings.OutputGain}, {r.PhysicsAwareSettings.LearningRate}");
        t.AddRow("in situ (gradients measured with light)", "–", $"{r.InSituOnChip:P1}", $"{r.InSituValidation:P1} (chip)", $"{r.InSituSettings.OutputGain}, {r.InSituSettings.LearningRate}");
        report.Line($"physical cost of training on the chip: physics-aware {r.PhysicsAwareQueries:N0} examples measured; in situ {r.InSituOpticalPasses:N0} optical passes");
        report.Readings(r.InSituReadings);
        if (ChipSummary is not null)
        {
            report.Line(ChipSummary);
        }
        return report.NoiseTable([("in situ on the chip", r.DetectorNoiseSweep)]);
    }
}

/// <summary><c>pnn repro pat-photonic</c>: <see cref="PhysicsAwarePhotonic"/> from the command line; <c>--device</c> trains a served chip.</summary>
public sealed class PhysicsAwarePhotonicReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "pat-photonic";

    /// <inheritdoc/>
    public string Summary => "the gap on light: 3 fabricated meshes with errors the model lacks, in silico vs physics-aware vs in situ";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Wright et al.", 2022, "Nature")];

    /// <inheritdoc/>
    public string? Quick => "400 points and 15 epochs";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } = [ReproOption.Quick, ReproOption.Epochs, ReproOption.Seed, ReproOption.Sweep, ReproOption.Device, ReproOption.TokenFile];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        ulong seed = args.Seed;
        bool quick = args.Flag("quick");
        var d = new PhysicsAwarePhotonicOptions();
        var options = d with
        {
            Points = quick ? 400 : d.Points,
            Epochs = args.Int("epochs", quick ? 15 : d.Epochs, 1, 10_000),
            Seed = seed,
        };
        using var chip = context.ConnectChip();
        if (chip is not null)
        {
            options = options with { ChipMeshes = chip.Mesh };
        }
        if (args.Flag("sweep"))
        {
            var sweep = PhysicsAwarePhotonic.Sweep(options, log: context.Log);
            return new PhysicsAwarePhotonicReproResult(sweep.Chosen, options, sweep, chip?.Summary());
        }
        return new PhysicsAwarePhotonicReproResult(PhysicsAwarePhotonic.Run(options, context.Log), options, null, chip?.Summary());
    }
}
