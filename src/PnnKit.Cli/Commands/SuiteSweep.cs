using PnnKit.Bench.Suite;
using PnnKit.Cluster;

namespace PnnKit.Cli.Commands;

/// <summary>The benchmark suite's work items (<see cref="BenchSuite.EvaluateItem"/>) on a silo.</summary>
internal sealed class SuiteSweep : IWorkItemEvaluator
{
    public const string KindName = "suite";

    public string Kind => KindName;

    public string Evaluate(string spec, string key) => BenchSuite.EvaluateItem(spec, key);
}
