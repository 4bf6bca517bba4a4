using PnnKit.Core.Reproductions;
using PnnKit.Photonics.Reproductions;

namespace PnnKit.Bench.Reproductions;

/// <summary>
/// Every reproduction <c>pnn repro</c> runs, in the order it lists them (and the README's reproduction list, which a
/// test holds to this one). Bench sees every substrate, so the one list lives here.
/// </summary>
public static class ReproductionRegistry
{
    /// <summary>The reproductions, grouped by substrate.</summary>
    public static IReadOnlyList<IReproduction> All { get; } =
    [
        // photonic
        new InSituPhotonicReproduction(),
        new MeshMnistReproduction(),
        new MeshCalibrationReproduction(),
        new PhysicsAwarePhotonicReproduction(),
        new ForwardOnlyReproduction(),
        new D2nnReproduction(),
        new PhotonicTensorProcessorReproduction(),

        // memristive

        // mechanical and resistor networks

        // spintronic

        // methods across substrates, waves
    ];

    /// <summary>The reproduction called <paramref name="name"/>, or null.</summary>
    public static IReproduction? Find(string name) => All.FirstOrDefault(r => r.Name == name);
}
