using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Training;
using PnnKit.Photonics.Diffractive;

namespace PnnKit.Photonics.Reproductions;

/// <summary>Settings of <see cref="D2nnMnist.Run"/> (defaults: the full Lin et al. 2018 network on the bundled MNIST subset).</summary>
public sealed record D2nnOptions
{
    /// <summary>Data set: "mnist-subset" (bundled), "fashion-mnist" or "mnist".</summary>
    public string Dataset { get; init; } = "mnist-subset";

    /// <summary>Geometry: Lin et al.'s 5 masks of 200×200, λ = 0.75 mm, pitch 0.4 mm, 3 cm (<see cref="DiffractiveGeometry"/>).</summary>
    public DiffractiveGeometry Geometry { get; init; } = new();

    /// <summary>Input-plane pixels per image pixel: 28 × 4 = 112 pixels = 4.5 cm of the 8 cm plane.</summary>
    public int ImageScale { get; init; } = 4;

    /// <summary>Training images used (0: all of the split; the bundled subset has 8,000).</summary>
    public int TrainLimit { get; init; }

    /// <summary>Validation and test images used, each (0: all; the bundled subset has 800 and 2,000).</summary>
    public int TestLimit { get; init; }

    /// <summary>Fraction of the training images held out for validation (stratified, seeded): the per-epoch curve is read there, test once per reading condition.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Training epochs: one pass over the 8,000 bundled digits already reaches ≥ 90 % (README).</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam learning rate on the phases, rad per step scale.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>
    /// Softmax temperature: class scores are the fraction of the mean input power that reaches each
    /// detector region times this (a trained network putting ≈ 10 % of the light on the right region
    /// then has a logit margin of ≈ 10).
    /// </summary>
    public double ScoreScale { get; init; } = 100;

    /// <summary>Lateral misalignment (pixels, uniform in [−k, k]² per mask and batch) sampled while training the robust network; 0 skips it.</summary>
    public int RobustMisalignment { get; init; } = 1;

    /// <summary>
    /// Start from phases uniform in [0, 2π) instead of flat masks. Flat masks start as plain free space,
    /// smooth at the pixel scale, which misalignment-aware training needs to get going.
    /// </summary>
    public bool RandomInitialPhases { get; init; }

    /// <summary>
    /// Standard deviation of each mask's axial displacement in an assembled instance, m. 0.1 mm ≈ λ/8 at 0.4 THz:
    /// an assumed placement tolerance of a 3-D printed holder (Mengu et al., Nanophotonics 9, 4207 (2020), measured
    /// their THz networks' accuracy against axial displacements of this sub-millimetre order); 0 skips the instances.
    /// </summary>
    public double AxialMisalignment { get; init; } = 0.1e-3;

    /// <summary>Assembled instances with axial displacements each network is read on (seeded).</summary>
    public int AxialInstances { get; init; } = 10;

    /// <summary>Also train the plain network with lossless (phase-only) masks: the row without absorption.</summary>
    public bool LosslessComparison { get; init; } = true;

    /// <summary>Fabrication phase levels evaluated after training.</summary>
    public int[] QuantizationLevels { get; init; } = [8, 4];

    /// <summary>Directory for per-epoch checkpoints (a rerun resumes from them); null: none.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Seed of everything.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The reduced CI version: 50×50 masks, 1 cm spacing, unscaled 28×28 images, 600 train / 200 test images.</summary>
    public static D2nnOptions Quick { get; } = new()
    {
        Geometry = new DiffractiveGeometry { N = 50, LayerDistance = 1e-2, RegionSize = 5 },
        ImageScale = 1,
        TrainLimit = 600,
        TestLimit = 200,
        Epochs = 4,
        BatchSize = 20,
        AxialInstances = 4,
    };
}

/// <summary>Accuracy of one trained network under fabrication and assembly errors.</summary>
/// <param name="Training">"plain" or "robust (±k px)".</param>
/// <param name="ValidationAccuracy">Validation accuracy as designed.</param>
/// <param name="Accuracy">Test accuracy as designed.</param>
/// <param name="EpochValidationAccuracy">Validation accuracy after every epoch.</param>
/// <param name="Quantized">Test accuracy with the phases rounded to each number of levels.</param>
/// <param name="ShiftedMean">Mean test accuracy with the middle mask shifted by one pixel left, right, up and down.</param>
/// <param name="ShiftedWorst">The worst of those four.</param>
/// <param name="Masks">"resin (κ = …)" for absorbing printed masks, "lossless" for phase-only ones.</param>
/// <param name="DetectorEfficiency">Optical power on the detector regions over the input power, mean over the test images.</param>
/// <param name="AxialMean">Mean test accuracy over the instances with axial displacements (NaN when none are read).</param>
/// <param name="AxialWorst">The worst of those instances.</param>
public sealed record D2nnNetworkResult(string Training, double ValidationAccuracy, double Accuracy, IReadOnlyList<double> EpochValidationAccuracy, IReadOnlyList<QuantizedAccuracy> Quantized, double ShiftedMean, double ShiftedWorst,
    string Masks, double DetectorEfficiency, double AxialMean, double AxialWorst);

