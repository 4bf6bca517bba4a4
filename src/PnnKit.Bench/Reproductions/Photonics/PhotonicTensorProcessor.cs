using System.Globalization;
using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Training;
using PnnKit.Interop;
using PnnKit.Photonics.TensorCore;

namespace PnnKit.Bench.Reproductions;

/// <summary>Settings of <see cref="PhotonicTensorProcessor.Run"/>.</summary>
public sealed record PhotonicTensorProcessorOptions
{
    /// <summary>Test images per data set (null: the whole test split). --quick reads the first 500.</summary>
    public int? TestCount { get; init; }

    /// <summary>Seed of the crossbar's read noise and of the fabricated chip.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The processor (the defaults: <see cref="IntensityCrossbarConfig.Default"/>).</summary>
    public IntensityCrossbarConfig Crossbar { get; init; } = IntensityCrossbarConfig.Default;

    /// <summary>The static device spread of the fabricated chip also evaluated.</summary>
    public IntensityCrossbarVariation Variation { get; init; } = IntensityCrossbarVariation.Typical;

    /// <summary>
    /// Images streamed through each weight load: the crossbar holds a tile while the batch passes, so a load's energy is shared
    /// by this many images. Assumption: 100, a host-side batch for a PyTorch interface; latency is per image regardless.
    /// </summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Directory of the CIFAR-10 binary batches (`pnn data fetch cifar-10 --to DIR`); null: the CIFAR-10 row is marked absent.</summary>
    public string? CifarDirectory { get; init; }

    /// <summary>The CIFAR-10 ONNX model (models/train_ptp_cnn.py --dataset cifar-10); required with <see cref="CifarDirectory"/>.</summary>
    public string? CifarModel { get; init; }
}

/// <summary>One data set's row: the imported network digitally, on the processor, and on one fabricated chip.</summary>
/// <param name="Dataset">The data set.</param>
/// <param name="Published">The paper's accuracy on it (null: not reported).</param>
/// <param name="Model">The ONNX model evaluated.</param>
/// <param name="TestCount">Test images read (0 when absent).</param>
/// <param name="Digital">Accuracy of the imported fp32 model.</param>
/// <param name="Processor">Accuracy on the processor with nominal devices (converters and detector noise).</param>
/// <param name="Fabricated">Accuracy on one fabricated chip (static device spread the host does not know) with the same noise.</param>
/// <param name="Calibrated">Accuracy on the same chip after the host calibrated it (<see cref="IntensityCrossbarInstance.Calibrated"/>).</param>
/// <param name="CoreJoules">Core energy per image, J (the ledger's core terms: the crossbar's light and the digital layers).</param>
/// <param name="SystemJoules">System energy per image, J.</param>
/// <param name="LatencySeconds">Latency of one image on the critical path, s.</param>
/// <param name="PassesPerImage">Crossbar passes (symbols) per image.</param>
/// <param name="Absent">Why the row has no figures, with what to run (null: it ran).</param>
public sealed record PhotonicTensorProcessorRow(string Dataset, double? Published, string Model, int TestCount, double? Digital, double? Processor, double? Fabricated, double? Calibrated,
    double? CoreJoules, double? SystemJoules, double? LatencySeconds, double? PassesPerImage, string? Absent);

/// <summary>The table, and the processor it ran on.</summary>
/// <param name="Rows">MNIST (bundled subset), Fashion-MNIST, CIFAR-10.</param>
/// <param name="Crossbar">The processor's settings.</param>
/// <param name="Variation">The fabricated chip's device spread.</param>
/// <param name="BatchSize">Images per weight load.</param>
/// <param name="Seed">The seed.</param>
public sealed record PhotonicTensorProcessorResult(IReadOnlyList<PhotonicTensorProcessorRow> Rows, IntensityCrossbarConfig Crossbar, IntensityCrossbarVariation Variation, int BatchSize, ulong Seed);

