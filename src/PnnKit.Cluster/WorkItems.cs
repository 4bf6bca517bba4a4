namespace PnnKit.Cluster;

/// <summary>
/// A sweep: every work item of one study (one robustness instance × age × policy, one suite row), sent to
/// whichever silo is free. <paramref name="Spec"/> says what the study is (JSON the evaluator of
/// <paramref name="Kind"/> reads); each item's result depends on <paramref name="Spec"/> and its key only.
/// </summary>
/// <param name="Kind">The evaluator that runs the items (e.g. "robustness", "suite").</param>
/// <param name="Spec">The study's settings, shared by every item.</param>
/// <param name="Items">The items' keys, in the order the reduce reads their results.</param>
public sealed record Sweep(string Kind, string Spec, IReadOnlyList<string> Items);

/// <summary>One work item on the wire: the sweep it belongs to and its key.</summary>
[GenerateSerializer, Immutable, Alias("PnnKit.Cluster.WorkItem")]
public sealed record WorkItem([property: Id(0)] string Kind, [property: Id(1)] string Spec, [property: Id(2)] string Key);

/// <summary>What a silo returned for one item: the evaluator's result and who computed it (for progress only).</summary>
[GenerateSerializer, Immutable, Alias("PnnKit.Cluster.WorkResult")]
public sealed record WorkResult([property: Id(0)] string Key, [property: Id(1)] string Payload, [property: Id(2)] string Silo);

/// <summary>
/// Evaluates one kind of work item. Must be a pure function of (spec, key): the same result on any silo,
/// thread or attempt, so a retried item and a single-process run agree exactly. May be called concurrently.
/// </summary>
public interface IWorkItemEvaluator
{
    /// <summary>The <see cref="Sweep.Kind"/> it evaluates.</summary>
    string Kind { get; }

    /// <summary>The item's result (text the reduce parses).</summary>
    string Evaluate(string spec, string key);
}

/// <summary>Items done so far, overall and per silo.</summary>
/// <param name="Done">Items with a result.</param>
/// <param name="Total">Items in the sweep.</param>
/// <param name="PerSilo">Items each silo finished (silo name → count).</param>
/// <param name="Retried">Items re-sent because their silo died or left.</param>
public sealed record SweepProgress(int Done, int Total, IReadOnlyDictionary<string, int> PerSilo, int Retried);
