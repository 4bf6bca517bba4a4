using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;
using PnnKit.Memristive.Reproductions;
using PnnKit.Methods;

namespace PnnKit.Bench.Reproductions;

/// <summary>Settings of the SAM radius sweep.</summary>
public sealed record SamSweepOptions
{
    /// <summary>SAM radii ρ; 0 is plain training (same loop, one gradient per step).</summary>
    public double[] Radii { get; init; } = [0, 0.02, 0.05, 0.1, 0.2];

    /// <summary>Hidden widths of the MLP.</summary>
    public int[] Hidden { get; init; } = [128];

    /// <summary>Training epochs.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Training examples used (the MNIST subset has 8,000).</summary>
    public int TrainCount { get; init; } = 8000;

    /// <summary>Fabricated crossbar instances per radius.</summary>
    public int Instances { get; init; } = 20;

    /// <summary>Device variation of each instance (stuck cells and spread: the memristor-hybrid assumption, a harsh chip).</summary>
    public DeviceVariation Variation { get; init; } = new() { StuckOnRate = 0.02, StuckOffRate = 0.02, ConductanceSpread = 0.1 };

    /// <summary>Age at which the instances are read, s (one day, global drift compensation).</summary>
    public double AgeSeconds { get; init; } = 86_400;

    /// <summary>Fraction of the training part held out for validation, on which the radius is chosen: 0.1.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Seed of everything.</summary>
    public ulong Seed { get; init; } = 1;
}

/// <summary>One radius: test accuracy of the software model and over the fabricated instances, and the instances' mean on validation.</summary>
public sealed record SamSweepRow(double Rho, double SoftwareAccuracy, double Mean, double Worst, double Percentile5, double ValidationMean);

/// <summary>The sweep: one row per radius, the radius chosen (best mean over the instances on validation) and the split sizes.</summary>
public sealed record SamSweepResult(IReadOnlyList<SamSweepRow> Rows, double ChosenRho, SplitSizes Splits);

/// <summary>
/// Sharpness-aware minimisation against fabrication (Xu et al., Nature Communications 2026): train the
/// same MLP in software with SAM at several radii ρ (ρ = 0: plain), map each onto PCM crossbars, and
/// read K fabricated instances (programming noise, stuck cells, spread) a day after programming.
/// Flatter minima should lose less when the weights land off target. The radius is chosen on a validation
/// part of the training data (mean over the same instances); the test part is read once per radius, for the table.
/// </summary>
public static class SamSweep
{
    /// <summary>Runs the sweep; the rows of <see cref="Sweep"/>.</summary>
    public static IReadOnlyList<SamSweepRow> Run(SamSweepOptions options, Action<string>? log = null) => Sweep(options, log).Rows;

    /// <summary>Runs the sweep and chooses the radius on validation.</summary>
    public static SamSweepResult Sweep(SamSweepOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Radii.Any(r => !(r >= 0) || !double.IsFinite(r)) || options.Instances < 1 || options.Epochs < 1 || options.TrainCount < 64)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "SAM sweep: radii must be finite and ≥ 0, instances and epochs ≥ 1, train count ≥ 64.");
        }
        if (!(options.ValidationFraction > 0 && options.ValidationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"SAM sweep: ValidationFraction must be in (0, 1), got {options.ValidationFraction}.");
        }
        options.Variation.Validate();
        var (trainAll, validation, test) = DataCatalog.LoadSplits<float>("mnist-subset", options.ValidationFraction, options.Seed);
        var train = trainAll.Subset([.. Enumerable.Range(0, Math.Min(options.TrainCount, trainAll.Count))]);
        var sizes = new SplitSizes(train.Count, validation.Count, test.Count);
        log?.Invoke($"  data: {sizes}");
        var rows = new List<SamSweepRow>();
        foreach (double rho in options.Radii)
        {
            var (model, dense) = CrossbarMlp.Untrained(train, options.Hidden, options.Seed);
            TrainWithSam(model, train, rho, options);
            double software = CrossbarMlp.Accuracy(model, test, options.Seed);
            var (crossbars, analog) = CrossbarMlp.ToCrossbars(dense, new AnalogConfig(), options.Seed);
            var acc = new double[options.Instances];
            var onValidation = new double[options.Instances];
            for (int k = 0; k < acc.Length; k++)
            {
                CrossbarMlp.Program(analog, options.Variation, options.Seed + (1000UL * (ulong)(k + 1)));
                double Read(Dataset<float> part, string stream) => Trainer<float>.Evaluate(crossbars, new SoftmaxCrossEntropy<float>(), part, 256,
                    new ForwardContext(Mode.Eval, new Rng(options.Seed).Split(stream).Split((ulong)k)) { AgeSeconds = options.AgeSeconds }).Accuracy!.Value;
                onValidation[k] = Read(validation, "read-validation");
                acc[k] = Read(test, "read");
            }
            var s = RobustnessProtocol.Summarize(options.AgeSeconds, acc);
            rows.Add(new SamSweepRow(rho, software, s.Mean, s.Worst, s.Percentile5, onValidation.Average()));
            log?.Invoke($"  ρ = {rho}: software {software:P2}, {options.Instances} instances mean {onValidation.Average():P2} validation, {s.Mean:P2} test, worst {s.Worst:P2}");
        }
        // Chosen on validation only; the first (smallest) radius wins a tie.
        double chosen = rows.Aggregate((a, b) => b.ValidationMean > a.ValidationMean ? b : a).Rho;
        return new SamSweepResult(rows, chosen, sizes);
    }

    /// <summary>Mini-batch Adam; with ρ &gt; 0 each step takes SAM's gradient at the perturbed weights.</summary>
    private static void TrainWithSam(Sequential<float> model, Dataset<float> train, double rho, SamSweepOptions o)
    {
        const int batch = 64;
        var adam = new Adam<float>(model.Parameters, 1e-3);
        var sam = rho > 0 ? new SharpnessAwareMinimization<float>(adam, rho) : null;
        var loss = new SoftmaxCrossEntropy<float>();
        var root = new Rng(o.Seed).Split("sam-train");
        for (int epoch = 0; epoch < o.Epochs; epoch++)
        {
            var order = root.Split((ulong)epoch).Permutation(train.Count);
            for (int start = 0; start < train.Count; start += batch)
            {
                var idx = order.AsSpan(start, Math.Min(batch, train.Count - start)).ToArray();
                var x = train.Features.GatherRows(idx);
                int[] labels = [.. idx.Select(i => train.Labels![i])];
                var ctx = ForwardContext.Train(o.Seed);
                double LossAndGradient()
                {
                    adam.ZeroGrad();
                    var y = model.Forward(x, ctx);
                    var g = Tensor<float>.ZerosLike(y);
                    double l = loss.Compute(y, labels, g);
                    model.Backward(g);
                    return l;
                }
                if (sam is null)
                {
                    LossAndGradient();
                    adam.Step();
                }
                else
                {
                    sam.Step(LossAndGradient);
                }
            }
        }
    }
}

