using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Training;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;

namespace PnnKit.Memristive.Reproductions;

/// <summary>Settings of <see cref="MemristorAdcSweep.Run"/>.</summary>
public sealed record MemristorAdcSweepOptions
{
    /// <summary>Hidden widths of the MLP (issue 4: 256, 128).</summary>
    public int[] Hidden { get; init; } = [256, 128];

    /// <summary>Software training epochs.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>ADC resolutions swept (issue 4: 4 to 8 bits).</summary>
    public int[] AdcBits { get; init; } = [4, 5, 6, 7, 8];

    /// <summary>Test samples evaluated per resolution (all of them when larger than the test set).</summary>
    public int TestSamples { get; init; } = int.MaxValue;

    /// <summary>Fraction of the training part held out for validation: 0.1 (each resolution's accuracy is shown on it beside test).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Seed of everything.</summary>
    public ulong Seed { get; init; } = 1;
}

/// <summary>One ADC resolution: accuracy and energy per inference, J.</summary>
/// <param name="AdcBits">ADC resolution.</param>
/// <param name="Accuracy">Test accuracy of the programmed instance.</param>
/// <param name="ValidationAccuracy">Accuracy of the same instance on the validation part (what a choice of resolution would be made on).</param>
/// <param name="ArrayJoules">Core: array reads (Σ V² G t).</param>
/// <param name="DacJoules">Row DACs.</param>
/// <param name="AdcJoules">Column ADCs (including bound-management re-reads).</param>
/// <param name="TiaJoules">Transimpedance amplifiers.</param>
/// <param name="DigitalJoules">Digital partial-sum accumulation and output scaling.</param>
/// <param name="SystemJoules">Everything: the terms above plus the digital ReLUs.</param>
/// <param name="BoundManagementRereads">Re-reads on ADC saturation, all layers.</param>
public sealed record AdcSweepRow(int AdcBits, double Accuracy, double ValidationAccuracy, double ArrayJoules, double DacJoules, double AdcJoules, double TiaJoules, double DigitalJoules, double SystemJoules, long BoundManagementRereads);

/// <summary>What an ADC sweep measured.</summary>
/// <param name="SoftwareAccuracy">The float32 software network.</param>
/// <param name="Rows">One row per ADC resolution.</param>
/// <param name="TestSamples">Test samples evaluated.</param>
/// <param name="Splits">Sizes of the train / validation / test parts.</param>
public sealed record MemristorAdcSweepResult(double SoftwareAccuracy, IReadOnlyList<AdcSweepRow> Rows, int TestSamples, SplitSizes Splits);

/// <summary>
/// Energy per inference and accuracy of a software-trained MNIST MLP programmed onto PCM crossbars
/// (aihwkit's PCM statistics, 8-bit DAC), for a range of ADC resolutions: core (array reads) against
/// system (DAC, ADC, TIA, digital partial sums). Every resolution reads the same fabricated instance seeds.
/// The sweep chooses no resolution; it shows each one's accuracy on a validation part (where a choice would
/// be made) beside test.
/// </summary>
public static class MemristorAdcSweep
{
    /// <summary>Runs the sweep.</summary>
    public static MemristorAdcSweepResult Run(MemristorAdcSweepOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AdcBits is null || options.AdcBits.Length == 0)
        {
            throw new ArgumentException("AdcBits must list at least one resolution.", nameof(options));
        }
        if (options.TestSamples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"TestSamples must be ≥ 1, got {options.TestSamples}.");
        }
        if (!(options.ValidationFraction > 0 && options.ValidationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"ValidationFraction must be in (0, 1), got {options.ValidationFraction}.");
        }
        var (train, validation, test) = DataCatalog.LoadSplits<float>("mnist-subset", options.ValidationFraction, options.Seed);
        if (options.TestSamples < test.Count)
        {
            test = test.Subset([.. Enumerable.Range(0, options.TestSamples)], "test-subset");
        }
        var sizes = new SplitSizes(train.Count, validation.Count, test.Count);
        log?.Invoke($"  data: {sizes}");
        var (software, dense) = CrossbarMlp.TrainSoftware(train, options.Hidden, options.Epochs, options.Seed, log);
        double softwareAccuracy = CrossbarMlp.Accuracy(software, test, options.Seed);
        var rows = new List<AdcSweepRow>();
        foreach (int bits in options.AdcBits)
        {
            var (model, analog) = CrossbarMlp.ToCrossbars(dense, new AnalogConfig { AdcBits = bits }, options.Seed);
            CrossbarMlp.Program(analog, new DeviceVariation(), options.Seed);
            double onValidation = CrossbarMlp.Accuracy(model, validation, options.Seed);
            var ledger = new CostLedger();
            double accuracy = Trainer<float>.Evaluate(model, new SoftmaxCrossEntropy<float>(), test, 256, new ForwardContext(Mode.Eval, new Rng(options.Seed).Split("eval")) { Ledger = ledger }).Accuracy!.Value;
            double Term(string suffix) => ledger.Entries.Where(e => e.Component.EndsWith(suffix, StringComparison.Ordinal)).Sum(e => e.EnergyJoules) / ledger.Inferences;
            var row = new AdcSweepRow(bits, accuracy, onValidation, Term(" array"), Term(" DAC"), Term(" ADC"), Term(" TIA"), Term(" partial sums"),
                ledger.SystemEnergyPerInference(ledger.LatencySeconds), analog.Sum(a => a.BoundManagementRereads));
            log?.Invoke($"  ADC {bits} bits: validation {onValidation:P2}, test {accuracy:P2}, system {row.SystemJoules:E3} J/inference");
            rows.Add(row);
        }
        return new MemristorAdcSweepResult(softwareAccuracy, rows, test.Count, sizes);
    }
}

