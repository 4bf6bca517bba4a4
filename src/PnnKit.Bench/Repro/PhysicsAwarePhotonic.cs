using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Training;
using PnnKit.Methods;
using PnnKit.Photonics.Converters;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Networks;

namespace PnnKit.Bench.Repro;

/// <summary>Settings of the photonic model-to-reality gap experiment.</summary>
public sealed record PhysicsAwarePhotonicOptions
{
    /// <summary>Mesh layers (each an N-port Clements mesh between modulators and photodetectors).</summary>
    public int Layers { get; init; } = 3;

    /// <summary>Ports per mesh (the in-situ reproduction's 4).</summary>
    public int Modes { get; init; } = 4;

    /// <summary>Synthetic 2-D task: moons, circles or rings.</summary>
    public string Task { get; init; } = "moons";

    /// <summary>Points drawn (half train, half test).</summary>
    public int Points { get; init; } = 800;

    /// <summary>Training epochs of every method (same initial phases, optimizer and batches).</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Adam learning rate on the phases, rad (as the in-situ reproduction's design training).</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Class scores are this gain × the last detectors' power (the in-situ reproduction's 10).</summary>
    public double OutputGain { get; init; } = 10;

    /// <summary>
    /// What the fabricated chip has and the nominal model does not: uncalibrated static phase offsets
    /// (0.3 rad std, assumption: a chip used without per-heater calibration), coupler imbalance of 5 %
    /// (assumption, the upper end of the 1–5 % range in Bandyopadhyay et al., Optica 2021), thermal
    /// crosstalk of 10 % to each neighbouring heater (assumption, a dense heater pitch; Milanizadeh et
    /// al. 2019 report a few percent at tens of µm), and the typical insertion loss, 12-bit drivers and detector noise.
    /// </summary>
    public MeshVariation Variation { get; init; } = MeshVariation.Typical with { PhaseErrorStd = 0.3, CouplerSplittingStd = 0.05, NeighbourCrosstalk = 0.1 };

    /// <summary>Seed of everything.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>How the in-situ training's readings are made (default: measured — detector noise, 8-bit ADCs, a power-limited, imperfect adjoint source).</summary>
    public InSituOptions InSitu { get; init; } = InSituOptions.Measured;

    /// <summary>The in-situ training's detector-noise sweep: thermal noise × each level (0: noise-free); see <see cref="InSituPhotonicOptions.DetectorNoiseLevels"/>.</summary>
    public IReadOnlyList<double> DetectorNoiseLevels { get; init; } = [0, 1, 10, 100];

    internal void Validate()
    {
        if (Layers < 1 || Modes < 2 || Epochs < 1 || Points < 20)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), $"Need layers ≥ 1, modes ≥ 2, epochs ≥ 1 and points ≥ 20; got {Layers}, {Modes}, {Epochs}, {Points}.");
        }
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate) || !(OutputGain > 0) || !double.IsFinite(OutputGain))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), $"Learning rate and output gain must be finite and > 0; got {LearningRate}, {OutputGain}.");
        }
        ArgumentNullException.ThrowIfNull(InSitu, nameof(InSitu));
        if (DetectorNoiseLevels is null || DetectorNoiseLevels.Any(l => !(l >= 0 && double.IsFinite(l))))
        {
            throw new ArgumentOutOfRangeException(nameof(DetectorNoiseLevels), "Detector-noise levels must be finite and ≥ 0 (0: noise-free).");
        }
    }
}

