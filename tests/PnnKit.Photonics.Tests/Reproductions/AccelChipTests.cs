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
        // The core holds the light on the array (1 mW over the frame), which the chip figure leaves out; the chip holds the EAC's lines and switches.
        double light = r.Accel.Terms.Single(t => t.Component == Accel.AccelCostModel.LightOnArray).EnergyJoules;
        Assert.Equal(1e-3 * r.Accel.LatencySeconds, light, 1e-18);
        Assert.True(r.Accel.SystemJoules > r.Accel.ChipJoules + light && r.Accel.ChipJoules > r.Accel.CoreJoules - light);
        Assert.Equal(4.6e15 * 72e-9 / 74.8e15, AccelResult.PublishedJoulesPerFrame, 1e-15);
        var report = new AccelReproResult(r, o).Report();
        Assert.Equal(4, report.Blocks.OfType<Core.Reproductions.ReportTable>().Count());
        // Shot and kT/C noise on: at the operating point (full swing, ≈ 7·10⁶ electrons per line) they change few decisions;
        // with the frame held to 72 ns the lines collect 4.9·10⁵ electrons at 1 mW, 4.9·10³ at 10 µW, where a class-score difference of a few per cent sinks under the 1,348 rms of kT/C noise.
        Assert.InRange(d.TestAccuracy, d.NoiseFreeTestAccuracy - 0.02, d.NoiseFreeTestAccuracy + 0.02);
        Assert.Equal([1e-3, 1e-4, 1e-5, 1e-6, 1e-7], d.LowLight.Select(l => l.ArrayWatts));
        Assert.Equal(4.88e5, d.LowLight[0].LineElectrons, 0.01e5);
        Assert.Equal(1348.0, d.LowLight[0].ResetNoiseElectrons, 1.0);
        Assert.InRange(d.LowLight[0].TestAccuracy, d.NoiseFreeTestAccuracy - 0.02, d.NoiseFreeTestAccuracy + 0.02);
        Assert.True(d.LowLight[2].TestAccuracy < d.NoiseFreeTestAccuracy - 0.15, $"10 µW: {d.LowLight[2].TestAccuracy} vs {d.NoiseFreeTestAccuracy}");
        Assert.InRange(d.LowLight[4].TestAccuracy, 0, 0.2); // 49 electrons under 1,348 of reset noise: chance
    }

    [Fact]
    public void Sweep_ChoosesLearningRateAndScoreScaleOnEachDataSetsValidation()
    {
        var o = AccelOptions.Quick with { Datasets = ["mnist-subset"], TrainLimit = 300, TestLimit = 100, Epochs = 1, Sweep = true };
        var r = AccelChip.Run(o);
        var d = Assert.Single(r.Datasets);
        Assert.Equal(AccelOptions.SweepLearningRates.Count * AccelOptions.SweepScoreScales.Count, d.Sweep.Count);
        var best = d.Sweep.MaxBy(p => p.ValidationAccuracy)!;
        Assert.Equal((best.LearningRate, best.ScoreScale), (d.LearningRate, d.ScoreScale));
        Assert.Equal(best.ValidationAccuracy, d.ValidationAccuracy);
        Assert.True(d.Sweep.Select(p => p.ValidationAccuracy).Distinct().Count() > 1, "the grid changes the validation accuracy");
        Assert.Contains(new AccelReproResult(r, o).Report().Blocks.OfType<Core.Reproductions.ReportTable>(), t => t.Title.StartsWith("--sweep on mnist-subset", StringComparison.Ordinal));
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
