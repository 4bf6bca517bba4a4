using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace PnnKit.Cluster;

/// <summary>
/// Runs a sweep's items and returns their results in the sweep's item order, so the reduce that reads
/// them is the same whatever ran them: a plain loop in this process, an in-process silo, or a cluster.
/// </summary>
public static class SweepRunner
{
    /// <summary>How often the client re-reads cluster membership (silos that died or joined).</summary>
    private static readonly TimeSpan MembershipPoll = TimeSpan.FromSeconds(1);

    /// <summary>How long a membership or core-count call may take before it counts as failed and is tried again.</summary>
    private static readonly TimeSpan ControlCallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Every item evaluated in order on this thread: the single-process reference.</summary>
    public static IReadOnlyList<string> Local(Sweep sweep, IWorkItemEvaluator evaluator)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(evaluator);
        return [.. sweep.Items.Select(k => evaluator.Evaluate(sweep.Spec, k))];
    }

    /// <summary>The sweep on a one-silo cluster started in this process (the default: nothing to set up).</summary>
    public static IReadOnlyList<string> InProcess(Sweep sweep, IReadOnlyList<IWorkItemEvaluator> evaluators, Action<SweepProgress>? progress = null)
    {
        using var session = SweepSession.InProcess(evaluators);
        return session.Run(sweep, progress);
    }

    /// <summary>The sweep on the silos of <paramref name="topology"/> (started with pnn cluster silo).</summary>
    public static IReadOnlyList<string> OnCluster(ClusterTopology topology, Sweep sweep, Action<SweepProgress>? progress = null)
    {
        using var session = SweepSession.Connect(topology);
        return session.Run(sweep, progress);
    }

    /// <summary>
    /// Sends each item to a free worker slot (one per core of each active silo) and collects the results by
    /// item. An item whose silo dies or leaves is queued again and runs on another silo; an item whose
    /// evaluation throws fails the sweep with that exception.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAsync(IClusterClient client, Sweep sweep, Action<SweepProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(sweep);
        int total = sweep.Items.Count;
        var results = new string?[total];
        if (total == 0)
        {
            return [];
        }
        var queue = Channel.CreateUnbounded<int>();
        for (int i = 0; i < total; i++)
        {
            queue.Writer.TryWrite(i);
        }
        using var finished = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var perSilo = new ConcurrentDictionary<string, int>();
        var silos = new Dictionary<SiloAddress, CancellationTokenSource>();
        var workers = new List<Task>();
        int done = 0, retried = 0;
        // Cancelled (and replaced) whenever a silo leaves: every call in flight then is abandoned and its item re-queued.
        var departures = new CancellationTokenSource();
        Exception? failure = null;
        object gate = new();

        void Report()
        {
            progress?.Invoke(new SweepProgress(Volatile.Read(ref done), total, new SortedDictionary<string, int>(perSilo), Volatile.Read(ref retried)));
        }

        async Task Work(SiloAddress silo, int slot, CancellationToken siloGone)
        {
            try
            {
                await Slot(silo, slot, siloGone).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // A bug here (or in the progress callback) must fail the sweep, not leave its items waiting forever.
                lock (gate)
                {
                    failure ??= e;
                }
                await finished.CancelAsync().ConfigureAwait(false);
            }
        }

        async Task Slot(SiloAddress silo, int slot, CancellationToken siloGone)
        {
            var grain = client.GetGrain<IWorkerGrain>($"{silo.ToParsableString()}/{slot}");
            using var both = CancellationTokenSource.CreateLinkedTokenSource(siloGone, finished.Token);
            while (!both.IsCancellationRequested)
            {
                int i;
                try
                {
                    i = await queue.Reader.ReadAsync(both.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                WorkResult r;
                var epoch = Volatile.Read(ref departures).Token;
                using var call = CancellationTokenSource.CreateLinkedTokenSource(both.Token, epoch);
                try
                {
                    // WaitAsync: the call is abandoned here when its silo (or any silo) leaves, whether or not Orleans
                    // ever fails it; a reply routed through a dead silo's gateway would otherwise be waited for until ItemTimeout.
                    r = await grain.Evaluate(new WorkItem(sweep.Kind, sweep.Spec, sweep.Items[i]), call.Token).WaitAsync(call.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (!finished.IsCancellationRequested && (Retryable(e) || e is OperationCanceledException))
                {
                    // The item's silo, or a gateway on its route, failed or left: the item goes back in the queue.
                    queue.Writer.TryWrite(i);
                    Interlocked.Increment(ref retried);
                    Report();
                    if (siloGone.IsCancellationRequested)
                    {
                        return; // this silo left: its slots close
                    }
                    // The silo is still a member: its slot stays open (closing it would strand the queue once every
                    // live silo's slots had closed this way), after a pause so a dying silo does not spin.
                    if (Retryable(e))
                    {
                        await Delay(both.Token).ConfigureAwait(false);
                    }
                    continue;
                }
                catch (OperationCanceledException) when (finished.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    lock (gate)
                    {
                        failure ??= e;
                    }
                    await finished.CancelAsync().ConfigureAwait(false);
                    return;
                }
                if (Interlocked.CompareExchange(ref results[i], r.Payload, null) is null)
                {
                    perSilo.AddOrUpdate(r.Silo, 1, (_, n) => n + 1);
                    if (Interlocked.Increment(ref done) == total)
                    {
                        await finished.CancelAsync().ConfigureAwait(false);
                    }
                    Report();
                }
            }
        }

        var management = client.GetGrain<IManagementGrain>(0);
        while (!finished.IsCancellationRequested)
        {
            Dictionary<SiloAddress, SiloStatus> active;
            try
            {
                active = await management.GetHosts(true, CancellationToken.None).WaitAsync(ControlCallTimeout, finished.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (Retryable(e))
            {
                // The management grain lived on a silo that died: it reactivates elsewhere on the next poll.
                await Delay(finished.Token).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException) when (finished.IsCancellationRequested)
            {
                break; // every item is done, or the sweep failed
            }
            var left = silos.Where(s => !active.ContainsKey(s.Key)).ToList();
            foreach (var (silo, gone) in left)
            {
                await gone.CancelAsync().ConfigureAwait(false);
                silos.Remove(silo);
            }
            if (left.Count > 0)
            {
                var previous = Interlocked.Exchange(ref departures, new CancellationTokenSource());
                await previous.CancelAsync().ConfigureAwait(false); // not disposed: a slot may be reading its token now
            }
            foreach (var silo in active.Keys.Where(s => !silos.ContainsKey(s)))
            {
                int cores;
                try
                {
                    cores = await client.GetGrain<IWorkerGrain>($"{silo.ToParsableString()}/0").Cores().WaitAsync(ControlCallTimeout, finished.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (Retryable(e) || (e is OperationCanceledException && finished.IsCancellationRequested))
                {
                    continue; // tried again on the next poll
                }
                var gone = new CancellationTokenSource();
                silos[silo] = gone;
                perSilo.TryAdd(silo.Endpoint.ToString(), 0);
                for (int slot = 0; slot < cores; slot++)
                {
                    workers.Add(Work(silo, slot, gone.Token));
                }
            }
            if (silos.Count == 0 && active.Count == 0)
            {
                failure ??= new ClusterUnavailableException($"Every silo left the cluster with {total - done} of {total} items unfinished.");
                break;
            }
            await Delay(finished.Token).ConfigureAwait(false);
        }
        await finished.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(workers).ConfigureAwait(false);
        foreach (var gone in silos.Values)
        {
            gone.Dispose();
        }
        departures.Dispose();
        cancellation.ThrowIfCancellationRequested();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
        return [.. results.Select((r, i) => r ?? throw new InvalidOperationException($"Item {sweep.Items[i]} has no result."))];
    }

    /// <summary>Failures of the silo or the network, not of the item: the item runs again elsewhere.</summary>
    private static bool Retryable(Exception e) => e is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or TimeoutException
        or ClientNotAvailableException or GatewayTooBusyException;

    private static async Task Delay(CancellationToken token)
    {
        try
        {
            await Task.Delay(MembershipPoll, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>A started silo or connected client that runs one sweep after another; disposing stops it.</summary>
public sealed class SweepSession : IDisposable
{
    private readonly IHost _host;

    private SweepSession(IHost host) => _host = host;

    /// <summary>A one-silo cluster in this process.</summary>
    public static SweepSession InProcess(IReadOnlyList<IWorkItemEvaluator> evaluators)
    {
        var host = SiloHost.InProcess(evaluators);
        host.StartAsync().GetAwaiter().GetResult();
        return new SweepSession(host);
    }

    /// <summary>A client of the silos of <paramref name="topology"/>.</summary>
    public static SweepSession Connect(ClusterTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var host = SiloHost.Client(topology);
        try
        {
            host.StartAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is SiloUnavailableException or ConnectionFailedException or OrleansException or TimeoutException)
        {
            host.Dispose();
            throw new ClusterUnavailableException($"no silo of cluster '{topology.ClusterId}' answers on gateway ports {string.Join(", ", topology.GatewayPorts)} ({e.Message}); start them with pnn cluster silo", e);
        }
        return new SweepSession(host);
    }

    /// <summary>Runs <paramref name="sweep"/> (<see cref="SweepRunner.RunAsync"/>).</summary>
    public IReadOnlyList<string> Run(Sweep sweep, Action<SweepProgress>? progress = null) =>
        SweepRunner.RunAsync(_host.Services.GetRequiredService<IClusterClient>(), sweep, progress).GetAwaiter().GetResult();

    /// <summary>Stops the silo or client.</summary>
    public void Dispose()
    {
        try
        {
            _host.StopAsync().GetAwaiter().GetResult();
        }
        finally
        {
            _host.Dispose();
        }
    }
}

/// <summary>No silo of the cluster could be reached, or all of them left mid-sweep.</summary>
public sealed class ClusterUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterUnavailableException() { }

    /// <summary>Creates the exception with a message.</summary>
    public ClusterUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    public ClusterUnavailableException(string message, Exception inner) : base(message, inner) { }
}
