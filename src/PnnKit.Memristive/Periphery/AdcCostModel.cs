using PnnKit.Core.Costs;

namespace PnnKit.Memristive.Periphery;

/// <summary>
/// ADC energy from the Walden figure of merit: E per conversion = FOM_W · 2^ENOB, with ENOB taken
/// equal to the nominal bits (optimistic: real converters lose about a bit).
/// </summary>
public sealed class AdcCostModel : ICostModel
{
    private const string Survey = "B. Murmann, ADC Performance Survey 1997–2024 (Stanford): Walden FOM of medium-speed SAR ADCs ~1–10 fJ/conv-step; upper end assumed";

    /// <summary>Walden figure of merit, J per conversion step. Default 10 fJ/step (Murmann survey, see <see cref="Parameters"/>).</summary>
    public double WaldenFomJoules { get; init; } = 10e-15;

    /// <summary>Sample rate, S/s, for the conversion latency. Assumption: 100 MS/s per ADC.</summary>
    public double SampleRate { get; init; } = 100e6;

    /// <summary>Energy of one conversion at <paramref name="bits"/> bits, J.</summary>
    public double EnergyPerConversion(int bits) => WaldenFomJoules * Math.Pow(2, bits);

    /// <inheritdoc/>
    public string Component => "ADC (Walden FOM)";

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("Walden figure of merit", WaldenFomJoules, "J/conv-step", Survey, "medium-speed SAR ADCs; ENOB taken equal to the nominal bits"),
        new("sample rate", SampleRate, "S/s", "assumption: 100 MS/s, one ADC per column", "assumption; any, the FOM above is for medium-speed SARs"),
    ];
}
