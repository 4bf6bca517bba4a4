using PnnKit.Core.Data;
using PnnKit.Core.Reproductions;
using PnnKit.Dynamics.Reproductions;

namespace PnnKit.Dynamics.Tests;

public class WaveRnnReproductionTests
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
    public void Reproduction_DeclaresItsOptions_AndCitesHughes()
    {
        var wave = new WaveRnnReproduction();
        Assert.Equal("wave-rnn", wave.Name);
        Assert.Equal(["quick", "epochs", "seed", "baseline-only"], wave.Options.Select(o => o.Name));
        Assert.True(wave.Options.Single(o => o.Name == "baseline-only").IsFlag);
        Assert.Equal("Hughes et al. 2019, Science Advances", Assert.Single(wave.Papers).ToString());
    }
}
