using PnnKit.Core.Costs;

namespace PnnKit.Dynamics;

/// <summary>
/// Electrical cost of getting a waveform into a wave RNN and its answer out: a DAC drives the source once per input
/// sample, and each probe, an intensity detector integrating over the utterance (the time-integrated intensity of
/// Hughes et al. 2019), is read once by an ADC. Energy per conversion = Walden FOM · 2^bits. The transducers themselves
/// (the radiated source power and the sensors' bias) are not modelled: the solver works in normalised wave units, so
/// <see cref="Charge"/> records them as excluded.
/// </summary>
public sealed record WaveTransducers : ICostModel
{
    /// <summary>Walden figure of merit, J per conversion step: 20 fJ (Murmann, ADC Performance Survey 1997–2023; the value PnnKit.Photonics uses; DAC assumed equal).</summary>
    public double ConverterJoulesPerStep { get; init; } = 20e-15;

    /// <summary>Source DAC resolution, bits: 12, the resolution of Hillenbrand et al.'s (1995) vowel recordings.</summary>
    public int SourceDacBits { get; init; } = 12;

    /// <summary>Probe ADC resolution, bits: 12 (assumption, as the input).</summary>
    public int ProbeAdcBits { get; init; } = 12;

    /// <inheritdoc/>
    public string Component => "wave RNN source DAC and probe ADCs";

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("converter Walden FOM", ConverterJoulesPerStep, "J/step", "Murmann, ADC Performance Survey 1997–2023 (DAC: same, assumption)",
            "ADCs at GS/s rates, applied here at audio rates; DACs assumed equal"),
        new("source DAC bits", SourceDacBits, "bit", "Hillenbrand et al., JASA 97, 3099 (1995): 12-bit recordings", "12-bit audio; the repro runs at 10 kHz (Hughes et al. 2019)"),
        new("probe ADC bits", ProbeAdcBits, "bit", "assumption", "assumption; any"),
    ];

    /// <summary>Energy of one source DAC conversion, J.</summary>
    public double DacJoulesPerSample => ConverterJoulesPerStep * Math.Pow(2, SourceDacBits);

    /// <summary>Energy of one probe ADC conversion, J.</summary>
    public double AdcJoulesPerReading => ConverterJoulesPerStep * Math.Pow(2, ProbeAdcBits);

    /// <summary>Energy to classify one utterance of <paramref name="samples"/> samples with <paramref name="probes"/> probes, J.</summary>
    public double EnergyPerUtterance(int samples, int probes) => (samples * DacJoulesPerSample) + (probes * AdcJoulesPerReading);

    /// <summary>Charges <paramref name="batch"/> utterances to <paramref name="ledger"/>.</summary>
    public void Charge(CostLedger ledger, int batch, int samples, int probes)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ledger.Charge("wave RNN source DAC", CostCategory.Converter, new Energy((double)batch * samples * DacJoulesPerSample), (long)batch * samples, Duration.Zero, this);
        ledger.Charge("wave RNN probe ADCs", CostCategory.Converter, new Energy((double)batch * probes * AdcJoulesPerReading), (long)batch * probes, Duration.Zero, this);
        ledger.Exclude("wave RNN source transducer and probe sensors", "the solver works in normalised wave units: radiated power, transducer efficiency and sensor bias are not modelled");
    }
}
