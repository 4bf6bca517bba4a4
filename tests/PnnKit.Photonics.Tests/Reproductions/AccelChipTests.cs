using PnnKit.Photonics.Reproductions;

namespace PnnKit.Photonics.Tests.Reproductions;

public class AccelChipTests
{
    [Fact]
    public void TinyRun_LearnsMnist_AndTheAdcDesignComputesTheSameFunctionAtManyTimesTheChipEnergy()
    {
        var o = AccelOptions.Quick with { Datasets = ["mnist-subset"], TrainLimit = 400, TestLimit = 200, Epochs = 1 };
        var r = AccelChip.Run(o);
        var d = Assert.Single(r.Datasets);
        Assert.Equal(64, r.Grid);
        Assert.Equal(17.5e-6, r.Pitch, 1e-12);
        Assert.Equal(64 * 17.5e-6 * 17.5e-6 / 532e-9, r.Gap, 1e-9); // N·p²/λ = 36.8 mm
        Assert.Equal(1024, r.Photodiodes);
        Assert.Equal(new Core.Data.SplitSizes(400, 200, 200), d.Splits);
        // As measured today (seed 1): a single epoch of 400 digits. Well above chance, pinned within ±6 points.
        Assert.True(d.TestAccuracy > 0.4, $"test {d.TestAccuracy}");
        Assert.Equal(4, d.ShiftedTestAccuracy.Count);
        // The ADC design holds the EAC's own weights: 8-bit readings change the decision on few images.
        Assert.InRange(d.AdcPerPixelTestAccuracy, d.TestAccuracy - 0.03, d.TestAccuracy + 0.03);
        Assert.True(r.AdcPerPixel.ChipJoules > 30 * r.Accel.ChipJoules, $"{r.AdcPerPixel.ChipJoules} vs {r.Accel.ChipJoules}");
        Assert.True(r.Accel.SystemJoules > r.Accel.ChipJoules && r.Accel.ChipJoules > r.Accel.CoreJoules);
        Assert.Equal(4.6e15 * 72e-9 / 74.8e15, AccelResult.PublishedJoulesPerFrame, 1e-15);
        var report = new AccelReproResult(r, o).Report();
        Assert.Equal(3, report.Blocks.OfType<Core.Reproductions.ReportTable>().Count());
    }

    [Fact]
    public void BadOptions_AreRefused_NamingTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => AccelChip.Run(AccelOptions.Quick with { WeightLevels = 5 }));
        Assert.Contains("WeightLevels", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => AccelChip.Run(AccelOptions.Quick with { Gap = double.NaN }));
        Assert.Contains("Gap", e.Message, StringComparison.Ordinal);
    }
}
