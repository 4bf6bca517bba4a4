using PnnKit.Bench.Suite;

namespace PnnKit.Bench.Tests.Suite;

public sealed class SystemRowsTests
{
    [Fact]
    public void TheFullSuite_PlansTheSystemsRows_OnTheMnistSubset_AndTheTourDoesNot()
    {
        var (rows, _, _) = BenchSuite.Plan(new SuiteOptions { Quick = true, FashionMnist = false });
        Assert.Equal(["mnist-subset/accel", "mnist-subset/taichi", "mnist-subset/mythic"], rows.Where(r => SystemRows.Keys.Any(k => r == $"mnist-subset/{k}")));
        var (tour, _, _) = BenchSuite.Plan(new SuiteOptions { Tour = true });
        Assert.DoesNotContain(tour, r => SystemRows.Keys.Any(k => r.EndsWith("/" + k, StringComparison.Ordinal)));
        Assert.All(SystemRows.Keys, k => Assert.True(SystemRows.Describe.ContainsKey(k), k));
        Assert.Throws<ArgumentException>(() => SystemRows.Row("no-such-system", 1, quick: true));
    }

    [Fact]
    public void AVariant_KeepsTwoRowsOfOneSubstrateApart_InTheLabelAndTheRunStore()
    {
        var row = new SuiteRow("mnist-subset", "photonic", "m", 0.9, 0, null, null, null, 0.9, null, "no drift model", 1e-12, 1e-9, null, "t", 0, 10, null, null, null);
        var accel = row with { Variant = "ACCEL" };
        Assert.Equal("mnist-subset/photonic/", row.StoreKey);
        Assert.Equal("mnist-subset/photonic ACCEL/", accel.StoreKey);
        Assert.Equal("photonic ACCEL", accel.Label);
        Assert.Equal("mnist-subset/digital int8/", (row with { Substrate = "digital", Precision = "int8" }).StoreKey);
        Assert.Equal("mnist-subset/digital/", (row with { Substrate = "digital", Precision = "fp32" }).StoreKey);
        // Rows of different variants are different configurations: averaging them over seeds is refused.
        Assert.Throws<ArgumentException>(() => SuiteRow.Mean([row, accel], [1, 2]));
    }

    [Fact]
    public void TheSingleChipDnn_IsASuiteRowOnTheVowels_WithItsDigitalTaskOnTheSameSplit()
    {
        var (rows, tasks, _) = BenchSuite.Plan(new SuiteOptions { Quick = true, FashionMnist = false });
        Assert.Contains("vowels/photonic", rows);
        Assert.Contains("vowels", tasks);
        var (tourRows, tourTasks, _) = BenchSuite.Plan(new SuiteOptions { Tour = true });
        Assert.DoesNotContain("vowels", tourTasks);
        Assert.DoesNotContain("vowels/photonic", tourRows);

        var row = SingleChipRow.Row(1, quick: true);
        var task = SuiteTask.Vowels(SingleChipRow.Options(1, quick: true));
        // The digital MLP is trained and tested on the chip's own examples.
        Assert.Equal(row.Splits, task.Sizes);
        Assert.Equal(("vowels", "photonic", "photonic single-chip DNN"), (row.Task, row.Substrate, row.Label));
        Assert.Equal(208.0 / 240, row.DeployedAccuracy, 1e-9); // forward-only's quick chip: 86.67 % of 240 test vowels (91.67 % before the thermal-crosstalk layout model)
        Assert.Equal(227.0 / 240, row.IdealAccuracy, 1e-9);    // the same network by backprop on the error-free model
        Assert.Equal(485.7e-12, row.LatencySeconds!.Value, 0.1e-12);
        Assert.True(row.SystemEnergyJoules > 100 * row.CoreEnergyJoules, $"{row.CoreEnergyJoules} vs {row.SystemEnergyJoules}");
    }
}
