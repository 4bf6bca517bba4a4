using PnnKit.Core.Data;
using PnnKit.Core.Reproductions;
using PnnKit.Dynamics.Reproductions;

namespace PnnKit.Dynamics.Tests;

public class WaveRnnReproductionTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    [Fact]
    public void Report_OfABaselineOnlyRun_SaysTheWaveRnnWasNotRun()
    {
        var folds = new[]
        {
            new WaveRnnFold(0, double.NaN, double.NaN, 0.9, 0.8, new SplitSizes(24, 0, 12)),
            new WaveRnnFold(1, double.NaN, double.NaN, 1.0, 0.6, new SplitSizes(24, 0, 12)),
        };
        var result = new WaveRnnReproResult(new WaveRnnVowelsResult(36, 32, 240, 400, 10, 380, folds, 1e-9));
        var report = result.Report();
        var table = Assert.Single(report.Blocks.OfType<ReportTable>());
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal("— / —", table.Rows[0][1]);
        Assert.Equal("not run (--baseline-only)", table.Rows[2][1]);
        Assert.Equal($"{0.7:P1} ± {Math.Sqrt(0.02):P1}", table.Rows[2][2]);
        Assert.Equal($"Source DAC + probe ADC energy per utterance: {1.0:F2} nJ (transducers' acoustic power not modelled).", Assert.Single(report.Blocks.OfType<ReportLine>()).Text);
        string json = System.Text.Json.JsonSerializer.Serialize(result.Json(), Json);
        Assert.StartsWith("{\"Utterances\":36,\"Grid\":32,\"Steps\":240,\"DesignCells\":400,\"RnnHidden\":10,\"RnnParameters\":380,\"WaveTestMean\":\"NaN\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void QuickReproduction_PrintsEveryDeviceEffectWithAndWithout_WithPinnedFigures()
    {
        var result = (WaveRnnReproResult)new WaveRnnReproduction().Run(new ReproArgs(("quick", null)), new ReproContext(null));
        var report = result.Report();
        var effects = report.Blocks.OfType<ReportTable>().Single(t => t.Title.StartsWith("Device effects", StringComparison.Ordinal));
        foreach (var row in effects.Rows)
        {
            output.WriteLine(string.Join(" | ", row));
        }
        Assert.Equal("all effects on: intensity-dependent speed K = -0.1, gliding formants, noise at 20 dB SNR, PML boundary", effects.Rows[0][0]);
        Assert.Equal(["linear medium (K = 0)", "stationary formants", "no noise", "damping layer instead of the PML"], result.Without.Select(v => v.Label));
        // Measured (wave RNN / digital RNN held-out mean): all on 69.4 / 61.1 %, linear 72.2 / 61.1 %, stationary formants
        // 63.9 / 63.9 %, no noise 69.4 / 58.3 %, damping layer 69.4 / 61.1 %. Before the PML, glide and noise: Kerr 69.4 / 63.9 %,
        // linear 72.2 / 63.9 %. At 12 held-out utterances per fold one utterance is 2.8 points: the quick grid barely resolves
        // the effects.
        (string Label, double Wave, double Rnn)[] pinned =
        [
            ("all", 0.694, 0.611), ("linear medium (K = 0)", 0.722, 0.611), ("stationary formants", 0.639, 0.639), ("no noise", 0.694, 0.583),
            ("damping layer instead of the PML", 0.694, 0.611),
        ];
        foreach (var (label, wave, rnn) in pinned)
        {
            var r = label == "all" ? result.Result : result.Without.Single(v => v.Label == label).Result;
            Assert.InRange(r.WaveTest.Mean, wave - 0.01, wave + 0.01);
            Assert.InRange(r.RnnTest.Mean, rnn - 0.01, rnn + 0.01);
        }
        string json = System.Text.Json.JsonSerializer.Serialize(result.Json(), Json);
        Assert.Contains("\"Label\":\"stationary formants\"", json, StringComparison.Ordinal);
        // The digital RNN of equal parameter count beside it: the paired per-fold gap and whether it is within 2 SE (measured +8.3 ± 12.7 points).
        var (gap, se) = result.Result.Gap;
        output.WriteLine($"wave − digital {gap:P1} ± {se:P1}");
        Assert.Equal(result.Result.WaveTest.Mean - result.Result.RnnTest.Mean, gap, tolerance: 1e-12);
        Assert.True(result.Result.RnnParameters <= result.Result.DesignCells);
        var line = report.Blocks.OfType<ReportLine>().Single(l => l.Text.StartsWith("Equal parameter count", StringComparison.Ordinal)).Text;
        output.WriteLine(line);
        Assert.Contains(Math.Abs(gap) <= 2 * se ? "no difference resolved (within two standard errors)" : "is ahead", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Reproduction_DeclaresItsOptions_AndCitesHughes()
    {
        var wave = new WaveRnnReproduction();
        Assert.Equal("wave-rnn", wave.Name);
        Assert.Equal(["quick", "epochs", "seed", "baseline-only", "boundary"], wave.Options.Select(o => o.Name));
        var bad = Assert.Throws<ArgumentException>(() => wave.Run(new ReproArgs(("quick", null), ("boundary", "open")), new ReproContext(null)));
        Assert.Contains("--boundary takes pml or damping, got 'open'", bad.Message, StringComparison.Ordinal);
        Assert.True(wave.Options.Single(o => o.Name == "baseline-only").IsFlag);
        Assert.Equal("Hughes et al. 2019, Science Advances", Assert.Single(wave.Papers).ToString());
    }
}
