using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Training;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;

namespace PnnKit.Memristive.Reproductions;

/// <summary>Which crossbar layers hybrid training updates.</summary>
public enum HybridScope
{
    /// <summary>Only the last (classifier) layer, as Yao et al. fine-tune the FC layer in situ.</summary>
    LastLayer,

    /// <summary>Every layer.</summary>
    AllLayers,
}

/// <summary>Settings of <see cref="MemristorHybrid.Run"/>.</summary>
public sealed record MemristorHybridOptions
{
    /// <summary>Hidden widths of the MLP (issue 4: 256, 128).</summary>
    public int[] Hidden { get; init; } = [256, 128];

    /// <summary>Software (ex-situ) training epochs.</summary>
    public int SoftwareEpochs { get; init; } = 10;

    /// <summary>Hybrid (in-situ) training epochs over the hybrid subset.</summary>
    public int HybridEpochs { get; init; } = 10;

    /// <summary>Fraction of the training set used for hybrid training: 0.1 (issue 4, after Yao et al. 2020).</summary>
    public double HybridDataFraction { get; init; } = 0.1;

    /// <summary>Hybrid training learning rate (Adam).</summary>
    public double HybridLearningRate { get; init; } = 1e-3;

    /// <summary>Which layers hybrid training updates.</summary>
    public HybridScope Scope { get; init; } = HybridScope.LastLayer;

    /// <summary>
    /// A device is reprogrammed only once its digital weight has moved this far from the last programmed target,
    /// relative to the layer's WeightMax: 0.02 (assumption, of the order of the PCM programming noise σ ≈ 1 µS
    /// of 25 µS). Yao et al. likewise update cells only when the accumulated change passes a threshold; rewriting
    /// every device on every step would resample its programming noise after the last forward that saw it.
    /// </summary>
    public double UpdateThreshold { get; init; } = 0.02;

    /// <summary>
    /// The fabricated crossbar's non-idealities. Default: PCM programming noise, 2% stuck-ON and 2% stuck-OFF
    /// devices and 10% device-to-device conductance spread — an assumption of the order Yao et al., Nature 577,
    /// 641 (2020) describe (a few percent of non-ideal cells, conductance variation after write-verify).
    /// </summary>
    public DeviceVariation Variation { get; init; } = new() { StuckOnRate = 0.02, StuckOffRate = 0.02, ConductanceSpread = 0.1 };

    /// <summary>Seed of everything.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Throws naming the first invalid setting and its allowed range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Hidden, nameof(Hidden));
        ArgumentNullException.ThrowIfNull(Variation, nameof(Variation));
        if (Hidden.Any(h => h < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Hidden), "Hidden widths must be ≥ 1.");
        }
        if (SoftwareEpochs < 1 || HybridEpochs < 0)
        {
            throw new ArgumentOutOfRangeException(SoftwareEpochs < 1 ? nameof(SoftwareEpochs) : nameof(HybridEpochs), "SoftwareEpochs must be ≥ 1 and HybridEpochs ≥ 0.");
        }
        if (!(HybridDataFraction > 0 && HybridDataFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(HybridDataFraction), $"HybridDataFraction must be in (0, 1], got {HybridDataFraction}.");
        }
        if (!(HybridLearningRate > 0) || !double.IsFinite(HybridLearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(HybridLearningRate), $"HybridLearningRate must be finite and > 0, got {HybridLearningRate}.");
        }
        if (!(UpdateThreshold >= 0) || !double.IsFinite(UpdateThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(UpdateThreshold), $"UpdateThreshold must be finite and ≥ 0, got {UpdateThreshold}.");
        }
        Variation.Validate();
    }
}

