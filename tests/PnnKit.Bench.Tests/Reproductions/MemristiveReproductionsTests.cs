using PnnKit.Bench.Reproductions;
using PnnKit.Core.Data;
using PnnKit.Core.Reproductions;
using PnnKit.Methods;

namespace PnnKit.Bench.Tests.Reproductions;

/// <summary>sam and memristor-drift through their contract: hand-built results print their tables and lines.</summary>
public sealed class MemristiveReproductionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-memristive-repro-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Sam_Report_MarksPlainAndTheChosenRadius_AndJsonIsTheSweep()
    {
        var sweep = new SamSweepResult([new(0, 0.817, 0.6759, 0.60, 0.61, 0.6931), new(0.1, 0.8145, 0.6535, 0.59, 0.60, 0.6747)], 0, new SplitSizes(2000, 800, 2000));
        var result = new SamReproResult(new SamSweepOptions { Hidden = [32], Instances = 4 }, sweep);
        var blocks = result.Report().Blocks;
        var table = Assert.IsType<ReportTable>(blocks[0]);
        Assert.StartsWith("SAM vs plain training (Xu et al. 2026): MLP 784-32-10 on the MNIST subset, 4 PCM crossbar instances", table.Title, StringComparison.Ordinal);
        Assert.Equal(["0 (plain) (chosen)", "0.1"], table.Rows.Select(r => r[0]));
        Assert.StartsWith("ρ = 0 chosen", Assert.IsType<ReportLine>(blocks[1]).Text, StringComparison.Ordinal);
        Assert.Same(sweep, result.Json());
    }

    [Fact]
    public void Drift_Report_HasTheSoftwareRow_TheDayGaps_AndWritesThePlotItNames()
    {
        AgeStatistics At(double age, double mean) => new(age, mean, 0.01, mean - 0.01, mean - 0.02, [mean]);
        var sizes = new SplitSizes(8000, 0, 2000);
        MemristorDriftResult Run(string training, double day) =>
            new MemristorDriftResult(training, training == "hardware-aware", 0.849, 0.83, [At(1, 0.82), At(86_400, day)], 8.77e-10, 6.25e-9, []) { Splits = sizes };
        string png = Path.Combine(_dir, "drift.png");
        var result = new MemristorDriftReproResult(MemristorDriftOptions.Issue4 with { Hidden = [64], Epochs = 3, Instances = 3, Ages = [1, 86_400] },
            [Run("hardware-aware", 0.8118), Run("plain", 0.8077), Run("software-mapped", 0.8475)])
        { PlotFile = png };
        var blocks = result.Report().Blocks;
        var table = Assert.IsType<ReportTable>(blocks[0]);
        Assert.Equal(["training", "ideal read", "1 s mean / p5", "1 day mean / p5"], table.Columns);
        Assert.Equal(["software", "hardware-aware", "plain", "software-mapped"], table.Rows.Select(r => r[0]));
        var lines = blocks.OfType<ReportLine>().Select(l => l.Text).ToList();
        Assert.Contains("plain: mean at 1 day 4.13 points below the software baseline.", lines);
        Assert.Equal($"Plot written to {png}.", lines[^1]);
        Assert.Equal((byte)'P', File.ReadAllBytes(png)[1]);
    }
}
