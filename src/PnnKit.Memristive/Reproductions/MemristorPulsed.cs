using System.Globalization;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Memristive.Pulsed;

namespace PnnKit.Memristive.Reproductions;

/// <summary>Settings of <see cref="MemristorPulsed.Run"/>.</summary>
public sealed record MemristorPulsedOptions
{
    /// <summary>Hidden widths (empty: one pulsed layer, a linear classifier).</summary>
    public int[] Hidden { get; init; } = [64];

    /// <summary>Epochs over the training samples.</summary>
    public int Epochs { get; init; } = 3;

    /// <summary>Training samples used (all of them when larger than the training set).</summary>
    public int TrainSamples { get; init; } = int.MaxValue;

    /// <summary>Mini-batch size (one pulse train per sample, applied after each batch's backward).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>SGD learning rate, per sample (the pulse trains realise −η δ xᵀ).</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Seed of everything.</summary>
    public ulong Seed { get; init; } = 1;
}

/// <summary>One device model trained from scratch.</summary>
/// <param name="Device">Device model label.</param>
/// <param name="Accuracy">Test accuracy after in-situ pulsed training.</param>
/// <param name="MeanAbsWeight">Mean |w| over all devices after training.</param>
/// <param name="Pulses">Programming pulses applied.</param>
/// <param name="DriftUnderBalancedPulses">
/// Weight of one device (its fabricated mean parameters, no noise) after 500 up/down pulse pairs starting at +0.3:
/// 0.3 for a symmetric device; soft bounds pull it towards the symmetry point — the asymmetry problem.
/// </param>
public sealed record PulsedDeviceRow(string Device, double Accuracy, double MeanAbsWeight, long Pulses, double DriftUnderBalancedPulses);

/// <summary>What the pulsed-training reproduction measured.</summary>
/// <param name="DigitalAccuracy">The same network trained with digital SGD (same learning rate, epochs, samples).</param>
/// <param name="Rows">One row per device model.</param>
/// <param name="TrainSamples">Training samples used.</param>
/// <param name="Splits">Sizes of the train / validation / test parts (no validation: the run makes no choice).</param>
public sealed record MemristorPulsedResult(double DigitalAccuracy, IReadOnlyList<PulsedDeviceRow> Rows, int TrainSamples, SplitSizes Splits);

/// <summary>
/// In-situ training from scratch on the MNIST subset (Gokmen &amp; Vlasov 2016; aihwkit's analog SGD): every
/// weight layer is a <see cref="PulsedLinear{T}"/> read through 8-bit converters, forward and (the transposed read
/// of the errors) backward, and changed only by stochastic coincident pulse trains (BL 31), for several device update models with aihwkit's default
/// spreads; the digital biases use plain SGD. The run makes no choice (learning rate and epochs are fixed
/// options, every device model is reported), so no validation part is held out; the test part is read at the end.
/// </summary>
public static class MemristorPulsed
{
    /// <summary>The device models compared: label and configuration (aihwkit defaults unless stated).</summary>
    public static IReadOnlyList<(string Label, PulsedDeviceConfig Config)> Devices { get; } =
    [
        ("ideal (constant step, no spread)", new PulsedDeviceConfig().Ideal),
        ("constant step", new PulsedDeviceConfig()),
        ("soft bounds", new PulsedDeviceConfig { Model = StepModel.SoftBounds }),
        ("exp step (PCM/ReRAM-like, asymmetric)", new PulsedDeviceConfig { Model = StepModel.ExpStep }),
    ];

