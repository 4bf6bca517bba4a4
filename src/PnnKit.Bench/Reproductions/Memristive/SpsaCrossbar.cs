using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;
using PnnKit.Methods;

namespace PnnKit.Bench.Reproductions;

/// <summary>Settings of SPSA training of a fabricated crossbar.</summary>
public sealed record SpsaCrossbarOptions
{
    /// <summary>Digits are downsampled to side × side pixels (one crossbar row each, plus a row driven at 1 for the bias).</summary>
    public int Side { get; init; } = 7;

    /// <summary>Training examples used (the MNIST subset has 8,000).</summary>
    public int TrainCount { get; init; } = 8000;

    /// <summary>Test examples used.</summary>
    public int TestCount { get; init; } = 2000;

    /// <summary>SPSA steps (each: two programmings, two reads of the batch).</summary>
    public int Steps { get; init; } = 10_000;

    /// <summary>Examples read per query.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>SPSA gain a of aₖ = a/(k + 1 + A)^0.602 (Spall 1998's exponents, A = 10 % of the steps); chosen on validation (see <see cref="SpsaCrossbar"/>).</summary>
    public double LearningRate { get; init; } = 3;

    /// <summary>
    /// SPSA perturbation c of cₖ = c/(k + 1)^0.101, in weight units: 0.3 of the ±1 range. Every query
    /// reprograms all devices with fresh PCM programming noise (0.3–1.1 µS of 25 µS, aihwkit's
    /// coefficients in <see cref="PcmNoiseModel"/>), so the loss difference must dominate the noise of 500
    /// devices; chosen on validation (see <see cref="SpsaCrossbar"/>; c = 0.05 reached 56.9 % there at a = 3).
    /// </summary>
    public double Perturbation { get; init; } = 0.3;

    /// <summary>Device statistics of the chip (the memristor-hybrid assumption: 2 % stuck-ON, 2 % stuck-OFF, 10 % spread).</summary>
    public DeviceVariation Variation { get; init; } = new() { StuckOnRate = 0.02, StuckOffRate = 0.02, ConductanceSpread = 0.1 };

    /// <summary>Epochs of the backprop reference on the ideal crossbar model.</summary>
    public int ReferenceEpochs { get; init; } = 10;

    /// <summary>Seed of everything.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Training and evaluation digits (28×28, 10 classes); null: the bundled MNIST subset's train and test parts. Trials of the gains pass a validation part here.</summary>
    public (Dataset<double> Train, Dataset<double> Test)? Data { get; init; }

    internal void Validate()
    {
        if (Side < 1 || Side > 28 || TrainCount < BatchSize || TestCount < 1 || Steps < 1 || BatchSize < 1 || ReferenceEpochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Steps), $"Need side in [1, 28], steps, batch, test count and reference epochs ≥ 1, train count ≥ batch; got side {Side}, steps {Steps}, batch {BatchSize}, train {TrainCount}, test {TestCount}, epochs {ReferenceEpochs}.");
        }
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate) || !(Perturbation > 0) || !double.IsFinite(Perturbation))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), $"Learning rate and perturbation must be finite and > 0; got {LearningRate}, {Perturbation}.");
        }
        Variation.Validate();
    }
}

/// <summary>
/// What SPSA on the crossbar achieved against backprop: test accuracies, and the physical cost
/// (examples read per step and in all, programmings per device, what finite differences would read per step).
/// </summary>
public sealed record SpsaCrossbarResult(
    int Inputs, int Outputs, int Weights, int TrainCount, int TestCount, int Steps,
    double BackpropOnModel, double BackpropOnChip, double SpsaOnChip, double InitialOnChip,
    long QueriesPerStep, long FiniteDifferenceQueriesPerStep, long TotalQueries, int ProgrammingsPerDevice, SplitSizes Splits);

