using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Devices.Simulated;

/// <summary>
/// A fabricated Clements mesh with monitor taps after every phase shifter and coherent receivers at both ends, as a bench
/// instrument that measures its own gradient (the stand-in `pnn serve` hosts for the chip of Pai et al., Science 2023):
/// inputs and readouts are the fields on the N input and N output waveguides (N real parts, then N imaginary parts),
/// controls its phases (θ, φ of every MZI, then the output screen; periodic), and MeasureGradient runs
/// <see cref="InSituMesh{T}"/>'s passes with the readings <see cref="InSituOptions"/> describes.
/// </summary>
public static class InSituMeshDevice
{
    /// <summary>Serves <paramref name="mesh"/> (a fabricated instance) with readings <paramref name="readings"/>, noise drawn from <paramref name="noiseSeed"/>.</summary>
    public static SimulatedDevice Create(string name, MziMesh<double> mesh, InSituOptions readings, ulong noiseSeed, long budget = 0)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(readings);
        var system = new InSituMeshSystem<double>(mesh, readings, noiseSeed);
        int n = mesh.Modes, m = mesh.MziCount;
        // A modulator drives each quadrature within the unit carrier (1 mW, MeshClassifier's encoding).
        const double carrierAmplitude = 1;
        // A passive mesh cannot exceed the input power, at most 2N mW with both quadratures at full drive: no output quadrature exceeds √(2N).
        double fieldScale = Math.Sqrt(2.0 * n) * carrierAmplitude;
        double phaseStep = mesh.Errors.DacBits > 0 ? 2 * Math.PI / (1 << mesh.Errors.DacBits) : 0;
        var info = new DeviceInfo
        {
            Name = name,
            Kind = "photonic-mesh-insitu",
            Input = new ChannelSpec("field", "√mW", 2 * n, -carrierAmplitude, carrierAmplitude),
            Controls =
            [
                new ChannelSpec("theta", "rad", m, 0, 2 * Math.PI, phaseStep, Wraps: true),
                new ChannelSpec("phi", "rad", m, 0, 2 * Math.PI, phaseStep, Wraps: true),
                new ChannelSpec("output-phase", "rad", n, 0, 2 * Math.PI, phaseStep, Wraps: true),
            ],
            Readouts = [new ChannelSpec("field", "√mW", 2 * n, -fieldScale, fieldScale)],
            SettlingSeconds = mesh.CostModel.HeaterSettlingSeconds,
            SecondsPerExample = 1 / mesh.CostModel.SymbolRateHz,
            Budget = budget,
            GradientMethod = $"in-situ adjoint (Hughes et al. 2018, Pai et al. 2023): {system.PassesPerGradient} optical passes, {system.ReadingsPerGradient} tap and coherent readings per example",
        };
        return new SimulatedDevice(system, info, gradientPasses: system.PassesPerGradient, gradientReadings: system.ReadingsPerGradient);
    }
}