/// <summary>
/// The rack-mounted photonic tensor processor ("Deep neural network inference on an integrated, reconfigurable photonic tensor
/// processor", Nat. Commun. (2026), doi 10.1038/s41467-026-71599-2; MNIST 98.1 %, CIFAR-10 72.0 %): networks trained in PyTorch,
/// exported to ONNX, imported, and run without retraining on its 9 × 3 intensity crossbar (<see cref="IntensityCrossbarMapper{T}"/>)
/// with its converters and detector noise, nominal and as one fabricated chip, uncalibrated and calibrated. No choice is made here, so the test split of each
/// set is read once (its size printed) and no validation part is needed; the models' choices were made on validation by their
/// training scripts (models/train_lenet5.py, models/train_ptp_cnn.py).
/// </summary>
public static class PhotonicTensorProcessor
{
    /// <summary>The paper's MNIST accuracy (full MNIST test set; here the bundled subset's).</summary>
    public const double PublishedMnist = 0.981;

    /// <summary>The paper's CIFAR-10 accuracy.</summary>
    public const double PublishedCifar10 = 0.720;

    /// <summary>What a user online runs to make the CIFAR-10 row.</summary>
    public const string CifarInstructions =
        "absent: run `pnn data fetch cifar-10 --to DIR` and `/usr/bin/python3 models/train_ptp_cnn.py --dataset cifar-10 --data DIR`, then add --cifar DIR --cifar-model models/ptp-cnn-cifar-10.onnx";

