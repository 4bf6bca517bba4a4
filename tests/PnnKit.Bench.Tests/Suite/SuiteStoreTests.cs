using Microsoft.Data.Sqlite;
using PnnKit.Bench.Runs;
using PnnKit.Bench.Suite;

namespace PnnKit.Bench.Tests.Suite;

public sealed class SuiteStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-suite-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static SuiteRow Row(string substrate, double deployed, double systemJoules) => new(
        "iris", substrate, "model", 0.97, 20, deployed, 0.8, 0.75, deployed, substrate == "memristive" ? deployed - 0.01 : null,
        substrate == "memristive" ? "global drift compensation" : "no drift model", 1e-12, systemJoules, substrate == "digital" ? 4e-10 : null,
        "training", substrate == "digital" ? 0 : 1234, 16,
        substrate == "digital" ? new StaticMetrics(524, 0, 0.38, 94) : null,
        substrate == "digital" ? null : new DigitalMatch(4, "int8", 0.94, 0.93, 2e-11, 7e-11),
        substrate == "digital" ? null : 7e-11 / systemJoules, "a note");

    private static SuiteResult Result(ulong seed, double deployed) => new(new SuiteOptions { Quick = true, Seed = seed },
        [Row("digital", 0.9667, 9.66e-10), Row("memristive", deployed, 4.7e-9)]);

    [Fact]
    public void SuiteJson_RoundTripsEveryRow_WithNullsForAbsentFigures()
    {
        var result = Result(1, 0.88);
        string path = SuiteStore.WriteJson(result, Path.Combine(_dir, "run"));
        Assert.Equal(Path.Combine(_dir, "run", "suite.json"), path);
        Assert.Equivalent(result.Rows, SuiteStore.ReadJson(path).Rows, strict: true);
        Assert.Empty(SuiteStore.ReadJson(path).Skipped);
        string text = File.ReadAllText(path);
        Assert.Contains("\"accuracy_after_one_day\": null", text, StringComparison.Ordinal);
        Assert.Contains("\"deployed_accuracy\": 0.88", text, StringComparison.Ordinal);
        Assert.Contains("\"substrate_class\": \"memristive\"", text, StringComparison.Ordinal);
        Assert.Contains("\"substrate_class\": \"digital\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SuiteJson_RecordsRowsSkippedForMissingData_WithHowToInstall()
    {
        var skip = SuiteSkip.FashionMnist("fashion-mnist: no IDX files in /nowhere");
        var result = Result(1, 0.88) with { Skipped = [skip] };
        string path = SuiteStore.WriteJson(result, Path.Combine(_dir, "skip"));
        var read = SuiteStore.ReadJson(path).Skipped.Single();
        Assert.Equal(skip.SkippedRows, read.SkippedRows);
        Assert.Equal(skip.Reason, read.Reason);
        Assert.Contains("\"skipped_rows\"", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal("skipped fashion-mnist/digital (fp32, fp16, int8), fashion-mnist/memristive: fashion-mnist is not installed; install it with apt-get install dataset-fashion-mnist (Debian), or pnn data fetch fashion-mnist --to DIR and set PNNKIT_DATA=DIR.", skip.Line);
    }

    [Fact]
    public void Figures_KeepTheFp16AndInt8DigitalRowsApart_AndRecordTheSpreadAndThePrecisionOfTheMatch()
    {
        var fp32 = Row("digital", 0.9667, 9.66e-10) with { Precision = "fp32", ValidationAccuracy = 0.95 };
        var int8 = fp32 with { Precision = "int8" };
        Assert.Contains(SuiteStore.Figures(fp32), f => f.Metric == "iris/digital/deployed_accuracy");
        Assert.Contains(SuiteStore.Figures(int8), f => f.Metric == "iris/digital int8/deployed_accuracy");
        Assert.Contains(SuiteStore.Figures(int8), f => f.Metric == "iris/digital int8/validation_accuracy" && f.Value == 0.95);
        var m = Row("memristive", 0.9, 4.7e-9) with { DeployedStd = 0.02, EfficiencyVsFp32 = 3 };
        var figures = SuiteStore.Figures(m).ToDictionary(f => f.Metric, f => f.Value);
        Assert.Equal(0.02, figures["iris/memristive/deployed_accuracy_std"]);
        Assert.Equal(8, figures["iris/memristive/equal_accuracy_digital_bits"]);
        Assert.Equal(3, figures["iris/memristive/efficiency_vs_digital_fp32"]);
    }

    [Fact]
    public void Mean_AveragesOneConfigurationOverSeeds_WithTheSampleStdOfTheDeployedAccuracy()
    {
        var a = Row("memristive", 0.90, 4e-9);
        var b = Row("memristive", 0.96, 6e-9) with { InstanceP5 = 0.9 };
        var m = SuiteRow.Mean([a, b], [3, 4]);
        Assert.Equal(0.93, m.DeployedAccuracy, 12);
        Assert.Equal(Math.Sqrt(2 * 0.03 * 0.03), m.DeployedStd!.Value, 12); // sample std of {0.90, 0.96}
        Assert.Equal(1, m.SystemEnergyJoules / 5e-9, 12);
        Assert.Equal(0.85, m.InstanceP5!.Value, 12);
        Assert.Equal([3UL, 4UL], m.Seeds);
        Assert.Null(SuiteRow.Mean([a], [7]).DeployedStd);
        Assert.Throws<ArgumentException>(() => SuiteRow.Mean([a, Row("digital", 0.9, 1e-9)], [1, 2]));
        Assert.Throws<ArgumentException>(() => SuiteRow.Mean([a], [1, 2]));
    }

    [Theory]
    [InlineData("digital", "digital")]
    [InlineData("photonic", "photonic")]
    [InlineData("memristive", "memristive")]
    [InlineData("flash", "memristive")]
    [InlineData("spintronic", "spintronic")]
    [InlineData("spring network", "mechanical")]
    [InlineData("resistor network", "analogue-electronic")]
    public void SubstrateClass_FollowsTheFieldsTaxonomy(string substrate, string substrateClass)
    {
        Assert.Equal(substrateClass, Row(substrate, 0.9, 1e-9).SubstrateClass);
        Assert.Contains(substrateClass, SubstrateClasses.All);
    }

    [Fact]
    public void SubstrateClass_OfAnUnknownSubstrate_IsRefusedNamingTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => SubstrateClasses.Of("wetware"));
        Assert.Contains("wetware", e.Message, StringComparison.Ordinal);
        Assert.Contains("spring network", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunStore_RoundTripsTheFigures_AndCompareShowsWhatChanged()
    {
        string db = Path.Combine(_dir, "pnnkit.db");
        var a = Result(1, 0.88);
        var b = Result(1, 0.91);
        using (var store = RunStore.Open(db))
        {
            SuiteStore.Record(store, SuiteStore.RunName(a.Options, "aaaaaaa1111"), "aaaaaaa1111", a);
            SuiteStore.Record(store, SuiteStore.RunName(b.Options, "bbbbbbb2222"), "bbbbbbb2222", b);
        }
        using var again = RunStore.Open(db);
        var rows = again.Rows();
        var first = rows.Where(r => r.Run == "suite-quick-aaaaaaa").ToList();
        // Only finite figures are stored: the digital row has no instance drift, no match and no ratio.
        Assert.Equal(a.Rows.Sum(r => SuiteStore.Figures(r).Count(f => double.IsFinite(f.Value))), first.Count);
        Assert.All(first, r => Assert.Equal(SuiteStore.ConfigHash(a.Options), r.ConfigHash));
        Assert.All(first, r => Assert.Equal(1, r.Seed));
        Assert.Equal(0.88, first.Single(r => r.Metric == "iris/memristive/deployed_accuracy").Value);
        Assert.Equal("J", first.Single(r => r.Metric == "iris/memristive/system_energy_per_inference").Unit);
        Assert.DoesNotContain(first, r => r.Metric == "iris/digital/accuracy_after_1_day");

        var cmp = again.Compare("aaaaaaa", "bbbbbbb"); // by commit prefix
        var deployed = cmp.Single(c => c.Metric == "iris/memristive/deployed_accuracy");
        Assert.Equal(0.03, deployed.Delta!.Value, 12);
        Assert.Equal(0, cmp.Single(c => c.Metric == "iris/digital/ideal_accuracy").Delta);
        Assert.Equal(cmp, again.Compare("suite-quick-aaaaaaa", "suite-quick-bbbbbbb")); // by run name
    }

    [Fact]
    public void ConfigHash_ChangesWithTheSettings_AndRunNameSaysWhichSuite()
    {
        Assert.Equal(SuiteStore.ConfigHash(new SuiteOptions { Seed = 2 }), SuiteStore.ConfigHash(new SuiteOptions { Seed = 2 }));
        Assert.NotEqual(SuiteStore.ConfigHash(new SuiteOptions { Seed = 2 }), SuiteStore.ConfigHash(new SuiteOptions { Seed = 3 }));
        Assert.NotEqual(SuiteStore.ConfigHash(new SuiteOptions()), SuiteStore.ConfigHash(new SuiteOptions { Quick = true }));
        Assert.Equal("suite-0123456", SuiteStore.RunName(new SuiteOptions(), "0123456789"));
        Assert.Equal("tour-unknown", SuiteStore.RunName(new SuiteOptions { Tour = true }, "unknown"));
    }
}
