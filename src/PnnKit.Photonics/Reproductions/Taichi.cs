using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Photonics.Calibration;
using PnnKit.Photonics.Costs;
using PnnKit.Photonics.Taichi;

namespace PnnKit.Photonics.Reproductions;

/// <summary>Settings of <see cref="TaichiReproduction.Train"/> and the sweep (defaults: the full run on the bundled MNIST subset).</summary>
public sealed record TaichiOptions
{
    /// <summary>
    /// Data set: "mnist-subset" (bundled), "fashion-mnist" or "mnist" when installed, "omniglot" when fetched (1,623 classes;
    /// where it is absent the run goes on the MNIST subset and says so).
    /// </summary>
    public string Dataset { get; init; } = "mnist-subset";

    /// <summary>Where fetched data sets are (null: $PNNKIT_DATA), for Omniglot: DIR/omniglot or DIR itself.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Omniglot drawings per character that train (of its 20; the rest test): 15 (assumption, the paper's split is not given here).</summary>
    public int OmniglotTrainPerClass { get; init; } = 15;

    /// <summary>Blocks per image side of the trained configurations (1, 2, 4, 7: 1, 4, 16, 49 blocks).</summary>
    public int[] BlocksPerSide { get; init; } = [1, 2, 4, 7];

    /// <summary>The geometry every trained configuration starts from (its BlocksPerSide is replaced).</summary>
    public TaichiGeometry Geometry { get; init; } = new();

    /// <summary>Training images used (0: all 7,200 of the subset's training part).</summary>
    public int TrainLimit { get; init; }

    /// <summary>Validation and test images used, each (0: all).</summary>
    public int TestLimit { get; init; }

    /// <summary>Fraction of the training images held out for validation (stratified, seeded).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Training epochs.</summary>
    public int Epochs { get; init; } = 8;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam learning rate on every phase.</summary>
    public double LearningRate { get; init; } = 0.02;

    /// <summary>
    /// Softmax temperature: the class scores are the detected powers over the most light the last chiplet can carry
    /// (its M modulated modes at unit power), times this; as in <see cref="D2nnOptions.ScoreScale"/>.
    /// </summary>
    public double ScoreScale { get; init; } = 100;

    /// <summary>Blocks of the analytic scaling sweep (×4 per row, to the millions of neurons the paper claims), at the block size of the 16-block configuration.</summary>
    public int ScalingRows { get; init; } = 9;

    /// <summary>Seed of everything.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Fabricated copies of every trained configuration, each read uncalibrated and recalibrated (0: none).</summary>
    public int Instances { get; init; } = 3;

    /// <summary>How each fabricated mesh is recalibrated: the intensity-only twin fit with the heaters' crosstalk fitted (it dominates a 64-mode mesh's error).</summary>
    public CalibrationOptions Calibration { get; init; } = new() { FitCrosstalk = true };

    /// <summary>The reduced run: 1, 4 and 16 blocks, 2,000 training / 500 validation / 500 test images, 3 epochs, 2 fabricated copies.</summary>
    public static TaichiOptions Quick { get; } = new() { BlocksPerSide = [1, 2, 4], TrainLimit = 2000, TestLimit = 500, Epochs = 3, Instances = 2 };
}

/// <summary>One trained configuration of the block sweep.</summary>
/// <param name="Blocks">Diffractive blocks.</param>
/// <param name="TileSide">Side of each block's tile, pixels.</param>
/// <param name="Modes">Modes of each interference stage.</param>
/// <param name="Counts">Neurons, parameters, operations.</param>
/// <param name="ValidationAccuracy">Validation accuracy after training.</param>
/// <param name="TestAccuracy">Test accuracy (test read once for this model).</param>
/// <param name="OpticalJoules">The light per inference, from the cost ledger of the test pass (laser entries × wall-plug efficiency), J.</param>
/// <param name="SystemJoules">Whole-system energy per inference from the ledger (heaters over 1/symbol rate), J.</param>
/// <param name="LatencySeconds">Critical path from the ledger, s.</param>
/// <param name="Estimate">The analytic estimate for the same geometry with the trained heater power (it must equal the ledger).</param>
/// <param name="Terms">The ledger's terms, per inference.</param>
/// <param name="OutputUnits">Meshes of the last chiplet (more than one when the classes outnumber the modes).</param>
public sealed record TaichiTrained(int Blocks, int TileSide, int Modes, TaichiCounts Counts, double ValidationAccuracy, double TestAccuracy,
    double OpticalJoules, double SystemJoules, double LatencySeconds, TaichiEnergy Estimate, IReadOnlyList<TaichiTerm> Terms, int OutputUnits = 1);