/// <summary>
/// Zeroth-order training on a second substrate: a fabricated PCM crossbar (stuck devices, conductance
/// spread, programming and read noise, DACs and ADCs) classifying 7×7 digits, trained through
/// <see cref="CrossbarSystem{T}"/> alone by SPSA (Spall 1992): every step programs θ ± cΔ and reads
/// the batch twice, whatever the number of weights. The reference is backprop on the ideal crossbar
/// model, programmed onto the same chip. The run makes no choice (steps, gains and epochs are fixed options),
/// so no validation part is held out; the test part is read at the end. The defaults' gain a = 3 and perturbation
/// c = 0.3 were chosen on validation: on the reduced run (2,000 of the 7,200 training digits, 1,500 steps) scored on
/// 800 validation digits, a ∈ {1, 3, 10} × c ∈ {0.05, 0.1, 0.3, 1} gave 67.6 % at (3, 0.3), next 66.6 % at (10, 1).
/// </summary>
public static class SpsaCrossbar
{
    /// <summary>Runs the reference and the SPSA training.</summary>
    public static SpsaCrossbarResult Run(SpsaCrossbarOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (trainAll, testAll) = options.Data ?? DataCatalog.LoadTrainTest<double>("mnist-subset");
        var train = Features(trainAll, options.TrainCount, options.Side);
        var test = Features(testAll, options.TestCount, options.Side);
        var sizes = new SplitSizes(train.Count, 0, test.Count);
        log?.Invoke($"  data: {sizes}");
        int inputs = train.FeatureCount, outputs = train.ClassCount;
        // Weights in ±1 (the conductance range), mapped onto differential pairs.
        var config = new AnalogConfig { Mapping = new WeightMapping(weightMax: 1.0) };
        var rng = new Rng(options.Seed).Split("spsa-crossbar");
        var loss = new SoftmaxCrossEntropy<double>();

        // Reference: backprop on the ideal crossbar model (exact, same weight range), then programmed onto the chip.
        var model = new AnalogLinear<double>(inputs, outputs, rng.Split("reference-init"), AnalogConfig.Ideal with { Mapping = config.Mapping }, bias: false, name: "reference");
        var reference = new Sequential<double>(model);
        new Trainer<double>(reference, loss, new Adam<double>(reference.Parameters, 1e-2), new TrainerOptions { Epochs = options.ReferenceEpochs, BatchSize = 64, Seed = options.Seed }).Fit(train);
        double onModel = Trainer<double>.Evaluate(reference, loss, test, 256).Accuracy!.Value;
        var deployed = Chip(inputs, outputs, config, options);
        double onChip = Accuracy(deployed, model.Weight.Value.Data, test);
        log?.Invoke($"  backprop reference: {onModel:P2} on the ideal model, {onChip:P2} programmed onto the chip");

        // SPSA on the same fabricated chip, from small random weights.
        var chip = Chip(inputs, outputs, config, options);
        var theta = new double[inputs * outputs];
        rng.Split("spsa-init").FillUniform(theta, -1 / Math.Sqrt(inputs), 1 / Math.Sqrt(inputs));
        double initial = Accuracy(chip, theta, test);
        var perturb = rng.Split("perturbation");
        var batches = rng.Split("batches");
        double stability = 0.1 * options.Steps; // Spall's A ≈ 10 % of the iterations
        var order = batches.Permutation(train.Count);
        int cursor = 0, programmings = 0;
        for (int k = 0; k < options.Steps; k++)
        {
            if (cursor + options.BatchSize > train.Count)
            {
                order = batches.Permutation(train.Count);
                cursor = 0;
            }
            var batch = train.Subset(order.AsSpan(cursor, options.BatchSize));
            cursor += options.BatchSize;
            double ak = options.LearningRate / Math.Pow(k + 1 + stability, 0.602);
            double ck = options.Perturbation / Math.Pow(k + 1, 0.101);
            double sum = 0;
            double Query(double[] w)
            {
                programmings++;
                double l = loss.Compute(chip.Measure(batch.Features, w), batch.Labels, null);
                sum += l;
                return l;
            }
            var (g, _) = ZerothOrder.Spsa(Query, theta, ck, perturb);
            for (int i = 0; i < theta.Length; i++)
            {
                theta[i] = Math.Clamp(theta[i] - (ak * g[i]), -1, 1);
            }
            if ((k + 1) % Math.Max(1, options.Steps / 10) == 0)
            {
                log?.Invoke($"  SPSA step {k + 1}/{options.Steps}: batch loss {sum / 2:F4}");
            }
        }
        long trainingQueries = chip.QueryCount;
        double spsa = Accuracy(chip, theta, test);
        return new SpsaCrossbarResult(inputs, outputs, theta.Length, train.Count, test.Count, options.Steps,
            onModel, onChip, spsa, initial, 2L * options.BatchSize, 2L * theta.Length * options.BatchSize, trainingQueries - test.Count, programmings, sizes);
    }

