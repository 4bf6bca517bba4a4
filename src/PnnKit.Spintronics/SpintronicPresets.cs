using PnnKit.Core.Physical;

namespace PnnKit.Spintronics;

/// <summary>The spintronic substrate's device presets, wrapping the records the physics uses with their defaults.</summary>
public static class SpintronicPresets
{
    private const string Ikeda = "Ikeda et al., Nature Materials 9, 721 (2010)";

    /// <summary>A 40 nm perpendicular CoFeB/MgO junction (the default MtjParameters).</summary>
    public static DevicePreset<MtjParameters> MtjIkeda2010 { get; } = Mtj(new MtjParameters());

    /// <summary>Every spintronic preset.</summary>
    public static IReadOnlyList<DevicePreset> All { get; } = [MtjIkeda2010];

    private static DevicePreset<MtjParameters> Mtj(MtjParameters m) => new()
    {
        Name = "mtj-ikeda-2010",
        Substrate = "spintronic",
        Device = "magnetic tunnel junction",
        Summary = "40 nm perpendicular CoFeB/MgO MTJ: TMR 120 %, Δ ≈ 40, I_c0 ≈ 49 µA",
        Source = Ikeda,
        Model = m,
        Parameters =
        [
            new("ParallelResistanceOhms", m.ParallelResistanceOhms, "Ω", "assumption: RA ≈ 6 Ω·µm² over a 40 nm disc"),
            new("Tmr", m.Tmr, "1", Ikeda),
            new("ThermalStability", m.ThermalStability, "1", Ikeda + " (Δ = E_b/k_BT at 300 K)"),
            new("CriticalCurrentAmps", m.CriticalCurrentAmps, "A", Ikeda),
            new("AttemptTimeSeconds", m.AttemptTimeSeconds, "s", "Brown, Phys. Rev. 130, 1677 (1963); Koch et al., PRL 92, 088302 (2004)"),
            new("ReadVoltage", m.ReadVoltage, "V", "assumption: well below the ≈ 0.4 V at which TMR halves"),
        ],
    };
}