/// <summary>
/// Test accuracies of the three trainings, on the nominal model and on the fabricated chip, and the
/// physical cost of training on the chip: examples measured (physics-aware) and optical passes (in situ);
/// how the in-situ readings were made, and the in-situ accuracy at each detector-noise level.
/// </summary>
public sealed record PhysicsAwarePhotonicResult(
    string Task, int Layers, int Modes, int TrainCount, int TestCount,
    double InSilicoOnModel, double InSilicoOnChip, double PhysicsAwareOnChip, double PhysicsAwareOnModel, double InSituOnChip,
    long PhysicsAwareQueries, long InSituOpticalPasses, InSituOptions InSituReadings, IReadOnlyList<DetectorNoiseRow> DetectorNoiseSweep);

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
    /// <summary>Runs the three trainings.</summary>
    public static PhysicsAwarePhotonicResult Run(PhysicsAwarePhotonicOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var all = DataCatalog.Load<double>(options.Task, synthetic: new SyntheticOptions { Count = options.Points, Seed = options.Seed });
        var (train, test) = Splits.TrainTest(all, 0.5, options.Seed);
        // Features to [−1, 1], the modulators' drive range.
        var scaler = FeatureScaler.FitMinMax(train.Features, -1, 1);
        (train, test) = (scaler.Transform(train), scaler.Transform(test));
        var noise = options.Variation.DetectorNoise;

        // In silico: the nominal model, trained digitally, then its phases deployed on the chip.
        var nominal = Nominal(options);
        var silico = MeshClassifier.Build<double>([.. nominal.Cast<MziMesh<double>>()], train.FeatureCount, options.OutputGain);
        Fit(silico, train, options, log, "in silico");
        double silicoModel = Accuracy(silico, test, options.Seed);
        var deployed = MeshClassifier.Build(Chip(nominal, options), train.FeatureCount, options.OutputGain, detectorNoise: noise);
        double silicoChip = Accuracy(deployed, test, options.Seed);

        // Physics-aware: forward measured on the chip, backward through a fresh nominal twin.
        var twins = Nominal(options);
        var systems = Chip(twins, options).Select((m, l) => new MeshSystem<double>(m, noise, options.Seed + 100 + (ulong)l)).ToList();
        var layers = new List<ILayer<double>>();
        for (int l = 0; l < options.Layers; l++)
        {
            layers.Add(MeshClassifier.Modulator<double>(l, train.FeatureCount, options.Modes));
            var twin = new Sequential<double>(twins[l], new Photodetector<double>(options.Modes, 1.0, name: $"twin-detector{l}"));
            layers.Add(new PhysicsAwareLayer<double>(systems[l], twin));
        }
        layers.Add(new ReadoutGain(options.OutputGain));
        var pat = new Sequential<double>([.. layers]);
        Fit(pat, train, options, log, "physics-aware");
        long patQueries = systems.Sum(s => s.QueryCount);
        double patChip = Accuracy(pat, test, options.Seed);
        var patOnModel = MeshClassifier.Build<double>([.. twins.Cast<MziMesh<double>>()], train.FeatureCount, options.OutputGain);
        double patModel = Accuracy(patOnModel, test, options.Seed);

        // In situ: the chip itself, phase gradients measured from intensities.
        (double Accuracy, long Passes) TrainInSitu(InSituOptions readings, string label)
        {
            var insitu = MeshClassifier.Build(Chip(Nominal(options), options), train.FeatureCount, options.OutputGain, inSitu: true, options: readings, detectorNoise: noise);
            Fit(insitu, train, options, log, label);
            return (Accuracy(insitu, test, options.Seed), insitu.Layers.OfType<InSituMesh<double>>().Sum(m => m.OpticalPasses));
        }
        var (insituChip, passes) = TrainInSitu(options.InSitu, "in situ");
        var sweep = options.DetectorNoiseLevels.Select(level =>
        {
            var readings = DetectorNoiseRow.Readings(options.InSitu, level);
            return DetectorNoiseRow.Of(level, readings, readings == options.InSitu ? insituChip : TrainInSitu(readings, $"in situ, detector noise {level}×").Accuracy);
        }).ToList();

        return new PhysicsAwarePhotonicResult(options.Task, options.Layers, options.Modes, train.Count, test.Count,
            silicoModel, silicoChip, patChip, patModel, insituChip, patQueries, passes, options.InSitu, sweep);
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

    private static void Fit(Sequential<double> model, Dataset<double> train, PhysicsAwarePhotonicOptions o, Action<string>? log, string label)
    {
        var trainer = new Trainer<double>(model, new SoftmaxCrossEntropy<double>(), new Adam<double>(model.Parameters, o.LearningRate),
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