/// <summary>Test accuracy with phases on <paramref name="Levels"/> fabrication levels.</summary>
public sealed record QuantizedAccuracy(int Levels, double Accuracy);

/// <summary>What <see cref="D2nnMnist.Run"/> measured.</summary>
/// <param name="ScalarTheoryWarning">Where the pitch nears the wavelength, the statement of the scalar model's limit (<see cref="DiffractiveGeometry.ScalarTheoryWarning"/>); null otherwise.</param>
/// <param name="AxialMisalignment">Standard deviation of the masks' axial displacements in the instances read, m.</param>
/// <param name="AxialInstances">Instances read.</param>
public sealed record D2nnResult(string Dataset, int N, int Layers, SplitSizes Splits, int Epochs, IReadOnlyList<D2nnNetworkResult> Networks, string? ScalarTheoryWarning, double AxialMisalignment, int AxialInstances);

/// <summary>
/// The diffractive deep neural network of Lin et al. (Science 361, 1004 (2018)): phase-only masks
/// trained by backpropagation through angular-spectrum propagation, digits as amplitude on the input
/// plane, 10 detector regions. Trains a plain network and one that samples lateral misalignment of
/// every mask during training, then reads both with quantized phases and with the middle mask shifted.
/// </summary>
public static class D2nnMnist
{
    /// <summary>Runs the reproduction; <paramref name="log"/> gets per-epoch progress.</summary>
    public static D2nnResult Run(D2nnOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.ValidationFraction > 0 && options.ValidationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"ValidationFraction must be in (0, 1); got {options.ValidationFraction}.");
        }
        if (!(options.AxialMisalignment >= 0) || !double.IsFinite(options.AxialMisalignment) || options.AxialInstances < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"AxialMisalignment must be finite and ≥ 0 m and AxialInstances ≥ 0; got {options.AxialMisalignment} m, {options.AxialInstances}.");
        }
        options.Geometry.Resin?.Validate();
        var s = DataCatalog.LoadSplits<float>(options.Dataset, options.ValidationFraction, options.Seed);
        var (train, validation, test) = (Limit(s.Train, options.TrainLimit), Limit(s.Validation, options.TestLimit), Limit(s.Test, options.TestLimit));
        int side = (int)Math.Round(Math.Sqrt(train.FeatureCount));
        if (side * side != train.FeatureCount)
        {
            throw new ArgumentException($"{options.Dataset}: D2NN inputs must be square images; got {train.FeatureCount} features.", nameof(options));
        }
        // Mean input power Σx²·scale² over the training images normalises the class scores.
        double power = 0;
        foreach (float v in train.Features.Span)
        {
            power += v * v;
        }
        power *= (double)options.ImageScale * options.ImageScale / train.Count;
        var geometry = options.Geometry with { DetectorGain = options.ScoreScale / power };
        string? warning = geometry.ScalarTheoryWarning();
        if (warning is not null)
        {
            log?.Invoke(warning);
        }
        var networks = new List<D2nnNetworkResult> { Train(options, geometry, side, train, validation, test, 0, log) };
        if (options.LosslessComparison && geometry.Resin is not null)
        {
            networks.Add(Train(options, geometry with { Resin = null }, side, train, validation, test, 0, log));
        }
        if (options.RobustMisalignment > 0)
        {
            networks.Add(Train(options, geometry, side, train, validation, test, options.RobustMisalignment, log));
        }
        return new D2nnResult(options.Dataset, geometry.N, geometry.Layers, new SplitSizes(train.Count, validation.Count, test.Count), options.Epochs, networks,
            warning, options.AxialMisalignment, options.AxialMisalignment > 0 ? options.AxialInstances : 0);
    }

    private static Dataset<float> Limit(Dataset<float> data, int limit)
        => limit > 0 && limit < data.Count ? data.Subset([.. Enumerable.Range(0, limit)]) : data;

    private static D2nnNetworkResult Train(D2nnOptions options, DiffractiveGeometry geometry, int side, Dataset<float> train, Dataset<float> validation, Dataset<float> test, int misalignment, Action<string>? log)
    {
        string label = misalignment == 0 ? "plain" : $"robust (±{misalignment} px)";
        string masksLabel = geometry.Resin is { } resin ? $"resin (κ = {resin.ExtinctionCoefficient})" : "lossless";
        string tag = (misalignment == 0 ? "plain" : "robust") + (geometry.Resin is null ? "-lossless" : "");
        var model = DiffractiveNetwork.BuildForImages<float>(geometry, side, options.ImageScale, new Rng(options.Seed).Split("d2nn-init"));
        var masks = model.Layers.OfType<PhaseMask<float>>().ToList();
        foreach (var m in masks)
        {
            m.TrainingMisalignment = misalignment;
            if (!options.RandomInitialPhases)
            {
                m.Phase.Value.Fill(0);
            }
        }
        var loss = new SoftmaxCrossEntropy<float>();
        var optimizer = new Adam<float>(model.Parameters, options.LearningRate);
        var trainer = new Trainer<float>(model, loss, optimizer, new TrainerOptions { Epochs = options.Epochs, BatchSize = options.BatchSize, Seed = options.Seed });
        string? checkpoint = options.CheckpointDirectory is null ? null
            : Path.Combine(options.CheckpointDirectory, $"d2nn-{options.Dataset}-{geometry.N}-{tag}.ckpt");
        if (checkpoint is not null && File.Exists(checkpoint))
        {
            trainer.State = Checkpoint.Load(checkpoint, model, optimizer);
            log?.Invoke($"{label}: resumed from {checkpoint} after epoch {trainer.State.EpochsDone}");
        }
        var epochAccuracy = new List<double>();
        trainer.EpochCompleted += m =>
        {
            double acc = Accuracy(model, loss, validation, options.BatchSize);
            epochAccuracy.Add(acc);
            log?.Invoke($"{label}, {masksLabel}: epoch {m.Epoch}/{options.Epochs}, train loss {m.TrainLoss:F4}, train {m.TrainAccuracy:P2}, validation {acc:P2}");
            if (checkpoint is not null)
            {
                Directory.CreateDirectory(options.CheckpointDirectory!);
                Checkpoint.Save(checkpoint, model, optimizer, trainer.State);
            }
        };
        trainer.Fit(train);
        // The last epoch's evaluation is the trained network's (a resumed finished run has none yet).
        double validationAccuracy = epochAccuracy.Count > 0 ? epochAccuracy[^1] : Accuracy(model, loss, validation, options.BatchSize);
        double accuracy = Accuracy(model, loss, test, options.BatchSize);
        var quantized = new List<QuantizedAccuracy>();
        foreach (int levels in options.QuantizationLevels)
        {
            masks.ForEach(m => m.Levels = levels);
            quantized.Add(new QuantizedAccuracy(levels, Accuracy(model, loss, test, options.BatchSize)));
        }
        masks.ForEach(m => m.Levels = 0);
        var middle = masks[masks.Count / 2];
        var shifted = new List<double>();
        foreach (var (dx, dy) in new[] { (1, 0), (-1, 0), (0, 1), (0, -1) })
        {
            (middle.ShiftX, middle.ShiftY) = (dx, dy);
            shifted.Add(Accuracy(model, loss, test, options.BatchSize));
        }
        (middle.ShiftX, middle.ShiftY) = (0, 0);
        double efficiency = DetectorEfficiency(model, test, options.BatchSize, options.ScoreScale);
        // Every network is read on the same seeded instances: the displacements depend on the seed and instance only.
        var axial = new List<double>();
        for (int k = 0; options.AxialMisalignment > 0 && k < options.AxialInstances; k++)
        {
            var instance = DiffractiveNetwork.WithAxialMisalignment(model, options.AxialMisalignment, new Rng(options.Seed).Split("axial").Split((ulong)k));
            axial.Add(Accuracy(instance, loss, test, options.BatchSize));
        }
        double axialMean = axial.Count > 0 ? axial.Average() : double.NaN, axialWorst = axial.Count > 0 ? axial.Min() : double.NaN;
        log?.Invoke($"{label}, {masksLabel}: test {accuracy:P2}; " + string.Join(", ", quantized.Select(q => $"{q.Levels} levels {q.Accuracy:P2}")) + $"; middle mask ±1 px mean {shifted.Average():P2}, worst {shifted.Min():P2}; detector efficiency {efficiency:P2}; axial Δz instances mean {axialMean:P2}, worst {axialWorst:P2}");
        return new D2nnNetworkResult(label, validationAccuracy, accuracy, epochAccuracy, quantized, shifted.Average(), shifted.Min(), masksLabel, efficiency, axialMean, axialWorst);
    }

    /// <summary>
    /// Power on the detector regions over the input power, mean over <paramref name="data"/>: the class scores are that
    /// fraction of the mean input power times <paramref name="scoreScale"/>, so their sum over classes gives it back.
    /// </summary>
    private static double DetectorEfficiency(Sequential<float> model, Dataset<float> data, int batch, double scoreScale)
    {
        double sum = 0;
        for (int start = 0; start < data.Count; start += batch)
        {
            var y = model.Forward(data.Features.SliceRows(start, Math.Min(batch, data.Count - start)), ForwardContext.Eval());
            foreach (float v in y.Span)
            {
                sum += v;
            }
        }
        return sum / (scoreScale * data.Count);
    }

    private static double Accuracy(Sequential<float> model, Loss<float> loss, Dataset<float> data, int batch)
        => Trainer<float>.Evaluate(model, loss, data, batch).Accuracy ?? 0;
}

