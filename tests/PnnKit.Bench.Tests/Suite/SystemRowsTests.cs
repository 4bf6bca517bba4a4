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
}
