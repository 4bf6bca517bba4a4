using PnnKit.Bench.Reproductions;
using PnnKit.Core.Data;
using PnnKit.Core.Reproductions;

namespace PnnKit.Bench.Tests.Reproductions;

public class SpsaCrossbarTests
{
    [Fact]
    public void SpsaCrossbar_BadSettings_AreRefused_NamingThem()
    {
        Assert.Equal("Steps", Assert.Throws<ArgumentOutOfRangeException>(() => SpsaCrossbar.Run(new SpsaCrossbarOptions { Steps = 0 })).ParamName);
        Assert.Equal("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => SpsaCrossbar.Run(new SpsaCrossbarOptions { Perturbation = -1 })).ParamName);
    }

    [Fact]
    public void Report_HasTheThreeTrainings_AndTheQueryLine()
    {
        var result = new SpsaCrossbarReproResult(new SpsaCrossbarOptions(),
            new SpsaCrossbarResult(50, 10, 500, 2000, 500, 1500, 0.8, 0.7, 0.75, 0.09, 200, 100_000, 300_000, 3000, new SplitSizes(2000, 0, 500)));
        var blocks = result.Report().Blocks;
        var table = Assert.IsType<ReportTable>(blocks[0]);
        Assert.StartsWith("SPSA on a fabricated PCM crossbar (10 × 50 weights", table.Title, StringComparison.Ordinal);
        Assert.Equal(["backprop on the ideal crossbar model", "backprop, programmed onto the chip", "SPSA on the chip (1,500 steps, from 9.0 %)"], table.Rows.Select(r => r[0]));
        Assert.Equal("SPSA training read 300,000 examples and programmed each device 3,000 times.", Assert.IsType<ReportLine>(blocks[1]).Text);
        Assert.Same(result.Result, result.Json());
    }
}
