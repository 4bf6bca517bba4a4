using System.Text.Json;

namespace PnnKit.Cli.Tests;

public sealed class ReproDfaTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-repro-dfa-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Dfa_Quick_StaysWithinThreePointsOfBackprop_DigitalAndOnCrossbars()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "dfa", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement.GetProperty("mnist");
        double bp = r.GetProperty("digital_backprop").GetDouble(), dfa = r.GetProperty("digital_dfa").GetDouble();
        double xbp = r.GetProperty("crossbar_backprop").GetDouble(), xdfa = r.GetProperty("crossbar_dfa").GetDouble();
        // Reduced run (6,000 digits, 3 epochs, 784-128-10): both learners far above chance (10 %), DFA within the 3 points.
        Assert.True(bp > 0.85 && xbp > 0.85, $"backprop: digital {bp:P2}, crossbar {xbp:P2}");
        Assert.True(dfa >= bp - 0.03, $"digital DFA {dfa:P2} vs backprop {bp:P2}");
        Assert.True(xdfa >= xbp - 0.03, $"crossbar DFA {xdfa:P2} vs backprop {xbp:P2}");

        // On light (reduced: 1,000 moons, 60 epochs): DFA trains the meshes in silico within 3 points of backprop,
        // and DFA in situ recovers the fabricated chip from far below.
        var light = doc.RootElement.GetProperty("photonic");
        double lbp = light.GetProperty("backprop").GetDouble(), ldfa = light.GetProperty("dfa").GetDouble();
        double before = light.GetProperty("chip_before_training").GetDouble(), after = light.GetProperty("chip_dfa_in_situ").GetDouble();
        Assert.True(lbp > 0.9 && ldfa >= lbp - 0.03, $"photonic: backprop {lbp:P2}, DFA {ldfa:P2}");
        Assert.True(after > 0.9 && after > before + 0.2, $"chip: {before:P2} → {after:P2} by DFA in situ");
        Assert.True(light.GetProperty("readings").GetInt64() > 0);
        // The figures the quick run prints (seed 1), ±3 points; DFA in situ with measured readings (8-bit ADCs, power-limited adjoint).
        Assert.Equal(1.000, lbp, 0.03);
        Assert.Equal(1.000, ldfa, 0.03);
        Assert.Equal(0.316, before, 0.03);
        Assert.Equal(0.928, after, 0.03);
        SplitsJson.AssertSizes(light, 400, 100, 500);
        Assert.Equal(8, light.GetProperty("in_situ_readings").GetProperty("adc_bits").GetInt32());
        // The detector-noise table: noise-free, physical, 10× and 100× thermal.
        var levels = light.GetProperty("detector_noise_sweep").EnumerateArray().ToList();
        Assert.Equal([0.0, 1.0, 10.0, 100.0], levels.Select(l => l.GetProperty("level").GetDouble()));
        double[] pinned = [0.942, 0.928, 0.942, 0.856];
        for (int l = 0; l < levels.Count; l++)
        {
            Assert.Equal(pinned[l], levels[l].GetProperty("accuracy").GetDouble(), 0.03);
        }
    }

    [Fact]
    public void Dfa_WithZeroEpochs_ExitsTwo()
    {
        var (code, _, err) = Pnn.Run(_dir, "repro", "dfa", "--epochs", "0");
        Assert.Equal(2, code);
        Assert.Contains("epochs", err, StringComparison.Ordinal);
    }
}
