using PnnKit.Bench.Perf;

namespace PnnKit.Bench.Tests.Perf;

public class MeshPerfItemTests
{
    [Fact]
    public void MeshItem_ReportsForwardAndGradientRatiosToTheGemm_WithCpuTimesOnOneThread()
    {
        var context = new PerfContext(new PerfOptions { Quick = true, WarmUp = 1, Repetitions = 1, Threads = [1], IncludePythonBaselines = false }, TextWriter.Null);
        var results = new MeshPerfItem(modes: 16, batch: 64).Run(context).ToList();
        Assert.Equal(2, results.Count);
        Assert.Contains("Clements N = 16 forward, batch 64", results[0].Name, StringComparison.Ordinal);
        Assert.Equal(results[0].Ratio <= MeshPerfItem.ForwardTarget, results[0].Pass);
        Assert.Equal(results[1].Ratio <= MeshPerfItem.GradientTarget, results[1].Pass);
        Assert.All(results, r =>
        {
            Assert.True(r.Value > 0 && double.IsFinite(r.Value!.Value));
            Assert.True(r.Ratio > 0 && double.IsFinite(r.Ratio!.Value));
            Assert.Contains("CPU time per call", r.Detail, StringComparison.Ordinal);
        });
    }
}
