using PnnKit.Bench.Reproductions;
using PnnKit.Bench.Suite;
using PnnKit.Core.Data;
using PnnKit.Core.Reproductions;
using PnnKit.Memristive.Processor;

namespace PnnKit.Bench.Tests.Reproductions;

public class MythicAmpTests
{
    // A tiny run: 1 epoch on 1,500 training digits, 300 test digits, both networks, fresh and a year at 328 K.
    private static readonly Lazy<MythicAmpResult> Tiny = new(() =>
    {
        var all = DataCatalog.LoadSplits<float>("mnist-subset", 0.1, 1);
        var data = new DataSplits<float>(all.Train.Subset([.. Enumerable.Range(0, 1500)]), all.Validation.Subset([.. Enumerable.Range(0, 200)]), all.Test);
        return MythicAmp.Run(new MythicAmpOptions { Epochs = 1, TestCount = 300, Ages = [1, 365 * 86_400], Data = data, ProgrammedCopies = 3 });
    });

    [Fact]
    public void Mythic_MapsBothNetworks_KeepsAccuracyNearDigital_OverAYear()
    {
        var r = Tiny.Value;
        Assert.Equal(2, r.Models.Count);
        foreach (var m in r.Models)
        {
            Assert.Equal(300, m.TestCount);
            Assert.InRange(m.Design, m.Digital - 0.03, m.Digital + 0.03);
            Assert.All(m.Ages, a => Assert.InRange(a.Compensated, m.Digital - 0.05, 1));
            Assert.Equal(0, m.Unverified);
            Assert.All(m.Ages, a => Assert.InRange(a.CommonModeCompensated, m.Digital - 0.05, 1));
            // Three chips programmed from the same weights: the first is the one read above; the others differ in their noise only.
            Assert.All(m.Ages, a => Assert.Equal(3, a.CompensatedCopies.Count));
            Assert.All(m.Ages, a => Assert.Equal(a.Compensated, a.CompensatedCopies[0]));
            Assert.All(m.Ages, a => Assert.All(a.CompensatedCopies, c => Assert.InRange(c, m.Digital - 0.05, 1)));
            Assert.True(m.CommonModeCoreJoules > m.CoreJoules);
        }
        var lenet = r.Models[1];
        Assert.InRange(lenet.Digital, 0.95, 1);
        // LeNet-5 (padded 5×5 conv1: 784 products, conv2: 100): conv layers replicated on spare tiles, one copy of the network.
        Assert.Equal([784L, 100, 1, 1, 1], lenet.Plan.Layers.Select(l => l.ReadsPerInference));
        Assert.Equal(76, lenet.Plan.TilesPerNetwork);
        Assert.True(lenet.Plan.Layers[0].Replicas > 50);
    }

    [Fact]
    public void Mythic_Figures_FollowFromThePlanAndTheLedger()
    {
        var r = Tiny.Value;
        var cfg = new AnalogMatrixProcessorConfig();
        Assert.Equal(cfg.PeakOpsPerSecond / 1e12, r.PeakTops, 9);
        Assert.InRange(r.PeakTops, 140, 155); // 76 · 2 · 1024² / 1.081 µs
        var mlp = r.Models[0];
        Assert.Equal((2, 38), (mlp.Plan.TilesPerNetwork, mlp.Plan.NetworkCopies));
        // 794 bytes per inference over a 2 GB/s link bound the MLP's throughput.
        Assert.Equal(2e9 / 794, mlp.Plan.InferencesPerSecond, 1e-6 * 2e9 / 794);
        Assert.Equal(2L * ((784 * 256) + (256 * 10)), mlp.Plan.OpsPerInference);
        Assert.Equal(cfg.StaticWatts / mlp.Plan.InferencesPerSecond, mlp.StaticJoules, 1e-15);
        Assert.Equal(mlp.CoreJoules + mlp.ConverterJoules + mlp.DigitalJoules + mlp.StaticJoules + mlp.HostLinkJoules, mlp.SystemJoules, 1e-3 * mlp.SystemJoules);
        // Pinned: core (flash arrays) ≈ 0.58 nJ, system ≈ 0.38 µJ per MLP inference (static power dominates a 2-tile network).
        Assert.InRange(mlp.CoreJoules, 0.4e-9, 0.8e-9);
        Assert.InRange(mlp.SystemJoules, 0.33e-6, 0.43e-6);
        Assert.True(mlp.TopsPerWattCore > 100 * mlp.TopsPerWattSystem);
        Assert.True(mlp.LeftOutJoules > 0.1 * mlp.SystemJoules);
    }

