using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Reproductions;
using PnnKit.Memristive.Reproductions;

namespace PnnKit.Memristive.Tests.Reproductions;

/// <summary>The memristive reproductions through their contract: hand-built results print their tables, bad options are refused.</summary>
public class MemristorReproductionsTests
{
    private static readonly SplitSizes NoValidation = new(8000, 0, 2000);

    [Fact]
    public void Hybrid_Report_HasTheTable_ARowPerScope_AndTheDataLine()
    {
        var result = new MemristorHybridReproResult(new MemristorHybridOptions { Hidden = [64] },
            [new(HybridScope.LastLayer, 0.8855, 0.874, 0.882, 31, 800, 375, 1234, NoValidation), new(HybridScope.AllLayers, 0.8855, 0.874, 0.887, 31, 800, 375, 5678, NoValidation)]);
        var blocks = result.Report().Blocks;
        var table = Assert.IsType<ReportTable>(blocks[0]);
        Assert.StartsWith("Hybrid training (Yao et al. 2020): MLP 784-64-10 on the MNIST subset", table.Title, StringComparison.Ordinal);
        Assert.Equal(7, table.Columns.Count);
        Assert.Equal(["last layer", "all layers"], table.Rows.Select(r => r[0]));
        Assert.Equal("5678", table.Rows[1][6]);
        Assert.StartsWith("Data: ", Assert.IsType<ReportLine>(blocks[1]).Text, StringComparison.Ordinal);
        Assert.Equal([new Paper("Yao et al.", 2020, "Nature")], new MemristorHybridReproduction().Papers);
    }

    [Fact]
    public void Pulsed_Report_HasARowPerDeviceModel_AndJsonIsTheResult()
    {
        var measured = new MemristorPulsedResult(0.9, [new("constant step", 0.88, 0.0421, 12345, 0.3), new("soft bounds", 0.8, 0.03, 2345, 0.056)], 1000, NoValidation);
        var result = new MemristorPulsedReproResult(new MemristorPulsedOptions { Hidden = [], Epochs = 1 }, measured);
        var table = Assert.IsType<ReportTable>(result.Report().Blocks[0]);
        Assert.Contains("784-10 on the MNIST subset, 1000 training digits × 1 epochs; digital SGD 90.00 %", table.Title, StringComparison.Ordinal);
        Assert.Equal(["soft bounds", "80.00 %", "0.030", "2,345", "0.056"], table.Rows[1]);
        Assert.Same(measured, result.Json());
    }

    [Fact]
    public void Adc_Report_HasARowPerResolution_WithSystemOverCore()
    {
        var measured = new MemristorAdcSweepResult(0.9, [new(4, 0.85, 0.87, 1e-9, 1e-10, 2e-10, 3e-9, 1e-10, 4.5e-9, 0), new(8, 0.88, 0.89, 1e-9, 1e-10, 3.2e-9, 3e-9, 1e-10, 7.5e-9, 3)], 500, new(7200, 800, 500));
        var result = new MemristorAdcReproResult(new MemristorAdcSweepOptions { Hidden = [64] }, measured);
        var table = Assert.IsType<ReportTable>(Assert.Single(result.Report().Blocks));
        Assert.StartsWith("MLP 784-64-10 on PCM crossbars", table.Title, StringComparison.Ordinal);
        Assert.Equal(["8", "89.00 %", "88.00 %", "1.00 nJ", "100.00 pJ", "3.20 nJ", "3.00 nJ", "100.00 pJ", "7.50 nJ", "7.5", "3"], table.Rows[1]);
    }

    [Fact]
    public void Cnn_Report_HasBothTables_WithYao2020sRow_AndTheTermsLine()
    {
        var deployment = new Deployment(1000, Duration.FromYears(1));
        var hardware = new MemristorCnnHardware(1, 0.25, 0.9, 0.888, 3e-3, 2, 0.92, 0.898, 6, 5712, 103_357, 93, 1000, 4000,
            [new("transfer write-verify", CostCategory.Core, new Energy(1.22e-6), 1)], 5.6e-10, 5.4e-8, 5.67e-5, [new("C1 ADC", CostCategory.Converter, 2.5e-5, 1000, 1e-6)]);
        var result = new MemristorCnnReproResult(new MemristorCnnResult("mnist-subset", new(3000, 300, 500), 300, 0.94, 0.896, 8.56e-7, [hardware], deployment));
        var blocks = result.Report().Blocks;
        var accuracy = Assert.IsType<ReportTable>(blocks[0]);
        Assert.Equal(["1", "89.60 %", "88.80 %", "89.80 %"], accuracy.Rows[0]);
        Assert.Equal("Yao 2020", accuracy.Rows[^1][0]);
        var perImage = Assert.IsType<ReportTable>(blocks[1]);
        Assert.Equal("Hardware per configuration (energy and latency per test image)", perImage.Title);
        Assert.Equal("103,357 (93)", perImage.Rows[0][3]);
        Assert.Equal("Terms (C1 ×1, per image): ADC 50.00 nJ.", Assert.IsType<ReportLine>(blocks[^1]).Text);
    }

    [Fact]
    public void Cnn_Run_RefusesADatasetOtherThanTheTwoItTakes_BeforeTraining()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new MemristorCnnReproduction().Run(new ReproArgs(("dataset", "cifar")), new ReproContext(null)));
        Assert.Equal("Dataset", ex.ParamName);
    }
}
