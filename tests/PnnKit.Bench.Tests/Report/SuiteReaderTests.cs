using System.Text.Json;
using PnnKit.Bench.Plots;
using PnnKit.Bench.Report;
using PnnKit.Core.Data;

namespace PnnKit.Bench.Tests.Report;

public sealed class SuiteReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-suite-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static SuiteFigures Row(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return SuiteReader.Row(doc.RootElement);
    }

    [Fact]
    public void SnakeCase_CamelCase_AndNested_ReadTheSameFigures()
    {
        var snake = Row("""{"task":"iris","substrate":"memristive","ideal_accuracy":0.93,"mean_accuracy":0.9,"p5_accuracy":0.85,"accuracy_1_day":0.88,"core_energy_joules":2e-10,"system_energy_joules":3e-9,"latency_seconds":4e-7,"method":"hardware-aware","physical_queries":12,"parameters":131}""");
        var camel = Row("""{"Task":"iris","Substrate":"memristive","IdealAccuracy":0.93,"MeanAccuracy":0.9,"P5Accuracy":0.85,"AccuracyAt1Day":0.88,"CoreEnergyJ":2e-10,"SystemEnergyJ":3e-9,"LatencyS":4e-7,"Method":"hardware-aware","Queries":12,"Parameters":131}""");
        var nested = Row("""{"task":"iris","substrate":"memristive","accuracy":{"ideal":93,"mean":90,"p5":85,"day1":88},"energy":{"core":2e-10,"system":3e-9},"latency":4e-7,"method":"hardware-aware","queries":12,"parameters":131}""");
        var expected = new SuiteFigures("iris", "memristive", 0.93, 0.9, 0.85, 0.88, 2e-10, 3e-9, 4e-7, "hardware-aware", 12, 131);
        Assert.Equal(expected, snake);
        Assert.Equal(expected, camel);
        Assert.Equal(expected, nested with { IdealAccuracy = Math.Round(nested.IdealAccuracy!.Value, 12), MeanAccuracy = Math.Round(nested.MeanAccuracy!.Value, 12), P5Accuracy = Math.Round(nested.P5Accuracy!.Value, 12), AccuracyAt1Day = Math.Round(nested.AccuracyAt1Day!.Value, 12) });
    }

    [Fact]
    public void MissingFigures_AreNull_AndDeployedAccuracyFallsBack()
    {
        var r = Row("""{"task":"iris","substrate":"photonic","ideal_accuracy":0.9,"mean_accuracy":0.8}""");
        Assert.Null(r.AccuracyAt1Day);
        Assert.Null(r.SystemJoules);
        Assert.Null(r.Queries);
        Assert.Equal(0.8, r.DeployedAccuracy);
        Assert.Equal(0.9, Row("""{"task":"iris","substrate":"x","ideal_accuracy":0.9}""").DeployedAccuracy);
    }

    [Fact]
    public void File_IsAnArray_OrAnObjectHoldingOne_AndAnythingElseIsRefusedNamingTheFile()
    {
        string a = Path.Combine(_dir, "a.json");
        File.WriteAllText(a, """[{"task":"iris","substrate":"digital"},{"task":"mnist","substrate":"digital"}]""");
        Assert.Equal(["iris", "mnist"], SuiteReader.Read(a).Select(r => r.Task));
        string b = Path.Combine(_dir, "b.json");
        File.WriteAllText(b, """{"commit":"abc","rows":[{"task":"iris","substrate":"digital"}]}""");
        Assert.Single(SuiteReader.Read(b));
        string c = Path.Combine(_dir, "c.json");
        File.WriteAllText(c, """{"rows": 3}""");
        Assert.Contains(c, Assert.Throws<DataFormatException>(() => SuiteReader.Read(c)).Message, StringComparison.Ordinal);
        File.WriteAllText(c, "{ not json");
        Assert.Contains(c, Assert.Throws<DataFormatException>(() => SuiteReader.Read(c)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParetoFront_KeepsExactlyTheUndominatedPoints_ByEnergy()
    {
        // (J, accuracy): 1 beats 3 on both; 0, 1, 2 trade energy for accuracy; 4 ties 2 on energy but is worse.
        var points = new[] { (1e-9, 0.80), (1e-8, 0.90), (1e-7, 0.95), (2e-8, 0.85), (1e-7, 0.93) };
        Assert.Equal([0, 1, 2], ParetoFront.Front(points));
        Assert.Equal([0], ParetoFront.Front([(1.0, 0.5)]));
        Assert.Empty(ParetoFront.Front([]));
    }

    [Fact]
    public void Reader_RefusesADirectoryWithNothingToReport_NamingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => ReportReader.Read(_dir));
        Assert.Contains(_dir, e.Message, StringComparison.Ordinal);
        Assert.Contains("suite.json", e.Message, StringComparison.Ordinal);
    }
}

public sealed class BenchSuiteRowFormatTests
{
    /// <summary>A row exactly as `pnn bench suite` writes it (SuiteRow, snake_case, nulls kept, nested metrics).</summary>
    private const string BenchSuiteRow = """
        {"task":"iris","substrate":"memristive","model":"MLP 4-16-3 on PCM crossbars","ideal_accuracy":0.9667,"instances":20,
         "instance_mean":0.95,"instance_p5":0.9,"instance_worst":0.8667,"deployed_accuracy":0.95,"accuracy_after_one_day":0.94,
         "drift_policy":"global","core_energy_joules":1.2e-11,"system_energy_joules":9.5e-11,"latency_seconds":5.2e-7,
         "training_method":"hardware-aware (noise injection)","physical_queries":0,"parameters":131,
         "static":{"footprint_bytes":524,"connection_sparsity":0,"activation_sparsity":0.4,"effective_macs_per_sample":112},
         "digital_match":{"hidden":4,"accuracy":0.95,"core_energy_joules":3e-10,"system_energy_joules":2.1e-9},
         "efficiency_vs_digital":22.1,"note":""}
        """;

    [Fact]
    public void BenchSuiteRow_ReadsEveryFigure_NotTheNestedDigitalMatchOnes()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(BenchSuiteRow);
        var r = PnnKit.Bench.Report.SuiteReader.Row(doc.RootElement);
        Assert.Equal(new PnnKit.Bench.Report.SuiteFigures("iris", "memristive", 0.9667, 0.95, 0.9, 0.94, 1.2e-11, 9.5e-11, 5.2e-7, "hardware-aware (noise injection)", 0, 131)
        {
            Model = "MLP 4-16-3 on PCM crossbars",
            ReportedDeployedAccuracy = 0.95,
            EfficiencyVsDigital = 22.1,
        }, r);
        Assert.Equal(0.95, r.DeployedAccuracy);
    }
}
