namespace PnnKit.Memristive.Devices;

/// <summary>
/// The static, as-fabricated parameters of one 1T1R cell (DESIGN.md §4, sampled once per instance):
/// its mean step as a multiple of <see cref="RramDeviceModel.PulseStep"/> and whether it is stuck.
/// </summary>
/// <param name="StepGain">This cell's mean step / the nominal step (&gt; 0).</param>
/// <param name="Fault">Stuck-ON (holds GMax), stuck-OFF (holds GMin) or none.</param>
public readonly record struct RramCell(double StepGain, DeviceFault Fault)
{
    /// <summary>A nominal, programmable cell.</summary>
    public static RramCell Nominal => new(1, DeviceFault.None);
}
