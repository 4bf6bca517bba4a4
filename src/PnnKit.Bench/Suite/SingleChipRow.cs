using PnnKit.Bench.Reproductions;

namespace PnnKit.Bench.Suite;

/// <summary>
/// The single-chip photonic DNN (Bandyopadhyay et al., Nature Photonics 2024) as a suite row: <c>pnn repro forward-only</c>'s
/// fabricated 6-mode, 3-layer chip trained forward-only (SPSA) on its own measured outputs, on the six vowels, with the
/// latency of <see cref="Photonics.Costs.OpticalPathLatency"/>.
/// </summary>
public static class SingleChipRow
{
    /// <summary>The reproduction's settings for the row: its quick or full run at <paramref name="seed"/>, with the ideal-model baseline.</summary>
    public static ForwardOnlyVowelsOptions Options(ulong seed, bool quick) =>
        (quick ? ForwardOnlyVowelsOptions.Quick : new ForwardOnlyVowelsOptions()) with { Seed = seed, DigitalBaseline = true };

    /// <summary>The row on task "vowels" (<see cref="SuiteTask.Vowels"/> draws the same split).</summary>
    public static SuiteRow Row(ulong seed, bool quick)
    {
        var r = ForwardOnlyVowels.Run(Options(seed, quick));
        return new SuiteRow("vowels", "photonic", "single-chip DNN: 3 × 6-mode Clements meshes + electro-optic NOFUs",
            r.DigitalBaselineTestAccuracy ?? double.NaN, 1, r.TestAccuracy, null, r.TestAccuracy, r.TestAccuracy, null, "no drift model",
            r.CoreEnergyPerInferenceJoules, r.EnergyPerQueryJoules, r.LatencySeconds,
            "forward-only (SPSA) in situ on the fabricated chip, from its measured outputs", r.TrainingQueries, r.Controls, null, null, null,
            $"1 fabricated chip; ideal: the same network trained by backprop on the error-free model; latency {r.OnChipLatencySeconds * 1e12:F1} ps on chip (paper: 410 ps)")
        {
            Variant = "single-chip DNN",
            Splits = r.Splits,
        };
    }
}
