using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace PnnKit.Cluster;

/// <summary>A worker slot on one silo: evaluates work items, one at a time per slot.</summary>
[Alias("PnnKit.Cluster.IWorkerGrain")]
public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>Evaluates <paramref name="item"/>; cancelled when the client gives up on this silo.</summary>
    [Alias("Evaluate")]
    Task<WorkResult> Evaluate(WorkItem item, CancellationToken cancellation = default);

    /// <summary>The silo's worker slots (its processor count unless started with fewer): how many items the client runs on it at once.</summary>
    [Alias("Cores")]
    Task<int> Cores();
}

/// <summary>
/// Keyed "SILO/SLOT" and placed on SILO (<see cref="SiloTargetedPlacementAttribute"/>), so the client
/// decides how many items each silo runs at once. The work runs on the thread pool, not on Orleans'
/// scheduler, whose turns should stay short.
/// </summary>
[SiloTargetedPlacement]
[Reentrant]
internal sealed partial class WorkerGrain(IEnumerable<IWorkItemEvaluator> evaluators, ILocalSiloDetails silo, SiloSlots slots, ILogger<WorkerGrain> log) : Grain, IWorkerGrain
{
    private readonly Dictionary<string, IWorkItemEvaluator> _evaluators = evaluators.ToDictionary(e => e.Kind);

    public async Task<WorkResult> Evaluate(WorkItem item, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!_evaluators.TryGetValue(item.Kind, out var evaluator))
        {
            throw new InvalidOperationException($"Silo {silo.Name} has no evaluator for work items of kind '{item.Kind}' (it has {string.Join(", ", _evaluators.Keys)}).");
        }
        Evaluating(item.Kind, item.Key);
        string payload = await Task.Run(() => evaluator.Evaluate(item.Spec, item.Key), cancellation);
        Evaluated(item.Kind, item.Key);
        return new WorkResult(item.Key, payload, silo.SiloAddress.Endpoint.ToString());
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "evaluating {Kind} item {Key}")]
    private partial void Evaluating(string kind, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "evaluated {Kind} item {Key}")]
    private partial void Evaluated(string kind, string key);

    public Task<int> Cores() => Task.FromResult(slots.Count);
}

/// <summary>How many items a silo evaluates at once.</summary>
/// <param name="Count">Worker slots, at least 1.</param>
public sealed record SiloSlots(int Count);
