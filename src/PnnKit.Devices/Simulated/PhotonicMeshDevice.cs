using PnnKit.Photonics.Meshes;

namespace PnnKit.Devices.Simulated;

/// <summary>
/// A fabricated Clements mesh as a bench instrument (the stand-in `pnn serve` hosts for a mesh on a probe station):
/// inputs are the field amplitudes on its N input waveguides (N real parts, then N imaginary parts, <see cref="MeshSystem{T}"/>'s
/// layout), controls are its phases (θ and φ of every MZI, then the output screen; periodic, so they wrap), readouts are the
/// detected powers, with the fabricated instance's coupler, phase and loss errors and its detectors' noise.
/// </summary>
public static class PhotonicMeshDevice
{
    /// <summary>
    /// Fabricates an N-mode mesh with <paramref name="variation"/> from <paramref name="seed"/> (the same chip for the same
    /// seed) and describes it; <paramref name="detectorSeed"/> keys its detector noise; <paramref name="budget"/> limits the
    /// examples it measures (0: no limit).
    /// </summary>
    public static SimulatedDevice Create(string name, int modes, MeshVariation variation, ulong seed, ulong detectorSeed, long budget = 0)
    {
        ArgumentNullException.ThrowIfNull(variation);
        var mesh = new ClementsMesh<double>(modes, name: name).Fabricate(variation, seed).Mesh;
        return Create(name, mesh, variation.DetectorNoise, detectorSeed, budget);
    }

    /// <summary>Serves <paramref name="mesh"/> (a fabricated instance's) with detector noise <paramref name="noise"/> (null: noiseless).</summary>
    public static SimulatedDevice Create(string name, MziMesh<double> mesh, Photonics.Converters.PhotodetectorNoise? noise, ulong detectorSeed, long budget = 0)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        // Receiver full scale: all N carriers on one detector (a passive mesh cannot exceed it), with 1 mW either side for noise.
        double fullScale = mesh.Modes * CarrierAmplitude * CarrierAmplitude;
        var info = Describe(name, "photonic-mesh", mesh, new ChannelSpec("power", "mW", mesh.Modes, -1, fullScale + 1, noise?.ThermalNoiseStd ?? 0), budget);
        return new SimulatedDevice(new MeshSystem<double>(mesh, noise, detectorSeed), info);
    }

    // Field amplitude of one mode at the unit carrier (1 mW): the input modulators cannot exceed it (MeshClassifier's encoding).
    internal const double CarrierAmplitude = 1;

    /// <summary>
    /// A served mesh's description: its inputs (the fields on its N input waveguides), its phases as periodic controls at the
    /// heater DACs' resolution, its heaters' settling time and its symbol rate, with <paramref name="readout"/>.
    /// </summary>
    internal static DeviceInfo Describe(string name, string kind, MziMesh<double> mesh, ChannelSpec readout, long budget)
    {
        int n = mesh.Modes, m = mesh.MziCount;
        // Phase resolution of the heater DACs: 2π / 2^bits (the instance's DacBits; 0 = ideal).
        double phaseStep = mesh.Errors.DacBits > 0 ? 2 * Math.PI / (1 << mesh.Errors.DacBits) : 0;
        return new DeviceInfo
        {
            Name = name,
            Kind = kind,
            Input = new ChannelSpec("field", "√mW", 2 * n, -CarrierAmplitude, CarrierAmplitude),
            Controls =
            [
                new ChannelSpec("theta", "rad", m, 0, 2 * Math.PI, phaseStep, Wraps: true),
                new ChannelSpec("phi", "rad", m, 0, 2 * Math.PI, phaseStep, Wraps: true),
                new ChannelSpec("output-phase", "rad", n, 0, 2 * Math.PI, phaseStep, Wraps: true),
            ],
            Readouts = [readout],
            SettlingSeconds = mesh.CostModel.HeaterSettlingSeconds,
            SecondsPerExample = 1 / mesh.CostModel.SymbolRateHz,
            Budget = budget,
        };
    }
}
