using System.Text.Json;
using PnnKit.Bench.Perf;

namespace PnnKit.Bench.Tests.Perf;

public class PerfSuiteTests
{
    /// <summary>A stand-in item: fixed figures, no timing.</summary>
    private sealed class FixedItem(params PerfResult[] results) : IPerfItem
    {
        public string Name => "fixed";

        public IEnumerable<PerfResult> Run(PerfContext context) => results;
    }

    private static readonly PerfResult s_judged = new("GEMM", 200, "GFLOP/s", "fraction of peak", 0.8, "≥ 0.70", true, "min 1 ms");
    private static readonly PerfResult s_failed = new("NumPy", 250, "GFLOP/s", "time ratio", 1.5, "≤ 1.3", false);
    private static readonly PerfResult s_skipped = PerfResult.Skipped("skipped one", "GFLOP/s", "not installed (apt-get install it)");

    [Fact]
    public void Run_CollectsItemResultsInOrder_AndLogsProgress()
    {
        var log = new StringWriter();
        var report = PerfSuite.Run(new PerfOptions(), log, [new FixedItem(s_judged), new FixedItem(s_skipped)]);
        Assert.Equal([s_judged, s_skipped], report.Results);
        Assert.Contains("perf: fixed", log.ToString(), StringComparison.Ordinal);
        Assert.Contains(report.Notes, n => n.StartsWith("load average", StringComparison.Ordinal));
        Assert.True(report.AllPassed);
    }

    [Fact]
    public void AllPassed_IsFalse_WhenAJudgedFigureFails()
    {
        var report = new PerfReport([s_judged, s_failed, s_skipped], []);
        Assert.False(report.AllPassed);
    }

    [Fact]
    public void WriteTable_ShowsValuesRatiosVerdictsAndSkips()
    {
        var report = new PerfReport([s_judged, s_failed, s_skipped], ["a note"]);
        var text = new StringWriter();
        report.WriteTable(text);
        string table = text.ToString();
        Assert.Contains("200.0 GFLOP/s", table, StringComparison.Ordinal);
        Assert.Contains("0.80", table, StringComparison.Ordinal);
        Assert.Contains("FAIL", table, StringComparison.Ordinal);
        Assert.Contains("skipped", table, StringComparison.Ordinal);
        Assert.Contains("note: a note", table, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_ListsEveryFigureWithItsFields()
    {
        var report = new PerfReport([s_judged, s_skipped], ["a note"]);
        using var doc = JsonDocument.Parse(report.ToJson());
        var results = doc.RootElement.GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        var first = results[0];
        Assert.Equal("GEMM", first.GetProperty("name").GetString());
        Assert.Equal(200, first.GetProperty("value").GetDouble());
        Assert.Equal(0.8, first.GetProperty("ratio").GetDouble());
        Assert.True(first.GetProperty("pass").GetBoolean());
        Assert.False(results[1].TryGetProperty("value", out _));
        Assert.Equal("skipped", results[1].GetProperty("status").GetString());
        Assert.Equal("not installed (apt-get install it)", results[1].GetProperty("reason").GetString());
        Assert.Equal("a note", doc.RootElement.GetProperty("notes")[0].GetString());
    }

    [Fact]
    public void Measure_ReportsMinNoGreaterThanMedian()
    {
        int calls = 0;
        var t = Timing.Measure(() => calls++, warmUp: 1, repetitions: 3, minSample: TimeSpan.Zero);
        Assert.Equal(3, t.Samples);
        Assert.True(t.Min <= t.Median);
        Assert.Equal(1 + (3 * t.OpsPerSample), calls);
        if (OperatingSystem.IsLinux())
        {
            Assert.NotNull(t.ThreadCpuMin); // CLOCK_THREAD_CPUTIME_ID
        }
    }

    [Fact]
    public void PythonBaseline_MissingInterpreter_IsReportedNotThrown()
    {
        var run = PythonBaseline.Run("numpy_gemm.py", ["--n", "8"], 1, new PerfOptions { Python = "/nonexistent/python3" });
        Assert.False(run.Ok);
        Assert.Contains("cannot start", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void PythonBaseline_UnknownScript_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => PythonBaseline.Run("nope.py", [], 1, new PerfOptions()));
    }
}
