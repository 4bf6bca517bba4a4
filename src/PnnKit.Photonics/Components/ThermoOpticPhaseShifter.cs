namespace PnnKit.Photonics.Components;

/// <summary>
/// A thermo-optic phase shifter: a resistive heater over the waveguide. The phase shift is
/// proportional to the dissipated power, φ = π·P / P_π, and the power to the square of the drive
/// voltage, P = V² / R. The drive voltage comes from a DAC with <see cref="DacBits"/> bits spanning
/// [0, V_2π], so realizable phases are quantized non-uniformly (uniform in V, not in φ). Holding a
/// phase costs static power P = P_π·φ/π.
/// </summary>
public sealed record ThermoOpticPhaseShifter
{
    /// <summary>
    /// Default power for a π shift, W: 20 mW, typical of silicon TiN/doped heaters without thermal
    /// isolation (Harris et al., Opt. Express 22, 10487 (2014), report P_π ≈ 20 mW).
    /// </summary>
    public const double DefaultPiPowerWatts = 20e-3;

    /// <summary>Default heater resistance, Ω: assumption, order of the ≈ 1 kΩ doped-silicon heaters of Harris et al. (2014).</summary>
    public const double DefaultResistanceOhms = 1000;

    /// <summary>Default driver-DAC resolution, bits: 12-bit drivers are common in programmable photonics (e.g. Pai et al., Science 380, 398 (2023)); assumption.</summary>
    public const int DefaultDacBits = 12;

    /// <summary>Power for a π phase shift, W.</summary>
    public double PiPowerWatts { get; init; } = DefaultPiPowerWatts;

    /// <summary>Heater resistance, Ω.</summary>
    public double ResistanceOhms { get; init; } = DefaultResistanceOhms;

    /// <summary>Driver-DAC bits; 0 means an ideal (unquantized) driver.</summary>
    public int DacBits { get; init; } = DefaultDacBits;

    /// <summary>Wraps <paramref name="phase"/> into [0, 2π).</summary>
    public static double Wrap(double phase)
    {
        if (!double.IsFinite(phase))
        {
            throw new ArgumentException($"Phase must be finite; got {phase}.", nameof(phase));
        }
        double w = phase % (2 * Math.PI);
        return w < 0 ? w + (2 * Math.PI) : w;
    }

    /// <summary>Heater power that holds <paramref name="phase"/> (wrapped to [0, 2π)), W.</summary>
    public double PowerFor(double phase) => PiPowerWatts * Wrap(phase) / Math.PI;

    /// <summary>Drive voltage that produces <paramref name="phase"/> (wrapped to [0, 2π)), V.</summary>
    public double VoltageFor(double phase) => Math.Sqrt(PowerFor(phase) * ResistanceOhms);

    /// <summary>Full-scale DAC voltage, the voltage of a 2π shift, V.</summary>
    public double FullScaleVoltage => Math.Sqrt(2 * PiPowerWatts * ResistanceOhms);

    /// <summary>Phase produced by drive voltage <paramref name="volts"/>, rad.</summary>
    public double PhaseFor(double volts) => Math.PI * volts * volts / ResistanceOhms / PiPowerWatts;

    /// <summary>
    /// The phase the device actually applies when asked for <paramref name="phase"/>: wrapped, converted
    /// to a voltage, rounded to the nearest DAC code, converted back.
    /// </summary>
    public double Realize(double phase)
    {
        double v = VoltageFor(phase);
        if (DacBits > 0)
        {
            double lsb = FullScaleVoltage / ((1L << DacBits) - 1);
            v = Math.Round(v / lsb) * lsb;
        }
        return PhaseFor(v);
    }
}