/// <summary>The trained diffractive networks, as <c>pnn repro d2nn</c> prints them (<paramref name="Options"/>: the settings they ran with).</summary>
public sealed record D2nnReproResult(D2nnResult Result, D2nnOptions Options) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Result;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var report = new ReproReport();
        var r = Result;
        var g = Options.Geometry;
        var table = report.Table($"D2NN (Lin et al. 2018): {r.Layers} phase masks of {r.N}×{r.N}, λ = {g.Wavelength * 1e3} mm, pitch {g.Pitch * 1e3} mm, {g.LayerDistance * 1e2} cm apart; {r.Dataset}, {r.Splits}, {r.Epochs} epochs")
            .AddColumn("training").AddColumn("masks").AddColumn("validation accuracy").AddColumn("test accuracy").AddColumn("power on detectors");
        foreach (var q in Options.QuantizationLevels)
        {
            table.AddColumn($"{q} phase levels");
        }
        table.AddColumn("middle mask ±1 px: mean").AddColumn("worst");
        bool axial = r.AxialInstances > 0;
        if (axial)
        {
            table.AddColumn($"axial Δz σ = {r.AxialMisalignment * 1e3:G3} mm, {r.AxialInstances} instances: mean").AddColumn("worst");
        }
        foreach (var n in r.Networks)
        {
            string[] axialCells = axial ? [$"{n.AxialMean:P2}", $"{n.AxialWorst:P2}"] : [];
            table.AddRow([n.Training, n.Masks, $"{n.ValidationAccuracy:P2}", $"{n.Accuracy:P2}", $"{n.DetectorEfficiency:P2}", .. n.Quantized.Select(q => $"{q.Accuracy:P2}"), $"{n.ShiftedMean:P2}", $"{n.ShiftedWorst:P2}", .. axialCells]);
        }
        if (r.ScalarTheoryWarning is not null)
        {
            report.Line(r.ScalarTheoryWarning);
        }
        return report;
    }
}

