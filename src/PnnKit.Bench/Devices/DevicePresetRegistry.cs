using PnnKit.Core.Physical;
using PnnKit.Memristive.Devices;
using PnnKit.Networks;
using PnnKit.Photonics.Components;
using PnnKit.Spintronics;

namespace PnnKit.Bench.Devices;

/// <summary>Every device preset of every substrate, by name (`pnn devices`, `device:` in configs). Bench is the one layer that sees all substrates.</summary>
public static class DevicePresetRegistry
{
    /// <summary>All presets, grouped by substrate.</summary>
    public static IReadOnlyList<DevicePreset> All { get; } = [.. MemristivePresets.All, .. PhotonicPresets.All, .. NetworkPresets.All, .. SpintronicPresets.All];

    /// <summary>Every preset name.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    /// <summary>The preset called <paramref name="name"/>, or null.</summary>
    public static DevicePreset? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>The preset called <paramref name="name"/>; throws naming every preset when there is none.</summary>
    public static DevicePreset Get(string name) =>
        Find(name) ?? throw new ArgumentException($"no device preset '{name}'; presets: {string.Join(", ", Names)}.", nameof(name));
}
