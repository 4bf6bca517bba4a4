using PnnKit.Core.Costs;

namespace PnnKit.Spintronics.Costs;

/// <summary>
/// What one inference (one input sample, time-multiplexed into N virtual nodes) of a spin-torque-oscillator
/// reservoir costs: the oscillator's bias power I² R over each node time θ (core), one DAC conversion per node
/// for the masked input current and one ADC conversion per node for the sampled oscillator power (converters),
/// and the digital ridge readout (<see cref="DigitalCostModel"/>, Horowitz 2014). Change values with <c>with { … }</c>.
/// </summary>
public sealed record ReservoirCostModel : ICostModel
{
    /// <summary>Component name of the oscillator's bias energy in a ledger.</summary>
    public const string OscillatorComponent = "STO bias (I²R over each node)";

    /// <summary>Component name of the input DAC in a ledger.</summary>
    public const string DacComponent = "input DAC (one conversion per node)";

    /// <summary>Component name of the output ADC in a ledger.</summary>
    public const string AdcComponent = "output ADC (one conversion per node)";

    /// <summary>The defaults below.</summary>
    public static ReservoirCostModel Default { get; } = new();

    /// <summary>
    /// Oscillator resistance, Ω: 250 Ω (assumption: RA ≈ 1 Ω·µm², the low-RA MgO range that lets STOs carry
    /// mA currents, over the 100 nm × 50 nm ellipse of <see cref="MacrospinParameters"/>, 3.9e-3 µm²).
    /// </summary>
    public double OscillatorResistanceOhms { get; init; } = 250;

    /// <summary>Converter Walden figure of merit, J per conversion step: 20 fJ (GS/s converters, Murmann, ADC Performance Survey 1997–2023; the same value assumed for the DAC), as in the photonic cost model.</summary>
    public double ConverterJoulesPerStep { get; init; } = 20e-15;

    /// <summary>DAC resolution for the masked input current, bits: 8 (assumption).</summary>
    public int DacBits { get; init; } = 8;

    /// <summary>ADC resolution for the sampled oscillator power, bits: 8 (assumption).</summary>
    public int AdcBits { get; init; } = 8;

    /// <summary>The digital ridge readout: fp32 MACs and SRAM weight reads (Horowitz, ISSCC 2014).</summary>
    public DigitalCostModel Readout { get; init; } = new(DigitalPrecision.Fp32);

    /// <summary>Energy of one DAC conversion, J: FOM · 2^bits.</summary>
    public double DacJoulesPerConversion => ConverterJoulesPerStep * Math.Pow(2, DacBits);

    /// <summary>Energy of one ADC conversion, J: FOM · 2^bits.</summary>
    public double AdcJoulesPerConversion => ConverterJoulesPerStep * Math.Pow(2, AdcBits);

    /// <inheritdoc/>
    public string Component => "spin-torque oscillator reservoir";

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("oscillator resistance", OscillatorResistanceOhms, "Ω", "assumption: RA ≈ 1 Ω·µm² over a 100 nm × 50 nm ellipse", "low-RA MgO spin-torque oscillators carrying mA currents"),
        new("converter Walden FOM", ConverterJoulesPerStep, "J/step", "Murmann, ADC Performance Survey 1997–2023 (DAC: same, assumption)", "ADCs at GS/s rates; DACs assumed equal"),
        new("DAC bits", DacBits, "bit", "assumption", "assumption; any"),
        new("ADC bits", AdcBits, "bit", "assumption", "assumption; any"),
    ];

    /// <summary>Bias energy of one virtual node at current <paramref name="current"/> for <paramref name="seconds"/>: I² R θ, J.</summary>
    public double NodeBiasJoules(double current, double seconds) => current * current * OscillatorResistanceOhms * seconds;

    /// <summary>
    /// Charges the ridge readout for <paramref name="samples"/> inferences: <paramref name="features"/> MACs per
    /// output (the standardisation folds into the weights) and the features + 1 weights per output read once per batch.
    /// </summary>
    public void ChargeReadout(CostLedger ledger, int features, int outputs, int samples)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        Readout.ChargeDense(ledger, "ridge readout", (long)features * outputs, (long)(features + 1) * outputs, samples);
    }
}