    /// <summary>Runs every data set present; <paramref name="log"/> gets progress.</summary>
    public static PhotonicTensorProcessorResult Run(PhotonicTensorProcessorOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Crossbar.Validate();
        options.Variation.Validate();
        if ((options.CifarDirectory is null) != (options.CifarModel is null))
        {
            throw new ArgumentException(options.CifarDirectory is null
                ? "CifarModel is given without CifarDirectory: give both (--cifar DIR --cifar-model FILE) or neither."
                : "CifarDirectory is given without CifarModel: give the CIFAR-10 ONNX model too (--cifar-model FILE, from models/train_ptp_cnn.py --dataset cifar-10).");
        }
        if (options.TestCount is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"TestCount must be ≥ 1 (null: the whole test split); got {options.TestCount}.");
        }
        if (options.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"BatchSize must be ≥ 1; got {options.BatchSize}.");
        }
        var rows = new List<PhotonicTensorProcessorRow>
        {
            Evaluate("mnist-subset", PublishedMnist, Embedded("lenet5-mnist-subset.onnx"), DataCatalog.Load<float>("mnist-subset", part: DataPart.Test), options, log),
        };
        Dataset<float>? fashion = null;
        string? fashionMissing = null;
        try
        {
            fashion = DataCatalog.Load<float>("fashion-mnist", part: DataPart.Test);
        }
        catch (DataFormatException e)
        {
            fashionMissing = $"absent: {e.Message}";
        }
        rows.Add(fashion is null
            ? new PhotonicTensorProcessorRow("fashion-mnist", null, "models/ptp-cnn-fashion-mnist.onnx", 0, null, null, null, null, null, null, null, null, fashionMissing)
            : Evaluate("fashion-mnist", null, Embedded("ptp-cnn-fashion-mnist.onnx"), fashion, options, log));
        if (options.CifarDirectory is null)
        {
            rows.Add(new PhotonicTensorProcessorRow("cifar-10", PublishedCifar10, "", 0, null, null, null, null, null, null, null, null, CifarInstructions));
        }
        else
        {
            var test = DataCatalog.Load<float>("cifar-10", options.CifarDirectory, DataPart.Test);
            rows.Add(Evaluate("cifar-10", PublishedCifar10, OnnxImporter.Load(options.CifarModel!), test, options, log));
        }
        return new PhotonicTensorProcessorResult(rows, options.Crossbar, options.Variation, options.BatchSize, options.Seed);
    }

    /// <summary>One of the models committed under models/, carried in this assembly.</summary>
    public static ImportedModel Embedded(string file)
    {
        using var stream = typeof(PhotonicTensorProcessor).Assembly.GetManifestResourceStream($"PnnKit.Bench.models.{file}")
            ?? throw new InvalidOperationException($"models/{file} is not embedded in PnnKit.Bench.");
        return OnnxImporter.Load(stream, $"models/{file}");
    }

    /// <summary>The imported <paramref name="model"/> on <paramref name="test"/> (the first <see cref="PhotonicTensorProcessorOptions.TestCount"/> rows): digital, on the processor, on a fabricated chip.</summary>
    public static PhotonicTensorProcessorRow Evaluate(string dataset, double? published, ImportedModel model, Dataset<float> test, PhotonicTensorProcessorOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        int features = model.InputShape.Aggregate(1, (a, d) => a * d);
        if (features != test.FeatureCount)
        {
            throw new ArgumentException($"{model.Path} takes [N, {string.Join(", ", model.InputShape)}] = {features} values per image; {dataset} has {test.FeatureCount}.", nameof(model));
        }
        if (options.TestCount is int n && n < test.Count)
        {
            test = test.Subset([.. Enumerable.Range(0, n)]);
        }
        log?.Invoke($"{dataset}: {test.Count} test images, {model.Path}");
        var digital = model.OnRows();
        var loss = new SoftmaxCrossEntropy<float>();
        double digitalAccuracy = Trainer<float>.Evaluate(digital, loss, test, options.BatchSize, ForwardContext.Eval()).Accuracy!.Value;
        var rng = new Rng(options.Seed).Split(dataset);
        var processor = SubstrateConversion.Convert(digital, new IntensityCrossbarMapper<float>(options.Crossbar, rng.Split("convert")));
        var ledger = new CostLedger();
        var ctx = new ForwardContext(Mode.Eval, rng.Split("noise")) { Ledger = ledger };
        double onProcessor = Trainer<float>.Evaluate(processor, loss, test, options.BatchSize, ctx).Accuracy!.Value;
        var report = InferenceCostReport.From(ledger);
        double passes = ledger.Entries.Where(e => e.Component.EndsWith(" crossbar light", StringComparison.Ordinal)).Sum(e => (double)e.Uses) / options.Crossbar.Inputs / ledger.Inferences;
        ulong chip = rng.Split("chip").NextULong();
        double OnChip(bool calibrate)
        {
            IntensityCrossbarLayers.Fabricate(processor, options.Variation, chip, calibrate);
            return Trainer<float>.Evaluate(processor, loss, test, options.BatchSize, new ForwardContext(Mode.Eval, rng.Split("noise"))).Accuracy!.Value;
        }
        double fabricated = OnChip(calibrate: false), calibrated = OnChip(calibrate: true);
        log?.Invoke($"{dataset}: digital {digitalAccuracy:P2}, processor {onProcessor:P2}, fabricated chip {fabricated:P2}, calibrated {calibrated:P2}");
        return new PhotonicTensorProcessorRow(dataset, published, model.Path, test.Count, digitalAccuracy, onProcessor, fabricated, calibrated,
            report.CoreEnergy.Joules, report.SystemEnergy.Joules, report.Latency.Seconds, passes, null);
    }
}

