using PnnKit.Bench.Suite;

namespace PnnKit.Bench.Tests.Suite;

public class AccelRowTests
{
    [Fact]
    public void QuickRow_IsAPhotonicMnistSubsetRow_WithItsMeasuredFigures()
    {
        var row = AccelRow.Row(1, quick: true);
        Assert.Equal("mnist-subset", row.Task);
        Assert.Equal("photonic", row.Substrate);
        Assert.Equal("photonic", row.SubstrateClass);
        Assert.Equal(new Core.Data.SplitSizes(2000, 500, 500), row.Splits);
        Assert.Equal(4, row.Instances);
        // As measured today (seed 1, quick): pinned within ±3 points (500 test digits, 0.2 points each).
        Assert.Equal(IdealToday, row.IdealAccuracy, 0.03);
        Assert.Equal(DeployedToday, row.DeployedAccuracy, 0.03);
        Assert.True(row.InstanceWorst <= row.InstanceMean && row.InstanceMean <= row.IdealAccuracy + 0.02);
        // Core: the EAC's lines and switches, 40.55 + 66.36 pJ (AccelCostModel's hand check), and the light on the array,
        // 1 mW over the 836.6 ns frame; system: the bench laser dominates.
        Assert.Equal(106.9e-12 + 836.6e-12, row.CoreEnergyJoules, 0.2e-12);
        Assert.True(row.SystemEnergyJoules > 1000 * row.CoreEnergyJoules);
        Assert.Equal(836.6e-9, row.LatencySeconds!.Value, 0.1e-9);
        Assert.Equal((64L * 64) + (1024 * 10), row.Parameters);
        Assert.Equal(0, row.PhysicalQueries);
    }

    private const double IdealToday = 0.870;
    private const double DeployedToday = 0.8105;
}
