using PnnKit.Core.Physical;

namespace PnnKit.Networks;

/// <summary>The mechanical network's device presets, wrapping the records the physics uses with their defaults.</summary>
public static class NetworkPresets
{
    /// <summary>FDM-printed PLA bonds on a 20 mm lattice (the default BondMaterial of every SpringNetwork).</summary>
    public static DevicePreset<BondMaterial> SpringPlaFdm { get; } = Bond(new BondMaterial());

    /// <summary>Every mechanical preset.</summary>
    public static IReadOnlyList<DevicePreset> All { get; } = [SpringPlaFdm];

    private static DevicePreset<BondMaterial> Bond(BondMaterial m) => new()
    {
        Name = "spring-pla-fdm",
        Substrate = "mechanical",
        Device = "spring lattice bond",
        Summary = "3D-printed PLA bars, k = Y·w·t/a with printable widths 0.4–4 mm",
        Source = "NatureWorks Ingeo 4043D datasheet; tabletop lattices of Li & Mao 2024",
        Model = m,
        Parameters =
        [
            new("YoungModulus", m.YoungModulus, "Pa", "NatureWorks Ingeo 4043D datasheet (PLA, tensile modulus 3.6 GPa)"),
            new("Thickness", m.Thickness, "m", "assumption: a typical laser-cut/3D-printed sheet"),
            new("Length", m.Length, "m", "assumption: centimetre-scale tabletop lattices as Li & Mao 2024"),
            new("MinWidth", m.MinWidth, "m", "one FDM nozzle width (common 0.4 mm nozzle)"),
            new("MaxWidth", m.MaxWidth, "m", "assumption: a fifth of the 20 mm spacing, so bonds stay slender"),
            new("MinStiffness", m.MinStiffness, "N/m", "derived: Y·w_min·t/a"),
            new("MaxStiffness", m.MaxStiffness, "N/m", "derived: Y·w_max·t/a"),
        ],
    };
}
