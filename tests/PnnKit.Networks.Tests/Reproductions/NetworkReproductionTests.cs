using PnnKit.Core.Reproductions;
using PnnKit.Networks.Reproductions;

namespace PnnKit.Networks.Tests.Reproductions;

/// <summary>The network reproductions through the contract <c>pnn repro</c> runs them by, reduced.</summary>
public class NetworkReproductionTests
{
    private static string Text(ReproReport report) => string.Join("\n", report.Blocks.Select(b => b switch
    {
        ReportLine l => (l.Lead is null ? "" : l.Lead + " ") + l.Text,
        ReportTable t => t.Title + "\n" + string.Join("\n", t.Rows.Select(r => string.Join(" | ", r))),
        _ => "",
    }));

    [Fact]
    public void DiodeXor_ReportsTheTruthTableAndTheMargins()
    {
        var result = new DiodeXorReproduction().Run(new ReproArgs(("epochs", "20")), new ReproContext(null));
        string text = Text(result.Report());
        Assert.Contains("learning XOR by in-situ gradients", text, StringComparison.Ordinal);
        Assert.Contains("after 20 steps", text, StringComparison.Ordinal);
        Assert.Contains("output margins", text, StringComparison.Ordinal);
        Assert.NotNull(result.Json());
    }

    [Fact]
    public void MechanicalRegression_ReportsTheTargetMapAndTheMse()
    {
        var result = new MechanicalRegressionReproduction().Run(new ReproArgs(("epochs", "20")), new ReproContext(null));
        string text = Text(result.Report());
        Assert.Contains("target map (µm/N, rows = outputs): [", text, StringComparison.Ordinal);
        Assert.Contains("training MSE", text, StringComparison.Ordinal);
        Assert.Contains("equilibria solved", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CoupledLearning_OneSeed_ReportsTheDamageTable()
    {
        var result = new CoupledLearningReproduction().Run(new ReproArgs(("seeds", "1"), ("epochs", "2")), new ReproContext(null));
        var report = result.Report();
        var tables = report.Blocks.OfType<ReportTable>().ToList();
        Assert.Equal(2, tables.Count);
        Assert.StartsWith("training-set margin loss and error during the damage phase", tables[0].Title, StringComparison.Ordinal);
        Assert.NotEmpty(tables[0].Rows);
        // The lab-effects table: both layouts, each with potentiometer edges (the default, first) and continuous ones.
        Assert.StartsWith("as built: edges of 128-tap digital potentiometers", tables[1].Title, StringComparison.Ordinal);
        Assert.Equal(4, tables[1].Rows.Count);
        Assert.Contains("test accuracy over seeds 1–1", Text(report), StringComparison.Ordinal);
    }
}
