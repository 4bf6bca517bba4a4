using System.Globalization;

namespace PnnKit.Cluster.Tests;

public sealed class SweepRunnerTests
{
    /// <summary>A pure evaluator: the item's number squared, and the spec echoed, so order and routing are visible.</summary>
    private sealed class Square : IWorkItemEvaluator
    {
        public string Kind => "square";

        public string Evaluate(string spec, string key)
        {
            long k = long.Parse(key, CultureInfo.InvariantCulture);
            return FormattableString.Invariant($"{spec}:{k * k}");
        }
    }

    /// <summary>Fails on one item, to show an evaluation error is not retried as a dead silo.</summary>
    private sealed class Failing : IWorkItemEvaluator
    {
        public string Kind => "failing";

        public string Evaluate(string spec, string key) => key == "3" ? throw new InvalidOperationException("item 3 is broken") : key;
    }

    private static Sweep Numbers(string kind, int n) => new(kind, "s", [.. Enumerable.Range(0, n).Select(i => i.ToString(CultureInfo.InvariantCulture))]);

    [Fact]
    public void InProcessSilo_ReturnsEveryResult_InItemOrder_EqualToTheLocalLoop()
    {
        var sweep = Numbers("square", 200);
        var progress = new List<SweepProgress>();
        var onSilo = SweepRunner.InProcess(sweep, [new Square()], p => { lock (progress) { progress.Add(p); } });
        Assert.Equal(SweepRunner.Local(sweep, new Square()), onSilo);
        var last = progress.MaxBy(p => p.Done)!;
        Assert.Equal(200, last.Done);
        Assert.Equal(200, last.Total);
        Assert.Equal(200, last.PerSilo.Values.Sum());
    }

    [Fact]
    public void AnItemThatThrows_FailsTheSweep_WithItsOwnError()
    {
        var e = Assert.Throws<InvalidOperationException>(() => SweepRunner.InProcess(Numbers("failing", 10), [new Failing()]));
        Assert.Contains("item 3 is broken", e.Message, StringComparison.Ordinal);
    }
}