/// <summary>What <c>pnn repro memristor-adc</c> measured, with the settings it ran under.</summary>
/// <param name="Options">The settings of the run.</param>
/// <param name="Result">What it measured (its JSON).</param>
public sealed record MemristorAdcReproResult(MemristorAdcSweepOptions Options, MemristorAdcSweepResult Result) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Result;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var r = Result;
        var report = new ReproReport();
        var t = report.Table($"MLP 784-{string.Join("-", Options.Hidden)}-10 on PCM crossbars (8-bit DAC, amplitude encoding), MNIST subset ({r.Splits}); software accuracy {r.SoftwareAccuracy:P2}; energy per inference")
            .AddColumn("ADC bits").AddColumn("validation accuracy").AddColumn("test accuracy").AddColumn("core: array reads").AddColumn("DAC").AddColumn("ADC").AddColumn("TIA").AddColumn("digital partial sums").AddColumn("system").AddColumn("system / core").AddColumn("re-reads");
        foreach (var row in r.Rows)
        {
            t.AddRow($"{row.AdcBits}", $"{row.ValidationAccuracy:P2}", $"{row.Accuracy:P2}", Units.Joules(row.ArrayJoules), Units.Joules(row.DacJoules), Units.Joules(row.AdcJoules), Units.Joules(row.TiaJoules),
                Units.Joules(row.DigitalJoules), Units.Joules(row.SystemJoules), $"{row.SystemJoules / row.ArrayJoules:F1}", $"{row.BoundManagementRereads}");
        }
        return report;
    }
}

/// <summary><c>pnn repro memristor-adc</c>: <see cref="MemristorAdcSweep"/> from the command line.</summary>
public sealed class MemristorAdcReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "memristor-adc";

    /// <inheritdoc/>
    public string Summary => "crossbar MLP energy per inference (core vs system) and accuracy for ADC bits 4–8";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [];

    /// <inheritdoc/>
    public string? Quick => "MLP 784-64-10 instead of 784-256-128-10, 3 epochs instead of 10, 500 test digits";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } = [ReproOption.Quick, ReproOption.Epochs with { Help = "training epochs (default 10, --quick 3)" }, ReproOption.Seed];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        ulong seed = args.Seed;
        bool quick = args.Flag("quick");
        var options = new MemristorAdcSweepOptions
        {
            Hidden = quick ? [64] : [256, 128],
            Epochs = args.Int("epochs", quick ? 3 : 10, 1, 10_000),
            TestSamples = quick ? 500 : int.MaxValue,
            Seed = seed,
        };
        return new MemristorAdcReproResult(options, MemristorAdcSweep.Run(options, context.Log));
    }
}