    /// <summary>The fabricated chip (the same devices every call for the same seed), seen only as a black box.</summary>
    private static CrossbarSystem<double> Chip(int inputs, int outputs, AnalogConfig config, SpsaCrossbarOptions o) =>
        new(inputs, outputs, config, o.Variation, o.Seed + 7, name: "crossbar-chip");

    private static double Accuracy(CrossbarSystem<double> chip, ReadOnlySpan<double> weights, Dataset<double> test) =>
        (double)Loss<double>.CountCorrect(chip.Measure(test.Features, weights), test.Labels) / test.Count;

    /// <summary>Downsampled digits with a last input held at 1 (the bias row).</summary>
    private static Dataset<double> Features(Dataset<double> d, int count, int side)
    {
        var small = ImageFeatures.Downsample(d.Subset([.. Enumerable.Range(0, Math.Min(count, d.Count))]), 28, 28, side, side);
        int n = small.FeatureCount;
        var x = new Tensor<double>(small.Count, n + 1);
        for (int r = 0; r < small.Count; r++)
        {
            small.Features.Row(r).CopyTo(x.Row(r));
            x.Row(r)[n] = 1;
        }
        return new Dataset<double>(small.Name, x, small.Labels!, small.ClassCount);
    }
}

/// <summary>What <c>pnn repro spsa-crossbar</c> measured, with the settings it ran under.</summary>
/// <param name="Options">The settings of the run.</param>
/// <param name="Result">What it measured (its JSON).</param>
public sealed record SpsaCrossbarReproResult(SpsaCrossbarOptions Options, SpsaCrossbarResult Result) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Result;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var r = Result;
        var v = Options.Variation;
        var report = new ReproReport();
        var t = report.Table($"SPSA on a fabricated PCM crossbar ({r.Outputs} × {r.Inputs} weights: 7×7 digits + bias row; {v.StuckOnRate:P0} stuck-ON, {v.StuckOffRate:P0} stuck-OFF, {v.ConductanceSpread:P0} spread), MNIST subset ({r.Splits}; no choice is made in the run, so no validation part)")
            .AddColumn("training").AddColumn("test accuracy").AddColumn("examples read per step");
        t.AddRow("backprop on the ideal crossbar model", $"{r.BackpropOnModel:P2}", "–");
        t.AddRow("backprop, programmed onto the chip", $"{r.BackpropOnChip:P2}", "–");
        t.AddRow($"SPSA on the chip ({r.Steps:N0} steps, from {r.InitialOnChip:P1})", $"{r.SpsaOnChip:P2}", $"{r.QueriesPerStep:N0} (finite differences: {r.FiniteDifferenceQueriesPerStep:N0})");
        return report.Line($"SPSA training read {r.TotalQueries:N0} examples and programmed each device {r.ProgrammingsPerDevice:N0} times.");
    }
}

/// <summary><c>pnn repro spsa-crossbar</c>: <see cref="SpsaCrossbar"/> from the command line.</summary>
public sealed class SpsaCrossbarReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "spsa-crossbar";

    /// <inheritdoc/>
    public string Summary => "SPSA-only training of a fabricated PCM crossbar (500 weights) through its black-box interface vs backprop";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Spall", 1992, "IEEE Transactions on Automatic Control")];

    /// <inheritdoc/>
    public string? Quick => "2,000 training and 500 test digits, 1,500 SPSA steps instead of 10,000, 5 backprop epochs instead of 10";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } = [ReproOption.Quick, ReproOption.Epochs with { Help = "SPSA steps (default 10,000, --quick 1,500)" }, ReproOption.Seed];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        ulong seed = args.Seed;
        bool quick = args.Flag("quick");
        var d = new SpsaCrossbarOptions();
        var options = d with
        {
            TrainCount = quick ? 2000 : d.TrainCount,
            TestCount = quick ? 500 : d.TestCount,
            Steps = args.Int("epochs", quick ? 1500 : d.Steps, 1, 10_000_000),
            ReferenceEpochs = quick ? 5 : d.ReferenceEpochs,
            Seed = seed,
        };
        return new SpsaCrossbarReproResult(options, SpsaCrossbar.Run(options, context.Log));
    }
}
