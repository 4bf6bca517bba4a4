using PnnKit.Bench.Reproductions;
using PnnKit.Core.Data;
using PnnKit.Core.Reproductions;
using PnnKit.Photonics.InSitu;

namespace PnnKit.Bench.Tests.Reproductions;

public class FeedbackAlignmentTests
{
    [Fact]
    public void FeedbackAlignment_BadSettings_AreRefused_NamingThem()
    {
        Assert.Equal("Hidden", Assert.Throws<ArgumentOutOfRangeException>(() => FeedbackAlignmentMnist.Run(new FeedbackAlignmentOptions { Hidden = [0] })).ParamName);
        Assert.Equal("Epochs", Assert.Throws<ArgumentOutOfRangeException>(() => FeedbackAlignmentMnist.Run(new FeedbackAlignmentOptions { Instances = 0 })).ParamName);
    }

    [Fact]
    public void DfaReport_PrintsBothSubstrates_TheReadingsAndTheNoiseTable()
    {
        var mnist = new FeedbackAlignmentResult([128], 6000, 2000, 3, 0.89, 0.87, 0.88, 0.86, 2, new SplitSizes(6000, 0, 2000));
        var light = new FeedbackAlignmentPhotonicResult(new SplitSizes(400, 100, 500), "moons", 1.0, 1.0, 0.316, 0.928, 12_345, InSituOptions.Measured, []);
        var result = new DfaReproResult(mnist, light);
        var blocks = result.Report().Blocks;
        var tables = blocks.OfType<ReportTable>().ToList();
        Assert.Equal(3, tables.Count);
        Assert.StartsWith("Direct feedback alignment (Nøkland 2016): MLP 784-128-10", tables[0].Title, StringComparison.Ordinal);
        Assert.Equal(["digital (float32)", $"{0.89:P2}", $"{0.87:P2}", $"{-2.0:+0.00;-0.00} points"], tables[0].Rows[0]);
        Assert.Equal(4, tables[1].Rows.Count);
        Assert.Contains($"{12_345:N0} readings", tables[1].Rows[3][0], StringComparison.Ordinal);
        Assert.Equal("DFA in situ on the chip", tables[2].Columns[^1]);
        Assert.StartsWith("In-situ readings:", Assert.Single(blocks.OfType<ReportLine>()).Text, StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(new { Mnist = mnist, Photonic = light }), System.Text.Json.JsonSerializer.Serialize(result.Json()));
    }

    [Fact]
    public void DfaReproduction_IsRegistered_WithItsOptions()
    {
        var dfa = Assert.IsType<DfaReproduction>(ReproductionRegistry.Find("dfa"));
        Assert.Equal(["quick", "epochs", "instances", "seed"], dfa.Options.Select(o => o.Name));
        Assert.Equal("Nøkland 2016, NeurIPS", Assert.Single(dfa.Papers).ToString());
    }
}
