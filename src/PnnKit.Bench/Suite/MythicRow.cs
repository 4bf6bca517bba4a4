using PnnKit.Bench.Reproductions;
using PnnKit.Core.Layers;
using PnnKit.Methods;

namespace PnnKit.Bench.Suite;

/// <summary>
/// The suite's row for Mythic's flash analog matrix processor (<see cref="MythicAmp"/>): the MNIST MLP 784-256-10 trained in
/// float32, mapped onto the M1076-like chip's 1024×1024 flash tiles, programmed by ISPP with verify, read 1 s and 1 day after
/// programming at room temperature with global drift compensation; energy core (flash arrays) and system (converters, SIMD,
/// SRAM, router, static power of every tile and the chip, PCIe link) at the throughput the chip sustains.
/// </summary>
public static class MythicRow
{
    private const double OneDaySeconds = 86_400;

    /// <summary>The row on mnist-subset (pairs with the suite's digital MLPs on that task); <paramref name="quick"/>: 5 epochs instead of 10, 3 programmed chips instead of 5.</summary>
    public static SuiteRow Row(ulong seed, bool quick)
    {
        var r = MythicAmp.Run(new MythicAmpOptions
        {
            Seed = seed,
            Epochs = quick ? 5 : 10,
            Cnn = false,
            Ages = [1, OneDaySeconds],
            TemperatureKelvin = ForwardContext.RoomTemperatureKelvin,
            ProgrammedCopies = quick ? MythicAmpReproduction.QuickProgrammedCopies : new MythicAmpOptions().ProgrammedCopies,
        });
        var m = r.Models[0];
        var fresh = m.Ages[0];
        var day = m.Ages[1];
        var chips = RobustnessProtocol.Summarize(0, [.. fresh.CompensatedCopies]);
        return new SuiteRow("mnist-subset", "flash", $"{m.Model} on Mythic-like flash tiles (1024×1024, 8-bit DAC/ADC)",
            m.Design, fresh.CompensatedCopies.Count, chips.Mean, chips.Percentile5, chips.Worst, chips.Mean,
            day.CompensatedCopies.Average(), "global drift compensation (one factor per layer from a reference read)",
            m.CoreJoules, m.SystemJoules, m.Plan.LatencySeconds,
            "backprop in float32 (not hardware-aware), then programmed by ISPP with verify", 0, m.Parameters, null, null, null,
            $"{fresh.CompensatedCopies.Count} chips programmed from the same weights, read at 300 K 1 s after programming; {m.Plan.NetworkCopies} network copies on {r.Processor.Tiles} tiles, "
                + $"{m.Plan.InferencesPerSecond:0.##E+0} inferences/s (host-link bound); static power of every tile counted")
        {
            Splits = r.Splits,
            Seeds = [seed],
        };
    }
}