    [Fact]
    public void Mythic_Report_PutsPublishedBesidePnnKit()
    {
        var report = new MythicAmpReproResult(Tiny.Value).Report();
        var chip = report.Blocks.OfType<Core.Reproductions.ReportTable>().First();
        Assert.Equal(["quantity", "published (M1076)", "PnnKit model, peak", "PnnKit, MLP", "PnnKit, LeNet-5"], chip.Columns);
        Assert.Contains(chip.Rows, row => row[0] == "TOPS" && row[1].StartsWith("25", StringComparison.Ordinal) && !row[2].StartsWith("25", StringComparison.Ordinal));
    }

    [Fact]
    public void Mythic_RefusesATemperatureOutsideTheCellModel()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => MythicAmp.Run(new MythicAmpOptions { TemperatureKelvin = 450 }));
        Assert.Contains("[233, 398] K", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => MythicAmp.Run(new MythicAmpOptions { ProgrammedCopies = 0 }));
        Assert.Contains("ProgrammedCopies must be in [1, 100]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mythic_TemperatureOption_ChangesTheReadCurrents_TheTableAndTheJson()
    {
        // `pnn repro mythic --temperature K` through the reproduction's own option parser, coldest and hottest the cell model allows.
        MythicAmpResult Run(string kelvin) => ((MythicAmpReproResult)new MythicAmpReproduction().Run(
            new ReproArgs(("quick", null), ("epochs", "1"), ("instances", "1"), ("temperature", kelvin)), new ReproContext(null))).Result;
        var cold = Run("233");
        var hot = Run("398");
        Assert.Equal((233.0, 398.0), (cold.TemperatureKelvin, hot.TemperatureKelvin));
        Assert.Equal([1, 1], cold.Models.Select(m => m.Ages[0].CompensatedCopies.Count)); // --instances 1: the one chip
        Assert.Contains("read at 398 K", string.Join("\n", new MythicAmpReproResult(hot).Report().Blocks.OfType<ReportTable>().Select(t => t.Title)), StringComparison.Ordinal);
        // The same weights, programmed at 300 K, conduct less hot: phonon-limited mobility alone gives (398/233)^1.5 = 2.23×
        // less core energy; the falling threshold voltage and the verify targets move it to the 2.27× measured (pinned ±2 %).
        double ratio = cold.Models[0].CoreJoules / hot.Models[0].CoreJoules;
        Assert.Equal(2.27, ratio, 0.045);
        Assert.True(cold.Models[1].CoreJoules > hot.Models[1].CoreJoules);
    }

    [Fact]
    public void MythicRow_Quick_IsAFlashRowOfTheMemristiveClass()
    {
        var row = MythicRow.Row(1, quick: true);
        Assert.Equal(("mnist-subset", "flash", "memristive"), (row.Task, row.Substrate, row.SubstrateClass));
        Assert.InRange(row.DeployedAccuracy, 0.88, 1);
        Assert.InRange(row.AccuracyAfterOneDay!.Value, row.DeployedAccuracy - 0.02, 1);
        Assert.Equal(3, row.Instances); // three programmed chips
        Assert.InRange(row.InstanceWorst!.Value, row.DeployedAccuracy - 0.02, row.DeployedAccuracy);
        Assert.True(row.SystemEnergyJoules > 100 * row.CoreEnergyJoules);
        Assert.Equal((784L * 256) + 256 + (256 * 10) + 10, row.Parameters);
        Assert.Equal(2000, row.Splits!.Test);
    }
}