/// <summary>Test accuracies of fabricated copies of one trained configuration (typical MZI errors), as fabricated and after recalibration.</summary>
/// <param name="Blocks">Diffractive blocks of the configuration.</param>
/// <param name="Uncalibrated">Each copy programmed with the design's phases.</param>
/// <param name="Recalibrated">The same copies with every mesh re-programmed through <see cref="MeshCalibration"/>.</param>
public sealed record TaichiFabricated(int Blocks, IReadOnlyList<double> Uncalibrated, IReadOnlyList<double> Recalibrated);

/// <summary>One term of the system energy per inference (a ledger entry, or the heaters over one inference slot).</summary>
public sealed record TaichiTerm(string Name, double Joules);

/// <summary>One row of the analytic scaling sweep.</summary>
public sealed record TaichiScalingRow(int Blocks, TaichiCounts Counts, TaichiEnergy Energy);

/// <summary>What <c>pnn repro taichi</c> measured.</summary>
/// <param name="RequestedDataset">The data set asked for.</param>
/// <param name="Dataset">The data set it ran on.</param>
/// <param name="DatasetNote">Why they differ, or null.</param>
/// <param name="Splits">Train / validation / test sizes.</param>
/// <param name="Epochs">Training epochs.</param>
/// <param name="Trained">The block sweep, trained.</param>
/// <param name="Chosen">Blocks of the configuration chosen on validation.</param>
/// <param name="Scaling">The analytic sweep.</param>
/// <param name="Fabricated">Fabricated copies of each trained configuration (empty with no instances).</param>
public sealed record TaichiResult(string RequestedDataset, string Dataset, string? DatasetNote, SplitSizes Splits, int Epochs,
    IReadOnlyList<TaichiTrained> Trained, int Chosen, IReadOnlyList<TaichiScalingRow> Scaling, IReadOnlyList<TaichiFabricated> Fabricated)
{
    /// <summary>The configuration chosen on validation.</summary>
    public TaichiTrained Best => Trained.First(t => t.Blocks == Chosen);
}

/// <summary>The published figures this reproduction prints beside its own (Xu et al., Science 384, 202 (2024), abstract).</summary>
public static class TaichiPublished
{
    /// <summary>Energy efficiency, TOPS/W: 160 (title and abstract).</summary>
    public const double TopsPerWatt = 160;

    /// <summary>Test accuracy on the 1,623-class Omniglot: 91.89 % (abstract).</summary>
    public const double OmniglotAccuracy = 0.9189;

    /// <summary>Omniglot classes: 1,623 (abstract).</summary>
    public const int OmniglotClasses = 1623;

    /// <summary>Neurons of the largest on-chip network: 13.96 million (the authors' Dryad data record, doi 10.5061/dryad.m63xsj497).</summary>
    public const double Neurons = 13.96e6;

    /// <summary>Citation.</summary>
    public const string Citation = "Xu et al., Science 384, 202 (2024)";
}