/// <summary>What a hybrid-training reproduction measured (test accuracies on the MNIST subset).</summary>
/// <param name="Scope">Which layers hybrid training updated.</param>
/// <param name="SoftwareAccuracy">The float32 software network.</param>
/// <param name="TransferredAccuracy">Its weights programmed onto a fabricated crossbar instance (8-bit DAC/ADC).</param>
/// <param name="HybridAccuracy">After hybrid training on that same instance.</param>
/// <param name="FaultyDevices">Stuck devices on the instance.</param>
/// <param name="HybridSamples">Training samples used by hybrid training.</param>
/// <param name="HybridSteps">Hybrid mini-batch updates (each followed by reprogramming the weights that moved past the threshold).</param>
/// <param name="WeightWrites">Weights (device pairs) rewritten during hybrid training.</param>
/// <param name="Splits">Sizes of the train / validation / test parts (no validation: the run makes no choice).</param>
public sealed record MemristorHybridResult(HybridScope Scope, double SoftwareAccuracy, double TransferredAccuracy, double HybridAccuracy, int FaultyDevices, int HybridSamples, long HybridSteps, long WeightWrites, SplitSizes Splits);

/// <summary>
/// Hybrid training (Yao et al., Nature 577, 641 (2020)) on the bundled MNIST subset: train an MLP in
/// software, program its weights onto a fabricated PCM crossbar (programming noise, device spread, stuck
/// cells cost accuracy), then train on the hardware: the forward pass is the crossbar instance's read
/// (with its converters, noise and faults), the backward pass is digital through the weights actually read
/// (straight-through, <see cref="AnalogLinear{T}.Backward"/>), and after each mini-batch the updated layers
/// are reprogrammed where a weight moved past a threshold (write-verify with fresh programming noise; stuck devices stay stuck).
/// The run makes no choice (epochs, learning rate, threshold and the hybrid subset, a seeded draw from the
/// training part, are fixed in advance), so no validation part is held out; the test part is read at the end.
/// </summary>
public static class MemristorHybrid
{
    /// <summary>Runs the reproduction.</summary>
    public static MemristorHybridResult Run(MemristorHybridOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (train, _, test) = DataCatalog.LoadSplits<float>("mnist-subset", 0, options.Seed);
        var sizes = new SplitSizes(train.Count, 0, test.Count);
        log?.Invoke($"  data: {sizes}");
        var (software, dense) = CrossbarMlp.TrainSoftware(train, options.Hidden, options.SoftwareEpochs, options.Seed, log);
        double softwareAccuracy = CrossbarMlp.Accuracy(software, test, options.Seed);

        var (model, analog) = CrossbarMlp.ToCrossbars(dense, new AnalogConfig(), options.Seed);
        int faulty = CrossbarMlp.Program(analog, options.Variation, options.Seed);
        double transferred = CrossbarMlp.Accuracy(model, test, options.Seed);
        log?.Invoke($"  software {softwareAccuracy:P2}, after transfer {transferred:P2} ({faulty} stuck devices)");

        var updated = options.Scope == HybridScope.LastLayer ? analog.Skip(analog.Count - 1).ToList() : analog;
        int n = Math.Max(1, (int)Math.Round(options.HybridDataFraction * train.Count));
        var subset = train.Subset(new Rng(options.Seed).Split("hybrid-subset").Permutation(train.Count).AsSpan(0, n), "hybrid");
        const int batch = 64;
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Adam<float>([.. updated.SelectMany(l => l.Parameters)], options.HybridLearningRate),
            new TrainerOptions { Epochs = Math.Max(1, options.HybridEpochs), BatchSize = batch, Seed = options.Seed + 1 });
        long steps = 0, writes = 0;
        var targets = updated.Select(l => l.Weight.Value.Data.Select(v => (double)v).ToArray()).ToList();
        trainer.BatchCompleted += (_, _, _) =>
        {
            steps++;
            for (int i = 0; i < updated.Count; i++)
            {
                writes += Reprogram(updated[i], targets[i], options.UpdateThreshold * updated[i].Config.Mapping.WeightMax);
            }
            // Layers not updated still accumulate gradients through Backward: drop them.
            foreach (var l in analog.Except(updated))
            {
                l.Weight.ZeroGrad();
                l.Bias?.ZeroGrad();
            }
        };
        trainer.EpochCompleted += m => log?.Invoke($"  hybrid epoch {m.Epoch}/{options.HybridEpochs}  loss {m.TrainLoss:F4}  train acc {m.TrainAccuracy:P2}");
        if (options.HybridEpochs > 0)
        {
            trainer.Fit(subset);
        }
        double hybrid = CrossbarMlp.Accuracy(model, test, options.Seed);
        return new MemristorHybridResult(options.Scope, softwareAccuracy, transferred, hybrid, faulty, n, steps, writes, sizes);
    }

    // Write-verify onto the layer's instance the weights that moved at least `threshold` from their last target
    // (the instance rewrites only pairs whose target changed); returns how many weights were rewritten.
    private static int Reprogram(AnalogLinear<float> layer, double[] targets, double threshold)
    {
        var w = layer.Weight.Value.Data;
        int changed = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            if (Math.Abs(w[i] - targets[i]) >= threshold)
            {
                targets[i] = w[i];
                changed++;
            }
        }
        if (changed > 0)
        {
            layer.Instance!.Reprogram(targets);
        }
        return changed;
    }
}