/// <summary>The imported CNNs on the processor, as <c>pnn repro photonic-tensor-processor</c> prints them.</summary>
public sealed record PhotonicTensorProcessorReproResult(PhotonicTensorProcessorResult Result) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Result;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var report = new ReproReport();
        var r = Result;
        var c = r.Crossbar;
        var table = report.Table($"Photonic tensor processor (Nat. Commun. 2026): PyTorch CNNs from ONNX on one {c.Inputs}×{c.Outputs} EAM intensity crossbar, {c.DacBits}-bit DACs / {c.AdcBits}-bit ADCs, "
                + $"EAM ER {c.ExtinctionRatioDb} dB, IL {c.InsertionLossDb} dB, {c.SymbolRateHz / 1e9:0.#} GBd, shot + TIA + RIN noise; fabricated chip: {r.Variation.TransmissionSpread:P0} transmission, "
                + $"{r.Variation.ExtinctionRatioSpreadDb} dB ER spread; {r.BatchSize} images per weight load; seed {r.Seed}")
            .AddColumn("data set").AddColumn("test images").AddColumn("published").AddColumn("digital (fp32)").AddColumn("on the processor").AddColumn("fabricated chip").AddColumn("calibrated")
            .AddColumn("energy/image core").AddColumn("energy/image system").AddColumn("latency/image").AddColumn("passes/image");
        foreach (var row in r.Rows)
        {
            string published = row.Published is double p ? $"{p:P1}" : "–";
            if (row.Absent is not null)
            {
                table.AddRow(row.Dataset, "–", published, "absent (below)", "", "", "", "", "", "", "");
                continue;
            }
            table.AddRow(row.Dataset, $"{row.TestCount:N0}", published, $"{row.Digital:P2}", $"{row.Processor:P2}", $"{row.Fabricated:P2}", $"{row.Calibrated:P2}",
                Si(row.CoreJoules!.Value, "J"), Si(row.SystemJoules!.Value, "J"), Si(row.LatencySeconds!.Value, "s"), $"{row.PassesPerImage:N0}");
        }
        foreach (var row in r.Rows.Where(x => x.Absent is not null))
        {
            report.Line($"{row.Dataset}: {row.Absent}");
        }
        return report.Line("Models: " + string.Join(", ", r.Rows.Where(x => x.Absent is null).Select(x => $"{x.Dataset} {x.Model}"))
            + ". The paper's MNIST figure is on the full MNIST test set; here the bundled subset's 2,000 test digits (--quick: the first 500 of each set).");
    }

    private static string Si(double v, string unit)
    {
        string[] prefixes = ["f", "p", "n", "µ", "m", ""];
        int i = Math.Clamp((int)Math.Floor(Math.Log10(Math.Abs(v)) / 3) + 5, 0, prefixes.Length - 1);
        return string.Create(CultureInfo.InvariantCulture, $"{v / Math.Pow(1000, i - 5):0.00} {prefixes[i]}{unit}");
    }
}

/// <summary><c>pnn repro photonic-tensor-processor</c>: <see cref="PhotonicTensorProcessor"/> from the command line (<c>--cifar DIR --cifar-model FILE</c> add the CIFAR-10 row).</summary>
public sealed class PhotonicTensorProcessorReproduction : IReproduction
{
    /// <summary>Test images per data set under --quick.</summary>
    public const int QuickTestCount = 500;

    /// <inheritdoc/>
    public string Name => "photonic-tensor-processor";

    /// <inheritdoc/>
    public string Summary => "PyTorch CNNs from ONNX on the rack processor's 9×3 EAM intensity crossbar (Nat. Commun. 2026): MNIST subset, Fashion-MNIST, CIFAR-10 with --cifar DIR --cifar-model FILE";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [];

    /// <inheritdoc/>
    public string? Quick => "the first 500 test images of each data set";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } =
    [
        ReproOption.Quick, ReproOption.Seed,
        new("cifar", "the CIFAR-10 folder `pnn data fetch cifar-10 --to DIR` filled (with --cifar-model)"),
        new("cifar-model", "the CIFAR-10 CNN as ONNX (with --cifar)"),
    ];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        ulong seed = args.Seed;
        var options = new PhotonicTensorProcessorOptions
        {
            TestCount = args.Flag("quick") ? QuickTestCount : null,
            Seed = seed,
            CifarDirectory = args.Value("cifar"),
            CifarModel = args.Value("cifar-model"),
        };
        if ((options.CifarDirectory is null) != (options.CifarModel is null))
        {
            throw new ArgumentException(options.CifarDirectory is null
                ? "pnn repro photonic-tensor-processor: --cifar-model needs --cifar DIR (the folder `pnn data fetch cifar-10 --to DIR` filled)."
                : "pnn repro photonic-tensor-processor: --cifar needs --cifar-model FILE (the ONNX file `/usr/bin/python3 models/train_ptp_cnn.py --dataset cifar-10 --data DIR` writes).");
        }
        if (options.CifarModel is string model && !File.Exists(model))
        {
            throw new ArgumentException($"pnn repro photonic-tensor-processor: --cifar-model {model}: no such file.");
        }
        return new PhotonicTensorProcessorReproResult(PhotonicTensorProcessor.Run(options, context.Log));
    }
}