/// <summary>
/// <c>pnn repro taichi</c>: the Taichi architecture (Xu et al., Science 384, 202 (2024)) — distributed diffractive
/// blocks on tiles of the image, an MZI interference stage that combines their outputs, a second chiplet that
/// decodes to the classes — trained in silico for 1–49 blocks, and its scaling argument: neurons, operations and
/// energy per operation as the block count grows to the paper's millions of neurons, core (the light, as the
/// published 160 TOPS/W) beside system (laser wall-plug, modulators and DACs, detectors and ADCs, heaters).
/// </summary>
public sealed class TaichiReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "taichi";

    /// <inheritdoc/>
    public string Summary => "distributed diffractive blocks + MZI interference chiplets in cascade: accuracy and energy per operation (light vs system) from 1 block to millions of neurons";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Xu et al.", 2024, "Science")];

    /// <inheritdoc/>
    public string? Quick => "1, 4 and 16 blocks (not 49), 2,000 training / 500 validation / 500 test images, 3 epochs";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } =
        [ReproOption.Quick, ReproOption.Epochs, ReproOption.Seed, ReproOption.Instances with { Help = "fabricated copies of each configuration, uncalibrated and recalibrated (default 3; --quick 2; 0: none)" }, new("dataset", "dataset (mnist-subset, fashion-mnist, mnist; omniglot when fetched, else it runs on mnist-subset and says so)")];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var defaults = args.Flag("quick") ? TaichiOptions.Quick : new TaichiOptions();
        var options = defaults with
        {
            Dataset = args.Value("dataset") ?? defaults.Dataset,
            Epochs = args.Int("epochs", defaults.Epochs, 1, 1000),
            Instances = args.Int("instances", defaults.Instances, 0, 100),
            Seed = args.Seed,
        };
        return new TaichiReproResult(RunSweep(options, context.Log));
    }

    /// <summary>Trains every configuration of <paramref name="options"/>, picks the best on validation, and runs the analytic sweep.</summary>
    public static TaichiResult RunSweep(TaichiOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (dataset, note) = Resolve(options.Dataset, options.DataDirectory);
        if (note is not null)
        {
            log?.Invoke(note);
        }
        var (train, validation, test) = Load(options with { Dataset = dataset });
        var trained = new List<TaichiTrained>();
        var fabricated = new List<TaichiFabricated>();
        var receivers = train.Features.SliceRows(0, Math.Min(256, train.Count));
        foreach (int g in options.BlocksPerSide)
        {
            var t = Train(options, options.Geometry with { BlocksPerSide = g }, train, validation, test, log);
            trained.Add(t.Result);
            if (options.Instances > 0)
            {
                var raw = InstanceAccuracies(t.Model, test, Meshes.MeshVariation.Typical, options.Instances, options.Seed, receivers);
                var calibrated = InstanceAccuracies(t.Model, test, Meshes.MeshVariation.Typical, options.Instances, options.Seed, receivers, meshCalibration: options.Calibration);
                fabricated.Add(new TaichiFabricated(t.Result.Blocks, raw, calibrated));
                log?.Invoke($"{t.Result.Blocks} blocks, {options.Instances} fabricated copies: {raw.Average():P2} uncalibrated, {calibrated.Average():P2} recalibrated (design {t.Result.TestAccuracy:P2})");
            }
        }
        int chosen = trained.OrderByDescending(t => t.ValidationAccuracy).First().Blocks;
        var block = options.Geometry with { BlocksPerSide = 4 };
        var scaling = new List<TaichiScalingRow>();
        for (int j = 0, side = 1; j < options.ScalingRows; j++, side *= 2)
        {
            var g = block with { ImageSide = side * block.TileSide, BlocksPerSide = side };
            scaling.Add(new TaichiScalingRow(g.Blocks, TaichiNetwork.Count(g), TaichiNetwork.Estimate(g)));
        }
        return new TaichiResult(options.Dataset, dataset, note, new SplitSizes(train.Count, validation.Count, test.Count), options.Epochs, trained, chosen, scaling, fabricated);
    }

    /// <summary>The data set to run on for <paramref name="requested"/>, and a note when it is not the one asked for.</summary>
    public static (string Dataset, string? Note) Resolve(string requested, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(requested);
        if (requested == "omniglot" && OmniglotFolder(dataDirectory) is null)
        {
            return ("mnist-subset", $"omniglot ({TaichiPublished.OmniglotClasses} classes, the paper's task) is not on this machine (`pnn data fetch omniglot --to DIR` downloads and checks it; {DataCatalog.DataDirVariable}=DIR points here to it); running the architecture on the closest data here, the bundled mnist-subset (10 classes), labelled as such.");
        }
        return (requested, null);
    }

    /// <summary>The fetched Omniglot under <paramref name="dataDirectory"/> (else $PNNKIT_DATA): DIR/omniglot or DIR itself; null when absent.</summary>
    public static string? OmniglotFolder(string? dataDirectory)
    {
        string? root = dataDirectory ?? Environment.GetEnvironmentVariable(DataCatalog.DataDirVariable);
        return root is null ? null
            : new[] { Path.Combine(root, "omniglot"), root }.FirstOrDefault(d => OmniglotImages.Parts.Any(p => Directory.Exists(Path.Combine(d, p))));
    }

    /// <summary>Train / validation / test, limited as the options say.</summary>
    public static (Dataset<float> Train, Dataset<float> Validation, Dataset<float> Test) Load(TaichiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Dataset == "omniglot")
        {
            string folder = OmniglotFolder(options.DataDirectory)
                ?? throw new DataFormatException($"omniglot: not found under {options.DataDirectory ?? $"${DataCatalog.DataDirVariable}"}; run `pnn data fetch omniglot --to DIR`.");
            var (all, test) = OmniglotImages.Load<float>(folder, options.Geometry.ImageSide, options.OmniglotTrainPerClass);
            var parts = Splits.Indices(all.Count, all.Labels, [options.ValidationFraction], options.Seed);
            // The loader orders rows by character: a seeded shuffle first, so that a limit keeps every class in proportion.
            var rng = new Rng(options.Seed).Split("omniglot-order");
            Dataset<float> Shuffled(Dataset<float> d, string name) => d.Subset(rng.Permutation(d.Count), name);
            return (Limit(Shuffled(all.Subset(parts[0]), "omniglot-train"), options.TrainLimit),
                Limit(Shuffled(all.Subset(parts[1]), "omniglot-validation"), options.TestLimit),
                Limit(Shuffled(test, "omniglot-test"), options.TestLimit));
        }
        var s = DataCatalog.LoadSplits<float>(options.Dataset, options.ValidationFraction, options.Seed);
        return (Limit(s.Train, options.TrainLimit), Limit(s.Validation, options.TestLimit), Limit(s.Test, options.TestLimit));
    }

    private static Dataset<float> Limit(Dataset<float> data, int limit)
        => limit > 0 && limit < data.Count ? data.Subset([.. Enumerable.Range(0, limit)]) : data;

    /// <summary>A trained network and what was measured on it.</summary>
    public sealed record Trained(Sequential<float> Model, TaichiTrained Result);

    /// <summary>Trains one configuration in silico (Adam on every phase) and reads validation, then test once with a cost ledger.</summary>
    public static Trained Train(TaichiOptions options, TaichiGeometry geometry, Dataset<float> train, Dataset<float> validation, Dataset<float> test, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        if (train.FeatureCount != geometry.ImageSide * geometry.ImageSide)
        {
            throw new ArgumentException($"Taichi: the data has {train.FeatureCount} features; the geometry reads {geometry.ImageSide}×{geometry.ImageSide} images.", nameof(train));
        }
        geometry = geometry with { Classes = train.ClassCount };
        double gain = OutputGain(geometry, train, options.ScoreScale);
        var init = new Rng(options.Seed).Split($"taichi-{geometry.Blocks}");
        var probe = TaichiNetwork.Build<float>(geometry, init, gain);
        double interGain = TaichiNetwork.CalibrateInterChipletGain(probe, train.Features.SliceRows(0, Math.Min(256, train.Count)));
        var model = TaichiNetwork.Build<float>(geometry, init, gain, interChipletGain: interGain);
        var loss = new SoftmaxCrossEntropy<float>();
        var trainer = new Trainer<float>(model, loss, new Adam<float>(model.Parameters, options.LearningRate),
            new TrainerOptions { Epochs = options.Epochs, BatchSize = options.BatchSize, Seed = options.Seed });
        trainer.EpochCompleted += m => log?.Invoke($"{geometry.Blocks} blocks: epoch {m.Epoch}/{options.Epochs}, train loss {m.TrainLoss:F4}, train {m.TrainAccuracy:P2}");
        trainer.Fit(train);
        double val = Trainer<float>.Evaluate(model, loss, validation, options.BatchSize).Accuracy ?? 0;
        var ledger = new CostLedger();
        double acc = Trainer<float>.Evaluate(model, loss, test, options.BatchSize, new ForwardContext(Mode.Eval, new Rng(options.Seed)) { Ledger = ledger }).Accuracy ?? 0;
        var costs = PhotonicCostModel.Default;
        double slot = 1 / costs.SymbolRateHz;
        double optical = ledger.CoreEnergyPerInference; // the light in the blocks and meshes (PhotonicCostModel.ChargeLight)
        double heaters = TaichiNetwork.Meshes(model).Sum(costs.HeaterPowerWatts);
        var terms = ledger.Entries.Select(e => new TaichiTerm(e.Component, e.EnergyJoules / ledger.Inferences))
            .Append(new TaichiTerm("MZI heaters (static, one inference slot)", ledger.TotalStaticPowerWatts * slot)).ToList();
        var result = new TaichiTrained(geometry.Blocks, geometry.TileSide, geometry.Modes, TaichiNetwork.Count(geometry), val, acc,
            optical, ledger.SystemEnergyPerInference(slot), ledger.LatencySeconds, TaichiNetwork.Estimate(geometry, costs, heaters), terms, geometry.OutputUnits);
        log?.Invoke($"{geometry.Blocks} blocks (inter-chiplet gain {interGain:G3}): validation {val:P2}, test {acc:P2}, light {Units.Joules(optical)}, system {Units.Joules(result.SystemJoules)} per inference");
        return new Trained(model, result);
    }

    /// <summary>
    /// Test accuracy of <paramref name="instances"/> fabricated copies of <paramref name="model"/>: every MZI mesh replaced by an
    /// instance drawn from <paramref name="variation"/> (coupler, phase, loss, crosstalk errors; seeds from <paramref name="seed"/>),
    /// the diffractive blocks as designed (no fabrication model for them here). With <paramref name="meshCalibration"/> each
    /// fabricated mesh is first re-programmed by <see cref="MeshCalibration.Calibrate"/> to realize the designed mesh's transfer
    /// matrix, from that mesh's output intensities only (known fields launched at its inputs, every output port read: the
    /// monitor taps a programmable mesh is calibrated through; an assumption about the chiplets' test access). Output phases
    /// are left free, which costs nothing here, since every Taichi mesh ends at photodetectors. With <paramref name="calibration"/>
    /// the inter-chiplet receiver gain of each instance is then re-set on those (training) images as the design's was
    /// (<see cref="TaichiNetwork.CalibrateInterChipletGain{T}"/>: the mesh losses dim the light).
    /// </summary>
    public static IReadOnlyList<double> InstanceAccuracies(Sequential<float> model, Dataset<float> test, Meshes.MeshVariation variation, int instances, ulong seed, Core.Tensors.Tensor<float>? calibration = null, int batchSize = 64, CalibrationOptions? meshCalibration = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(variation);
        if (instances < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(instances), $"instances must be ≥ 1; got {instances}.");
        }
        var loss = new SoftmaxCrossEntropy<float>();
        var rng = new Rng(seed).Split("taichi-instances");
        var accuracies = new List<double>();
        for (int i = 0; i < instances; i++)
        {
            var layers = model.Layers.Select((l, k) => l switch
            {
                Meshes.MziMesh<float> m => Fabricated(m, variation, rng.Split((ulong)((i * 100) + k)).NextULong(), meshCalibration),
                Meshes.MeshBank<float> bank => bank.WithUnits([.. bank.Units.Select((m, u) => Fabricated(m, variation, rng.Split((ulong)((i * 100) + k)).Split((ulong)u).NextULong(), meshCalibration))]),
                _ => l,
            }).ToArray();
            if (calibration is not null)
            {
                int d = Array.FindIndex(layers, l => l is Converters.Photodetector<float>);
                var pd = (Converters.Photodetector<float>)layers[d];
                if (d < layers.Length - 1)
                {
                    layers[d] = new Converters.Photodetector<float>(pd.Modes, 1.0, pd.Noise, pd.Name);
                    double gain = TaichiNetwork.CalibrateInterChipletGain(new Sequential<float>(layers), calibration);
                    layers[d] = new Converters.Photodetector<float>(pd.Modes, gain, pd.Noise, pd.Name);
                }
            }
            accuracies.Add(Trainer<float>.Evaluate(new Sequential<float>(layers), loss, test, batchSize).Accuracy ?? 0);
        }
        return accuracies;
    }

    /// <summary>One fabricated copy of <paramref name="design"/>, re-programmed through <see cref="MeshCalibration"/> when <paramref name="calibration"/> is given.</summary>
    private static Meshes.MziMesh<float> Fabricated(Meshes.MziMesh<float> design, Meshes.MeshVariation variation, ulong seed, CalibrationOptions? calibration)
    {
        var chip = design.Fabricate(variation, seed).Mesh;
        if (calibration is null)
        {
            return chip;
        }
        if (design is not Meshes.ClementsMesh<float>)
        {
            throw new ArgumentException($"mesh '{design.Name}': calibration needs a Clements mesh; got {design.GetType().Name}.", nameof(design));
        }
        // In double: the design's phases give the target (a float mesh's matrix is unitary to 1e-7 only), and the
        // calibration runs on a mesh with the chip's errors; its phases are then programmed into the chip.
        var ideal = new Meshes.ClementsMesh<double>(design.Modes, name: design.Name);
        ideal.SetPhases(Doubles(design.Theta), Doubles(design.Phi), Doubles(design.OutputPhase));
        var twin = new Meshes.ClementsMesh<double>(design.Modes, errors: chip.Errors, name: design.Name);
        // The chip's heater layout is known from its mask: the twin fits the strength of that thermal kernel.
        var options = calibration.FitCrosstalk && variation.ThermalCrosstalk is { } heat ? calibration with { ThermalLayout = heat } : calibration;
        MeshCalibration.Calibrate(twin, ideal.TransferMatrix(), options);
        chip.SetPhases(twin.Theta.Value.Span, twin.Phi.Value.Span, twin.OutputPhase.Value.Span);
        return chip;
    }

    private static double[] Doubles(Core.Layers.Parameter<float> p) => [.. p.Value.Data.Select(v => (double)v)];

    /// <summary>
    /// The last chiplet's detector gain: <paramref name="scoreScale"/> over the most light one of its meshes can carry — its
    /// M modulated modes at unit power after a first chiplet, else the training images' mean power Σx², split over its meshes.
    /// </summary>
    public static double OutputGain(TaichiGeometry geometry, Dataset<float> train, double scoreScale)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(train);
        if (!(scoreScale > 0) || !double.IsFinite(scoreScale))
        {
            throw new ArgumentOutOfRangeException(nameof(scoreScale), $"ScoreScale must be finite and > 0; got {scoreScale}.");
        }
        // A class bank splits the light U ways, so each port carries 1/U of it: the gain makes that up.
        if (geometry.Chiplets > 1)
        {
            return scoreScale * geometry.OutputUnits / geometry.Modes;
        }
        double power = 0;
        foreach (float v in train.Features.Span)
        {
            power += v * v;
        }
        return scoreScale * geometry.OutputUnits * train.Count / Math.Max(power, double.Epsilon);
    }
}

