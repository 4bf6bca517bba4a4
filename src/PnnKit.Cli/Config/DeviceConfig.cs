using PnnKit.Bench.Reproductions;
using PnnKit.Core.Random;
using PnnKit.Devices;
using PnnKit.Devices.Instruments;
using PnnKit.Devices.Simulated;
using PnnKit.Photonics.Components;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Cli.Config;

/// <summary>
/// A device file for `pnn serve` (configs/devices/*.yaml): which simulated instruments to fabricate and serve.
/// <code>
/// device:
///   kind: photonic-mesh
///   name: mesh            # count 1: served as "mesh"; count n: "mesh0" … "mesh{n-1}"
///   count: 1
///   modes: 4
///   variation: typical    # none | typical (= the preset mzi-si-thermo-optic, either name) | pat-photonic (the chip of `pnn repro pat-photonic`)
///   fabrication_seed: 1   # device l is fabricated from fabrication_seed + l
///   detector_seed: 1      # device l's detector noise from detector_seed + l
///   budget: 0             # measured examples each device allows; 0 = no limit
/// </code>
/// or a mesh that measures its own gradient in situ (taps after every shifter, coherent receivers at both ends):
/// <code>
/// device:
///   kind: photonic-mesh-insitu
///   name: chip
///   count: 3
///   modes: 4
///   variation: insitu-photonic   # none | typical | insitu-photonic (the chip `pnn repro insitu-photonic` fabricates from fabrication_seed)
///   fabrication_seed: 1
///   readings: measured           # measured (detector noise, 8-bit ADCs, imperfect adjoint source) | noise-free
///   noise_seed: 1                # device l's reading noise from noise_seed + l
///   budget: 0
/// </code>
/// or a real instrument reached by its text protocol (the worked example, examples/FakeInstrument stands in for it):
/// <code>
/// device:
///   kind: attenuator-bank
///   name: bank
///   host: 127.0.0.1
///   port: 5025            # the instrument's socket
///   timeout_ms: 2000      # wait for each answer before the device counts as not answering
/// </code>
/// </summary>
internal static class DeviceConfig
{
    private static readonly string[] Kinds = ["photonic-mesh", "photonic-mesh-insitu", "attenuator-bank"];

    // typical is the MZI-process preset mzi-si-thermo-optic (`pnn devices show mzi-si-thermo-optic`), accepted by either name.
    private static readonly string[] Variations = ["none", "typical", PhotonicPresets.MziSiThermoOptic.Name, "pat-photonic"];

    /// <summary>The devices <paramref name="file"/> describes, fabricated; every error names the file, line and field.</summary>
    public static IReadOnlyList<IDeviceDriver> Load(string file)
    {
        var root = YamlSection.Load(file);
        root.RejectUnknownKeys("device");
        var d = root.Section("device") ?? throw new ConfigException($"{file}: needs a 'device:' section (kind, name, modes, ...).");
        string kind = d.String("kind", "photonic-mesh", Kinds);
        string name = d.String("name", kind switch { "photonic-mesh" => "mesh", "photonic-mesh-insitu" => "chip", _ => "bank" });
        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c == '/'))
        {
            throw d.Error(null, "name", $"must be non-empty without spaces or '/', got '{name}'.");
        }
        if (kind == "attenuator-bank")
        {
            d.RejectUnknownKeys("kind", "name", "host", "port", "timeout_ms");
            return [new AttenuatorBankDriver(name, d.String("host", "127.0.0.1"), d.Int("port", 5025, 1, 65535), TimeSpan.FromMilliseconds(d.Int("timeout_ms", 2000, 1, 600_000)))];
        }
        if (kind == "photonic-mesh-insitu")
        {
            return InSitu(d, name);
        }
        d.RejectUnknownKeys("kind", "name", "count", "modes", "variation", "fabrication_seed", "detector_seed", "budget");
        int count = d.Int("count", 1, 1, 64);
        int modes = d.Int("modes", 4, 2, 256);
        var variation = d.String("variation", "typical", Variations) switch
        {
            "none" => MeshVariation.None,
            "typical" or "mzi-si-thermo-optic" => PhotonicPresets.MziSiThermoOptic.Model,
            _ => new PhysicsAwarePhotonicOptions().Variation,
        };
        ulong fabrication = (ulong)d.Int("fabrication_seed", 1, 0);
        ulong detector = (ulong)d.Int("detector_seed", 1, 0);
        long budget = d.Int("budget", 0, 0);
        return [.. Enumerable.Range(0, count).Select(l =>
            PhotonicMeshDevice.Create(count == 1 ? name : $"{name}{l}", modes, variation, fabrication + (ulong)l, detector + (ulong)l, budget))];
    }

    private static SimulatedDevice[] InSitu(YamlSection d, string name)
    {
        d.RejectUnknownKeys("kind", "name", "count", "modes", "variation", "fabrication_seed", "readings", "noise_seed", "budget");
        int count = d.Int("count", 1, 1, 64);
        int modes = d.Int("modes", 4, 2, 256);
        string variation = d.String("variation", "insitu-photonic", ["none", "typical", PhotonicPresets.MziSiThermoOptic.Name, "insitu-photonic"]);
        ulong fabrication = (ulong)d.Int("fabrication_seed", 1, 0);
        var readings = d.String("readings", "measured", ["measured", "noise-free"]) == "measured" ? InSituOptions.Measured : InSituOptions.NoiseFree;
        ulong noise = (ulong)d.Int("noise_seed", 1, 0);
        long budget = d.Int("budget", 0, 0);
        List<MziMesh<double>> meshes;
        if (variation == "insitu-photonic")
        {
            // As InSituPhotonic.Fit: the designs' generator, then the fabrication errors drawn in order over the meshes.
            var rng = new Rng(fabrication).Split("photonic");
            var designs = InSituPhotonic.Meshes<double>(rng, count, modes);
            meshes = InSituPhotonic.Fabricate(designs, new InSituPhotonicOptions { Seed = fabrication }, rng.Split("fabrication"));
        }
        else
        {
            var v = variation == "none" ? MeshVariation.None : PhotonicPresets.MziSiThermoOptic.Model;
            meshes = [.. Enumerable.Range(0, count).Select(l => new ClementsMesh<double>(modes, name: $"{name}{l}").Fabricate(v, fabrication + (ulong)l).Mesh)];
        }
        return [.. meshes.Select((m, l) => InSituMeshDevice.Create(count == 1 ? name : $"{name}{l}", m, readings, noise + (ulong)l, budget))];
    }
}
