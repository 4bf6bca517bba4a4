using PnnKit.Bench.Perf;

namespace PnnKit.Bench.Tests;

public class MlpEpochPerfItemTests
{
    [Fact]
    public void MlpEpochItem_ReportsOneEpochTimePerThreadCount_WithoutPython()
    {
        var context = new PerfContext(new PerfOptions { Quick = true, WarmUp = 0, Repetitions = 1, Threads = [1, 2], IncludePythonBaselines = false }, TextWriter.Null);
        var results = new MlpEpochPerfItem(samples: 256, batch: 64).Run(context).ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal("ms", r.Unit);
            Assert.True(r.Value > 0 && double.IsFinite(r.Value!.Value));
            Assert.Null(r.Pass);
        });
        Assert.Contains("1 thread", results[0].Name, StringComparison.Ordinal);
    }
}
