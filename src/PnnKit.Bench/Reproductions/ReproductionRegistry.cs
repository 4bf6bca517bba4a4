using PnnKit.Core.Reproductions;
using PnnKit.Dynamics.Reproductions;
using PnnKit.Memristive.Reproductions;
using PnnKit.Networks.Reproductions;
using PnnKit.Photonics.Reproductions;
using PnnKit.Spintronics.Reproductions;

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
        new AccelReproduction(),
        new PhotonicTensorProcessorReproduction(),
        new TaichiReproduction(),

        // memristive
        new MemristorDriftReproduction(),
        new MemristorHybridReproduction(),
        new MemristorCnnReproduction(),
        new MemristorPulsedReproduction(),
        new MemristorAdcReproduction(),
        new SamReproduction(),
        new SpsaCrossbarReproduction(),
        new MythicAmpReproduction(),

        // mechanical and resistor networks
        new MechanicalInSituReproduction(),
        new CoupledLearningReproduction(),
        new MechanicalRegressionReproduction(),
        new DiodeXorReproduction(),

        // spintronic
        new PbitFactorReproduction(),
        new PbitBoltzmannReproduction(),
        new StoReservoirReproduction(),
        new StoModelsReproduction(),

        // methods across substrates, waves
        new PatReproduction(),
        new DfaReproduction(),
        new WaveRnnReproduction(),
    ];

    /// <summary>The reproduction called <paramref name="name"/>, or null.</summary>
    public static IReproduction? Find(string name) => All.FirstOrDefault(r => r.Name == name);
}