    /// <summary>Runs the reproduction.</summary>
    public static MemristorPulsedResult Run(MemristorPulsedOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Epochs < 1 || options.BatchSize < 1 || options.TrainSamples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Epochs, BatchSize and TrainSamples must be ≥ 1.");
        }
        if (!(options.LearningRate > 0) || !double.IsFinite(options.LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"LearningRate must be finite and > 0, got {options.LearningRate}.");
        }
        var (train, _, test) = DataCatalog.LoadSplits<float>("mnist-subset", 0, options.Seed);
        if (options.TrainSamples < train.Count)
        {
            train = train.Subset(new Rng(options.Seed).Split("train-subset").Permutation(train.Count).AsSpan(0, options.TrainSamples), "train-subset");
        }
        var sizes = new SplitSizes(train.Count, 0, test.Count);
        log?.Invoke($"  data: {sizes}");
        double digital = Digital(train, test, options);
        log?.Invoke($"  digital SGD: {digital:P2}");
        var rows = new List<PulsedDeviceRow>();
        foreach (var (label, config) in Devices)
        {
            rows.Add(Pulsed(label, config, train, test, options, log));
        }
        // Every row above reads its errors back through the arrays (the transposed read); this one computes them digitally.
        rows.Add(Pulsed("constant step, exact digital backward", new PulsedDeviceConfig(), train, test, options, log, noisyBackward: false));
        return new MemristorPulsedResult(digital, rows, train.Count, sizes);
    }

    private static PulsedDeviceRow Pulsed(string label, PulsedDeviceConfig device, Dataset<float> train, Dataset<float> test, MemristorPulsedOptions o, Action<string>? log, bool noisyBackward = true)
    {
        var pulsed = new List<PulsedLinear<float>>();
        var layers = new List<ILayer<float>>();
        int width = train.FeatureCount;
        foreach (int h in o.Hidden.Append(train.ClassCount))
        {
            var l = new PulsedLinear<float>(width, h, device, o.Seed + (ulong)pulsed.Count, name: $"pulsed{pulsed.Count + 1}") { NoisyTransposedRead = noisyBackward };
            // Devices start at 0; a random start (programmed once) breaks the hidden units' symmetry.
            var init = new double[width * h];
            new Rng(o.Seed).Split("init").Split((ulong)pulsed.Count).FillUniform<double>(init, -1.0 / Math.Sqrt(width), 1.0 / Math.Sqrt(width));
            l.Array.Transfer(init);
            pulsed.Add(l);
            layers.Add(l);
            if (h != train.ClassCount)
            {
                layers.Add(new ReLU<float>());
            }
            width = h;
        }
        var model = new Sequential<float>([.. layers]);
        var bias = new Sgd<float>(model.Parameters, o.LearningRate * o.BatchSize);
        var loss = new SoftmaxCrossEntropy<float>();
        var rng = new Rng(o.Seed).Split("pulses");
        long pulses = 0;
        for (int epoch = 1; epoch <= o.Epochs; epoch++)
        {
            var order = new Rng(o.Seed).Split("shuffle").Split((ulong)epoch).Permutation(train.Count);
            for (int start = 0; start < train.Count; start += o.BatchSize)
            {
                var idx = order.AsSpan(start, Math.Min(o.BatchSize, train.Count - start));
                var x = train.Features.GatherRows(idx);
                var labels = new int[idx.Length];
                for (int i = 0; i < idx.Length; i++)
                {
                    labels[i] = train.Labels![idx[i]];
                }
                var y = model.Forward(x, new ForwardContext(Mode.Train, rng.Split(((ulong)epoch << 32) | (uint)start)));
                var grad = Tensor<float>.ZerosLike(y);
                // The loss averages over the batch; the pulse trains apply each sample's −η δ xᵀ, so scale back to per-sample gradients.
                loss.Compute(y, labels, grad);
                bias.ZeroGrad();
                model.Backward(grad);
                bias.Step();
                foreach (var l in pulsed)
                {
                    pulses += l.ApplyPulsedUpdate(o.LearningRate * idx.Length, rng);
                }
            }
        }
        double accuracy = CrossbarMlp.Accuracy(model, test, o.Seed);
        double meanAbs = pulsed.Sum(l => l.Array.Weights.ToArray().Sum(Math.Abs)) / pulsed.Sum(l => l.Array.Weights.Length);
        double drift = BalancedPulseDrift(device);
        log?.Invoke($"  {label}: {accuracy:P2}, mean |w| {meanAbs:F3}, {pulses} pulses, +0.3 after 500 up/down pairs → {drift:F3}");
        return new PulsedDeviceRow(label, accuracy, meanAbs, pulses, drift);
    }

    // One device with the mean parameters, no noise: alternate up and down pulses from w = 0.3.
    private static double BalancedPulseDrift(PulsedDeviceConfig device)
    {
        var a = new PulsedArray(1, 1, device.Ideal with { DwMinStd = 0 }, 1);
        a.Transfer([0.3]);
        var rng = new Rng(1);
        const int pairs = 500;
        for (int i = 0; i < pairs; i++)
        {
            a.Pulse(0, up: true, rng);
            a.Pulse(0, up: false, rng);
        }
        return a.Weights[0];
    }

    private static double Digital(Dataset<float> train, Dataset<float> test, MemristorPulsedOptions o)
    {
        var rng = new Rng(o.Seed).Split("digital-init");
        var layers = new List<ILayer<float>>();
        int width = train.FeatureCount;
        foreach (int h in o.Hidden.Append(train.ClassCount))
        {
            layers.Add(new Linear<float>(width, h, rng.Split((ulong)layers.Count)));
            if (h != train.ClassCount)
            {
                layers.Add(new ReLU<float>());
            }
            width = h;
        }
        var model = new Sequential<float>([.. layers]);
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Sgd<float>(model.Parameters, o.LearningRate * o.BatchSize),
            new TrainerOptions { Epochs = o.Epochs, BatchSize = o.BatchSize, Seed = o.Seed });
        trainer.Fit(train);
        return CrossbarMlp.Accuracy(model, test, o.Seed);
    }
}

