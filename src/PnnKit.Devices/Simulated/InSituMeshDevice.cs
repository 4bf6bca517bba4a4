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
        // A passive mesh cannot exceed the input power, at most 2N mW with both quadratures at full drive: no output quadrature exceeds √(2N).
        double fieldScale = Math.Sqrt(2.0 * mesh.Modes) * PhotonicMeshDevice.CarrierAmplitude;
        var info = PhotonicMeshDevice.Describe(name, "photonic-mesh-insitu", mesh, new ChannelSpec("field", "√mW", 2 * mesh.Modes, -fieldScale, fieldScale), budget) with
        {
            GradientMethod = $"in-situ adjoint (Hughes et al. 2018, Pai et al. 2023): {system.PassesPerGradient} optical passes, {system.ReadingsPerGradient} tap and coherent readings per example",
        };
        return new SimulatedDevice(system, info, gradientPasses: system.PassesPerGradient, gradientReadings: system.ReadingsPerGradient);
    }
}
