using PnnKit.Bench.Perf;

namespace PnnKit.Bench.Tests.Perf;

public class MemristivePerfItemTests
{
    private static PerfContext Context() => new(new PerfOptions { Threads = [1], WarmUp = 1, Repetitions = 1 }, TextWriter.Null);

    [Fact]
    public void AnalogMvm_ReportsTheRatioToAGemmOfTheSameSize_PerThreadCount()
    {
        var r = Assert.Single(new AnalogMvmPerfItem(16, 8).Run(Context()));
        Assert.Contains("16×16, batch 8", r.Name, StringComparison.Ordinal);
        Assert.Equal("analog min time / float32 GEMM min time", r.Comparison);
        Assert.True(r.Ratio > 0);
        Assert.Equal(r.Ratio <= AnalogMvmPerfItem.Target, r.Pass);
    }

    [Fact]
    public void IrDrop_ReportsFactorizationAndTimePerSolve()
    {
        var results = new IrDropPerfItem(4, 3).Run(Context()).ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal("ms per solve", results[1].Unit);
        Assert.Contains("48 nodes", results[1].Name, StringComparison.Ordinal); // 2 nodes per cell, 4 rows × 6 physical columns
        Assert.All(results, r => Assert.True(r.Value > 0));
    }
}