/// <summary>What <c>pnn repro memristor-pulsed</c> measured, with the settings it ran under.</summary>
/// <param name="Options">The settings of the run.</param>
/// <param name="Result">What it measured (its JSON).</param>
public sealed record MemristorPulsedReproResult(MemristorPulsedOptions Options, MemristorPulsedResult Result) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Result;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var r = Result;
        var report = new ReproReport();
        var t = report.Table($"In-situ pulsed SGD from scratch (BL 31, aihwkit PulsedDevice defaults): 784-{string.Join("", Options.Hidden.Select(h => $"{h}-"))}10 on the MNIST subset, {r.TrainSamples} training digits × {Options.Epochs} epochs; digital SGD {r.DigitalAccuracy:P2}")
            .AddColumn("device model").AddColumn("test accuracy").AddColumn("mean |w|").AddColumn("pulses").AddColumn("w = 0.3 after 500 up/down pulse pairs");
        foreach (var row in r.Rows)
        {
            t.AddRow(row.Device, $"{row.Accuracy:P2}", row.MeanAbsWeight.ToString("F3", CultureInfo.InvariantCulture), row.Pulses.ToString("N0", CultureInfo.InvariantCulture), row.DriftUnderBalancedPulses.ToString("F3", CultureInfo.InvariantCulture));
        }
        return report.Line($"Data: {r.Splits} (no choice is made in the run, so no validation part is held out).");
    }
}

/// <summary><c>pnn repro memristor-pulsed</c>: <see cref="MemristorPulsed"/> from the command line.</summary>
public sealed class MemristorPulsedReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "memristor-pulsed";

    /// <inheritdoc/>
    public string Summary => "in-situ pulsed SGD from scratch on MNIST per device model (constant, soft bounds, exp step)";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Gokmen & Vlasov", 2016, "Frontiers in Neuroscience")];

    /// <inheritdoc/>
    public string? Quick => "784-16-10 instead of 784-64-10, 1 epoch instead of 3, 1,000 training digits";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } = [ReproOption.Quick, ReproOption.Epochs with { Help = "training epochs (default 3, --quick 1)" }, ReproOption.Seed];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        ulong seed = args.Seed;
        bool quick = args.Flag("quick");
        var options = new MemristorPulsedOptions
        {
            Hidden = quick ? [16] : [64], // a hidden layer even when quick: its errors come back through the transposed read
            Epochs = args.Int("epochs", quick ? 1 : 3, 1, 10_000),
            TrainSamples = quick ? 1000 : int.MaxValue,
            Seed = seed,
        };
        return new MemristorPulsedReproResult(options, MemristorPulsed.Run(options, context.Log));
    }
}
