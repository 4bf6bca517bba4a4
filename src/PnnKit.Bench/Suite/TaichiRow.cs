using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Reproductions;
using PnnKit.Photonics.Taichi;

namespace PnnKit.Bench.Suite;

/// <summary>
/// The Taichi row of <c>pnn bench suite</c> (Xu et al., Science 384, 202 (2024); <see cref="TaichiReproduction"/>): four
/// diffractive blocks on the 14×14 quarters of each MNIST-subset digit, coupled into a 64-mode Clements mesh, detected,
/// re-modulated into a second 64-mode mesh whose first ten ports are the classes; trained in silico on the task's
/// training part, test read once. Its core energy is the light (what the published 160 TOPS/W counts), its system
/// energy adds the laser's wall-plug loss, modulators and DACs, detectors and ADCs, and the heaters over one inference slot.
/// </summary>
public static class TaichiRow
{
    /// <summary>Blocks per image side of the suite's configuration: 2 (four blocks, the smallest distributed one).</summary>
    public const int BlocksPerSide = 2;

    /// <summary>The row; <paramref name="quick"/>: 2,000 training digits, 3 epochs and 5 fabricated instances, else all 7,200, 8 and 10 (validation 800 and test 2,000 either way).</summary>
    public static SuiteRow Row(ulong seed, bool quick)
    {
        var defaults = quick ? TaichiOptions.Quick : new TaichiOptions();
        var options = defaults with { Seed = seed, TestLimit = 0 };
        var geometry = options.Geometry with { BlocksPerSide = BlocksPerSide };
        var (train, validation, test) = TaichiReproduction.Load(options);
        var trained = TaichiReproduction.Train(options, geometry, train, validation, test);
        var t = trained.Result;
        int instances = quick ? 5 : 10;
        var receivers = train.Features.SliceRows(0, Math.Min(256, train.Count));
        var uncalibrated = TaichiReproduction.InstanceAccuracies(trained.Model, test, MeshVariation.Typical, instances, seed, receivers);
        var acc = TaichiReproduction.InstanceAccuracies(trained.Model, test, MeshVariation.Typical, instances, seed, receivers, meshCalibration: options.Calibration);
        var summary = Methods.RobustnessProtocol.Summarize(0, [.. acc]);
        return new SuiteRow("mnist-subset", "photonic",
            $"Taichi: {t.Blocks} diffractive blocks ({t.TileSide}×{t.TileSide} tiles, {geometry.MaskLayers} phase masks each) + {geometry.Chiplets} chiplets of {t.Modes}-mode Clements meshes",
            t.TestAccuracy, instances, summary.Mean, summary.Percentile5, summary.Worst, summary.Mean,
            null, "no drift model",
            t.OpticalJoules, t.SystemJoules, t.LatencySeconds,
            $"backprop in simulation (Adam on every phase, {options.Epochs} epochs)", 0, t.Counts.Parameters,
            null, null, null,
            $"validation {t.ValidationAccuracy:P2}; instances: both meshes fabricated with the typical MZI errors (mzi-si-thermo-optic), each mesh recalibrated from its output intensities (MeshCalibration, the thermal crosstalk's strength fitted; {uncalibrated.Average():P2} mean without it), the inter-chiplet receiver gain re-set per instance on 256 training digits; the diffractive blocks as designed (no fabrication model for them); core = the light ({t.Counts.OperationsPerInference / t.OpticalJoules / 1e12:G3} TOPS/W; the paper: 160), system {t.Counts.OperationsPerInference / t.SystemJoules / 1e12:G3} TOPS/W")
        {
            Splits = new Core.Data.SplitSizes(train.Count, validation.Count, test.Count),
            Seeds = [seed],
        };
    }
}
