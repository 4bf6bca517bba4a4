using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Training;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;
using PnnKit.Memristive.Reproductions;

namespace PnnKit.Bench.Repro;

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