/// <summary>What <c>pnn repro sam</c> measured, with the settings it ran under.</summary>
/// <param name="Options">The settings of the sweep.</param>
/// <param name="Result">What it measured (its JSON).</param>
public sealed record SamReproResult(SamSweepOptions Options, SamSweepResult Result) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Result;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var result = Result;
        var report = new ReproReport();
        var t = report.Table($"SAM vs plain training (Xu et al. 2026): MLP 784-{string.Join("-", Options.Hidden)}-10 on the MNIST subset, {Options.Instances} PCM crossbar instances (2 % stuck-ON, 2 % stuck-OFF, 10 % spread) read after 1 day; {result.Splits}")
            .AddColumn("ρ").AddColumn("software (test)").AddColumn("instances: validation mean").AddColumn("test mean").AddColumn("p5").AddColumn("worst");
        foreach (var r in result.Rows)
        {
            t.AddRow((r.Rho == 0 ? "0 (plain)" : $"{r.Rho}") + (r.Rho == result.ChosenRho ? " (chosen)" : ""), $"{r.SoftwareAccuracy:P2}", $"{r.ValidationMean:P2}", $"{r.Mean:P2}", $"{r.Percentile5:P2}", $"{r.Worst:P2}");
        }
        return report.Line($"ρ = {result.ChosenRho} chosen: the best mean over the instances on validation (the test columns play no part in the choice).");
    }
}

/// <summary><c>pnn repro sam</c>: <see cref="SamSweep"/> from the command line.</summary>
public sealed class SamReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "sam";

    /// <inheritdoc/>
    public string Summary => "SAM radius sweep: software vs fabricated PCM crossbar instances, mean and worst case, ρ chosen on validation (Xu et al. 2026)";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Xu et al.", 2026, "Nature Communications")];

    /// <inheritdoc/>
    public string? Quick => "ρ = 0 and 0.1 instead of five radii, MLP 784-32-10 instead of 784-128-10, 2 epochs instead of 5, 2,000 training digits, 4 instances instead of 20";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } =
        [ReproOption.Quick, ReproOption.Epochs with { Help = "training epochs (default 5, --quick 2)" }, ReproOption.Instances with { Help = "fabricated crossbar instances per radius (default 20, --quick 4)" }, ReproOption.Seed];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        ulong seed = args.Seed;
        bool quick = args.Flag("quick");
        var d = new SamSweepOptions();
        var options = d with
        {
            Radii = quick ? [0, 0.1] : d.Radii,
            Hidden = quick ? [32] : d.Hidden,
            Epochs = args.Int("epochs", quick ? 2 : d.Epochs, 1, 10_000),
            TrainCount = quick ? 2000 : d.TrainCount,
            Instances = args.Int("instances", quick ? 4 : d.Instances, 1, 10_000),
            Seed = seed,
        };
        return new SamReproResult(options, SamSweep.Sweep(options, context.Log));
    }
}