/// <summary>What <c>pnn repro memristor-hybrid</c> measured: hybrid training of the last layer, then of all layers, with the settings they ran under.</summary>
/// <param name="Options">The settings of the last-layer run (the all-layers run differs in <see cref="MemristorHybridOptions.Scope"/> only).</param>
/// <param name="Runs">The last-layer run, then the all-layers run.</param>
public sealed record MemristorHybridReproResult(MemristorHybridOptions Options, IReadOnlyList<MemristorHybridResult> Runs) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => new { Hybrid = Runs.Select(r => new { Scope = r.Scope.ToString(), r.SoftwareAccuracy, r.TransferredAccuracy, r.HybridAccuracy, r.FaultyDevices, r.HybridSamples, r.HybridSteps, r.WeightWrites, r.Splits }) };

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var report = new ReproReport();
        var t = report.Table($"Hybrid training (Yao et al. 2020): MLP 784-{string.Join("-", Options.Hidden)}-10 on the MNIST subset, one PCM instance ({Options.Variation.StuckOnRate:P0} stuck-ON, {Options.Variation.StuckOffRate:P0} stuck-OFF, {Options.Variation.ConductanceSpread:P0} spread), {Options.HybridDataFraction:P0} of the training data in situ")
            .AddColumn("hybrid training updates").AddColumn("software").AddColumn("after transfer").AddColumn("after hybrid training").AddColumn("stuck devices").AddColumn("steps").AddColumn("weights rewritten");
        foreach (var r in Runs)
        {
            t.AddRow(r.Scope == HybridScope.LastLayer ? "last layer" : "all layers", $"{r.SoftwareAccuracy:P2}", $"{r.TransferredAccuracy:P2}", $"{r.HybridAccuracy:P2}", $"{r.FaultyDevices}", $"{r.HybridSteps}", $"{r.WeightWrites}");
        }
        return report.Line($"Data: {Runs[0].Splits} (no choice is made in the run, so no validation part is held out).");
    }
}

/// <summary><c>pnn repro memristor-hybrid</c>: <see cref="MemristorHybrid"/> for the last layer and for all layers.</summary>
public sealed class MemristorHybridReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "memristor-hybrid";

    /// <inheritdoc/>
    public string Summary => "software → fabricated PCM crossbar → hybrid training, last layer / all layers (Yao et al. 2020)";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Yao et al.", 2020, "Nature")];

    /// <inheritdoc/>
    public string? Quick => "MLP 784-64-10 instead of 784-256-128-10, 3 software and 3 hybrid epochs instead of 10";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } = [ReproOption.Quick, ReproOption.Epochs with { Help = "hybrid training epochs (default 10, --quick 3)" }, ReproOption.Seed];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        ulong seed = args.Seed;
        bool quick = args.Flag("quick");
        var options = new MemristorHybridOptions
        {
            Hidden = quick ? [64] : [256, 128],
            SoftwareEpochs = quick ? 3 : 10,
            HybridEpochs = args.Int("epochs", quick ? 3 : 10, 0, 10_000),
            Seed = seed,
        };
        var runs = new[] { MemristorHybrid.Run(options, context.Log), MemristorHybrid.Run(options with { Scope = HybridScope.AllLayers }, context.Log) };
        return new MemristorHybridReproResult(options, runs);
    }
}
