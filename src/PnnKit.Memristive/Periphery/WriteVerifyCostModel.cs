using PnnKit.Core.Costs;
using PnnKit.Memristive.Devices;

namespace PnnKit.Memristive.Periphery;

/// <summary>
/// Energy of RRAM program-and-verify (<see cref="ProgramAndVerify"/>): every SET pulse V_SET·I_SET·t, every RESET pulse
/// V_RESET·I_RESET·t (t = <see cref="RramDeviceModel.PulseWidthSeconds"/>), and every verify read: the cell's Joule heat
/// I(G, V_read)·V_read·t_verify plus one column ADC conversion to compare with the target. A one-off (or per-update) cost,
/// amortised over a deployment (<see cref="AmortisedCost"/>). Not counted: charging the word/bit lines and the pulse
/// generators (no figure for Yao 2020's test system), stated as excluded wherever the term is reported.
/// </summary>
public sealed class WriteVerifyCostModel : ICostModel
{
    private const string PulseAssumption = "assumption: Yao 2020 (Methods) give the 50 ns width of the identical SET/RESET pulses but not an amplitude we could read; 1.5 V is the usual SET/RESET amplitude of TaOx/HfOx 1T1R analog cells (switching needs ~1–2 V)";

    private const string CurrentAssumption = "assumption: the current of a cell at GMax = 20 µS under 1.5 V (30 µA), the most the 1T1R transistor must pass for these analog states; real pulses see less as G moves";

    /// <summary>SET pulse amplitude across the cell, V. Default 1.5 V (assumption, see <see cref="Parameters"/>).</summary>
    public double SetVoltage { get; init; } = 1.5;

    /// <summary>Cell current during a SET pulse, A. Default 30 µA (assumption: GMax · 1.5 V, see <see cref="Parameters"/>).</summary>
    public double SetCurrent { get; init; } = 30e-6;

    /// <summary>RESET pulse amplitude across the cell, V. Default 1.5 V: identical SET and RESET pulses (Yao 2020, Methods); the amplitude is our assumption.</summary>
    public double ResetVoltage { get; init; } = 1.5;

    /// <summary>Cell current during a RESET pulse, A. Default 30 µA (assumption, as <see cref="SetCurrent"/>).</summary>
    public double ResetCurrent { get; init; } = 30e-6;

    /// <summary>Duration of one verify read, s. Default 50 ns: Yao 2020, the 0.2 V, 50 ns read pulse (Methods).</summary>
    public double VerifyReadSeconds { get; init; } = 50e-9;

    /// <inheritdoc/>
    public string Component => "RRAM write-verify";

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("SET voltage", SetVoltage, "V", PulseAssumption, "assumption; TaOx/HfOx 1T1R analog RRAM"),
        new("SET current", SetCurrent, "A", CurrentAssumption, "assumption; a 2–20 µS window"),
        new("RESET voltage", ResetVoltage, "V", PulseAssumption, "assumption; TaOx/HfOx 1T1R analog RRAM"),
        new("RESET current", ResetCurrent, "A", CurrentAssumption, "assumption; a 2–20 µS window"),
        new("verify read time", VerifyReadSeconds, "s", "Yao et al., Nature 577, 641 (2020), Methods: 0.2 V, 50 ns read pulses", "the 1T1R arrays of Yao 2020"),
    ];

    /// <summary>
    /// Energy of <paramref name="setPulses"/> SET and <paramref name="resetPulses"/> RESET pulses of <paramref name="device"/>'s
    /// width, and <paramref name="verifyReads"/> verify reads that saw conductances summing to <paramref name="verifyConductance"/> S
    /// at the device's read voltage, each followed by one ADC conversion of <paramref name="adcJoules"/>, J.
    /// </summary>
    public double Joules(RramDeviceModel device, long setPulses, long resetPulses, long verifyReads, double verifyConductance, double adcJoules)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (setPulses < 0 || resetPulses < 0 || verifyReads < 0 || !(verifyConductance >= 0) || !(adcJoules >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(setPulses), $"pulse and read counts, the verify conductance and the ADC energy must be ≥ 0, got {setPulses}, {resetPulses}, {verifyReads}, {verifyConductance}, {adcJoules}.");
        }
        double t = device.PulseWidthSeconds, v = device.ReadVoltage;
        // The cell current is linear in G (I = G·V·(1 + a·V²)), so the reads' Joule heat is I(ΣG, V)·V·t.
        return (setPulses * SetVoltage * SetCurrent * t) + (resetPulses * ResetVoltage * ResetCurrent * t)
            + (device.Current(verifyConductance, v) * v * VerifyReadSeconds) + (verifyReads * adcJoules);
    }

    /// <summary>Throws naming the first invalid setting and its allowed range.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[] { (nameof(SetVoltage), SetVoltage), (nameof(SetCurrent), SetCurrent), (nameof(ResetVoltage), ResetVoltage), (nameof(ResetCurrent), ResetCurrent), (nameof(VerifyReadSeconds), VerifyReadSeconds) })
        {
            if (!(value > 0) || !double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(name, $"{name} must be finite and > 0, got {value}.");
            }
        }
    }
}
