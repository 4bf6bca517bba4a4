using PnnKit.Core.Costs;

namespace PnnKit.Memristive.Pulsed;

/// <summary>Energy and time of device programming pulses (in-situ updates and re-programming).</summary>
public sealed class ProgrammingCostModel : ICostModel
{
    /// <summary>Energy per programming pulse, J. Assumption: 10 pJ, the order of a partial-SET pulse in PCM (state your device's value).</summary>
    public double EnergyPerPulse { get; init; } = 10e-12;

    /// <summary>Duration of one pulse-train time slot, s. Assumption: 50 ns.</summary>
    public double SlotSeconds { get; init; } = 50e-9;

    /// <inheritdoc/>
    public string Component => "device programming pulses";

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("energy per pulse", EnergyPerPulse, "J", "assumption: ~10 pJ partial-SET pulse (PCM order of magnitude)", "PCM partial-SET pulses (order of magnitude)"),
        new("pulse slot duration", SlotSeconds, "s", "assumption", "assumption; any"),
    ];
}