/// <summary><c>pnn repro d2nn</c>: <see cref="D2nnMnist"/> from the command line (<c>--checkpoint DIR</c> resumes a killed run).</summary>
public sealed class D2nnReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "d2nn";

    /// <inheritdoc/>
    public string Summary => "5-layer 200×200 diffractive network on MNIST, absorbing resin vs lossless masks, plain vs misalignment-robust, axial Δz instances";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Lin et al.", 2018, "Science")];

    /// <inheritdoc/>
    public string? Quick => "50×50 masks 1 cm apart, unscaled 28×28 images, 600 training / 200 test images, 4 epochs";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } =
        [ReproOption.Quick, ReproOption.Epochs, ReproOption.Seed, ReproOption.Dataset, new("checkpoint", "a folder of per-epoch checkpoints; a killed run resumes from it")];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        ulong seed = args.Seed;
        var defaults = args.Flag("quick") ? D2nnOptions.Quick : new D2nnOptions();
        var options = defaults with
        {
            Dataset = args.Value("dataset") ?? defaults.Dataset,
            Epochs = args.Int("epochs", defaults.Epochs, 1, 10_000),
            CheckpointDirectory = args.Value("checkpoint"),
            Seed = seed,
        };
        return new D2nnReproResult(D2nnMnist.Run(options, context.Log), options);
    }
}