/// <summary>The sweep as <c>pnn repro taichi</c> prints it.</summary>
public sealed record TaichiReproResult(TaichiResult Result) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Result;

    private static string Femtojoules(double j) => $"{j * 1e15:G3} fJ";

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var r = Result;
        var report = new ReproReport();
        if (r.DatasetNote is not null)
        {
            report.Line(r.DatasetNote);
        }
        var best = r.Best;
        double pnnCoreTops = best.Counts.OperationsPerInference / best.OpticalJoules / 1e12;
        double pnnSystemTops = best.Counts.OperationsPerInference / best.SystemJoules / 1e12;
        report.Table($"Taichi ({TaichiPublished.Citation}) beside PnnKit's model of it: published figure, PnnKit on {r.Dataset} ({r.Splits}), and what the published figure leaves out")
            .AddColumn("figure").AddColumn("published").AddColumn("PnnKit").AddColumn("left out of the published figure")
            .AddRow("task", $"Omniglot, {TaichiPublished.OmniglotClasses} classes", $"{r.Dataset}{(r.DatasetNote is null ? "" : " (closest data here; Omniglot absent)")}, {best.Blocks} blocks chosen on validation{(best.OutputUnits > 1 ? $", last chiplet {best.OutputUnits} meshes of {best.Modes} modes" : "")}", "—")
            .AddRow("test accuracy", $"{TaichiPublished.OmniglotAccuracy:P2}", $"{best.TestAccuracy:P2} (validation {best.ValidationAccuracy:P2})", "—")
            .AddRow("neurons (largest network)", $"{TaichiPublished.Neurons / 1e6:F2} M", $"{best.Counts.Neurons:N0} trained; {r.Scaling[^1].Counts.Neurons / 1e6:F2} M in the analytic sweep", "—")
            .AddRow("energy efficiency, core (the light)", $"{TaichiPublished.TopsPerWatt} TOPS/W ({1e3 / TaichiPublished.TopsPerWatt:F2} fJ/op)", $"{pnnCoreTops:G3} TOPS/W ({best.OpticalJoules / best.Counts.OperationsPerInference * 1e15:G3} fJ/op)", "—")
            .AddRow("energy efficiency, system", "not published", $"{pnnSystemTops:G3} TOPS/W ({best.SystemJoules / best.Counts.OperationsPerInference * 1e15:G3} fJ/op)",
                $"{Units.Joules(best.SystemJoules - best.OpticalJoules)} per inference: laser wall-plug loss, modulators and DACs, detectors and ADCs, heaters ({(best.SystemJoules - best.OpticalJoules) / best.SystemJoules:P1} of the system)")
            .AddRow("energy per inference, light / system", "—", $"{Units.Joules(best.OpticalJoules)} / {Units.Joules(best.SystemJoules)}", "—")
            .AddRow("latency (critical path)", "—", Units.Seconds(best.LatencySeconds), "—");

        var sweep = report.Table($"Trained block sweep ({r.Splits}, {r.Epochs} epochs, Adam on every phase; test read once per configuration)")
            .AddColumn("blocks").AddColumn("tile").AddColumn("modes").AddColumn("neurons").AddColumn("ops / inference")
            .AddColumn("validation").AddColumn("test").AddColumn("light / inference").AddColumn("system / inference").AddColumn("TOPS/W light").AddColumn("TOPS/W system").AddColumn("latency");
        foreach (var t in r.Trained)
        {
            sweep.AddRow($"{t.Blocks}{(t.Blocks == r.Chosen ? " (chosen)" : "")}", $"{t.TileSide}×{t.TileSide}", $"{t.Modes}", $"{t.Counts.Neurons:N0}", $"{t.Counts.OperationsPerInference:G3}",
                $"{t.ValidationAccuracy:P2}", $"{t.TestAccuracy:P2}", Units.Joules(t.OpticalJoules), Units.Joules(t.SystemJoules),
                $"{t.Counts.OperationsPerInference / t.OpticalJoules / 1e12:G3}", $"{t.Counts.OperationsPerInference / t.SystemJoules / 1e12:G3}", Units.Seconds(t.LatencySeconds));
        }

        if (r.Fabricated.Count > 0)
        {
            var fab = report.Table($"Fabricated copies ({r.Fabricated[0].Uncalibrated.Count} per configuration, both chiplets' meshes with the typical MZI errors of mzi-si-thermo-optic; test accuracy, mean / worst): as fabricated vs each mesh recalibrated from its output intensities")
                .AddColumn("blocks").AddColumn("design").AddColumn("uncalibrated").AddColumn("recalibrated");
            foreach (var f in r.Fabricated)
            {
                fab.AddRow($"{f.Blocks}{(f.Blocks == r.Chosen ? " (chosen)" : "")}", $"{r.Trained.First(t => t.Blocks == f.Blocks).TestAccuracy:P2}",
                    $"{f.Uncalibrated.Average():P2} / {f.Uncalibrated.Min():P2}", $"{f.Recalibrated.Average():P2} / {f.Recalibrated.Min():P2}");
            }
            report.Line("Recalibration: MeshCalibration fits each mesh's coupler ratios, phase offsets and heater crosstalk to output intensities of known input fields (every output port read through monitor taps, an assumption about the chiplets' test access), then re-programs it; the inter-chiplet receiver gain is re-set on 256 training images. The diffractive blocks are as designed (no fabrication model for them).");
        }

        var terms = report.Table($"Where the {best.Blocks}-block system energy goes (cost ledger of the test pass; heaters over one 0.1 ns inference slot)")
            .AddColumn("term").AddColumn("per inference").AddColumn("share");
        foreach (var term in best.Terms.Where(t => t.Joules > 0).OrderByDescending(t => t.Joules))
        {
            terms.AddRow(term.Name, Units.Joules(term.Joules), $"{term.Joules / best.SystemJoules:P1}");
        }

        var scaling = report.Table("Scaling argument (analytic, same cost model): blocks of 7×7 tiles on 14×14 planes, ×4 per row; beyond 64 modes the interference stage is ⌈modes / 64⌉ 64-mode units in parallel")
            .AddColumn("blocks").AddColumn("neurons").AddColumn("ops / inference").AddColumn("light / op").AddColumn("system / op").AddColumn("TOPS/W light").AddColumn("TOPS/W system").AddColumn("heaters' share").AddColumn("latency");
        foreach (var s in r.Scaling)
        {
            double ops = s.Counts.OperationsPerInference;
            scaling.AddRow($"{s.Blocks:N0}", $"{s.Counts.Neurons:N0}", $"{ops:G3}", Femtojoules(s.Energy.OpticalJoules / ops), Femtojoules(s.Energy.SystemJoules / ops),
                $"{ops / s.Energy.OpticalJoules / 1e12:G3}", $"{ops / s.Energy.SystemJoules / 1e12:G3}", $"{s.Energy.HeaterJoules / s.Energy.SystemJoules:P1}", Units.Seconds(s.Energy.LatencySeconds));
        }
        report.Line("Energy per operation stays flat as blocks are added (every block brings its own input pixels, light and converters); it falls with the block's size, since a plane-to-plane propagation of n² pixels is n⁴ operations for n² pixels of light.");
        report.Line("Light: the laser's optical output (1 mW per input pixel and per re-modulated mode, 10 GS/s); system adds its wall-plug loss (10 %), modulators with 8-bit DACs, detectors with TIAs and 8-bit ADCs, and the heaters holding every MZI phase (P_π = 20 mW, Harris et al. 2014) over one inference slot; sources in PhotonicCostModel. Not counted: host control logic and memory.");
        return report;
    }
}
