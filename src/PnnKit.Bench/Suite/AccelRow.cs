using PnnKit.Methods;
using PnnKit.Photonics.Accel;
using PnnKit.Photonics.Reproductions;

namespace PnnKit.Bench.Suite;

/// <summary>
/// ACCEL (Chen et al., Nature 623, 48 (2023); <see cref="AccelChip"/>) as a suite row on the MNIST subset: the
/// diffractive front end and binary-weight EAC trained end to end, the fabricated 3-bit mask assembled one pixel
/// off in each of four directions as its instances, energy per frame from <see cref="AccelCostModel"/>. The split is
/// the suite's (validation fraction 0.1, the same seed; --quick uses its first 2,000 / 500 / 500 images).
/// </summary>
public static class AccelRow
{
    /// <summary>The row for <paramref name="seed"/>; <paramref name="quick"/> runs <see cref="AccelOptions.Quick"/> (≈ 15 s here).</summary>
    public static SuiteRow Row(ulong seed, bool quick)
    {
        var options = (quick ? AccelOptions.Quick : new AccelOptions()) with { Datasets = ["mnist-subset"], Seed = seed };
        var r = AccelChip.Run(options);
        var d = r.Datasets[0];
        var stats = RobustnessProtocol.Summarize(0, [.. d.ShiftedTestAccuracy]);
        long parameters = ((long)options.DiffractiveLayers * r.Grid * r.Grid) + ((long)r.Photodiodes * r.Classes);
        return new SuiteRow("mnist-subset", "photonic",
            $"ACCEL: {options.DiffractiveLayers} diffractive phase mask → {PhotodiodeArray<float>.AccelCells}×{PhotodiodeArray<float>.AccelCells} photodiodes → binary-weight analog EAC ({r.Classes} nodes), no ADC",
            d.TestAccuracy, d.ShiftedTestAccuracy.Count, stats.Mean, stats.Percentile5, stats.Worst, stats.Mean,
            null, "no drift model",
            r.Accel.CoreJoules, r.Accel.SystemJoules, r.Accel.LatencySeconds,
            "end-to-end backprop in simulation (phases and latent binary EAC weights, straight-through)", 0, parameters, null, null, null,
            $"instances: the {options.MaskLevels}-level mask assembled 1 px off (4 directions; aligned: {d.MaskTestAccuracy:P1}); "
                + $"system counts the bench laser at the wall, the chip alone {r.Accel.ChipJoules * 1e12:F0} pJ; an ADC per photodiode instead: chip {r.AdcPerPixel.ChipJoules * 1e9:F2} nJ")
        { Splits = d.Splits };
    }
}
