using System.Diagnostics;
using PnnKit.Cli.Config;
using PnnKit.Cluster;

namespace PnnKit.Cli.Commands;

/// <summary>Runs the CLI's sweeps on Orleans: an in-process silo by default, the silos of a --cluster file otherwise.</summary>
internal static class Sweeps
{
    /// <summary>Progress lines at most this often, so a sweep of thousands of items prints tens of lines, not thousands.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);

    /// <summary>Every kind of work item a pnn silo evaluates.</summary>
    public static IReadOnlyList<IWorkItemEvaluator> Evaluators() => [new RobustnessSweep(), new SuiteSweep(), new ComputeBlockSweep()];

    /// <summary>The sweep's results in item order; progress (items done/total, per silo) goes to stderr.</summary>
    public static IReadOnlyList<string> Run(Sweep sweep, string? clusterFile, string label)
    {
        using var session = Open(clusterFile, label);
        return Run(session, sweep, clusterFile, label);
    }

    /// <summary>An in-process silo (no <paramref name="clusterFile"/>) or a client of the file's cluster.</summary>
    public static SweepSession Open(string? clusterFile, string label)
    {
        var topology = clusterFile is null ? null : ClusterConfig.Load(clusterFile);
        try
        {
            return topology is null ? SweepSession.InProcess(Evaluators()) : SweepSession.Connect(topology);
        }
        catch (ClusterUnavailableException e)
        {
            throw new UsageException($"pnn {label} --cluster {clusterFile}: {e.Message}.");
        }
    }

    /// <summary>One sweep on an open session.</summary>
    public static IReadOnlyList<string> Run(SweepSession session, Sweep sweep, string? clusterFile, string label)
    {
        ArgumentNullException.ThrowIfNull(session);
        try
        {
            return session.Run(sweep, Progress(label));
        }
        catch (ClusterUnavailableException e)
        {
            throw new UsageException($"pnn {label} --cluster {clusterFile}: {e.Message}");
        }
    }

    /// <summary>A progress printer: "LABEL: 40/120 items (silo S1 25, silo S2 15)", throttled, and the last line always.</summary>
    public static Action<SweepProgress> Progress(string label)
    {
        var clock = Stopwatch.StartNew();
        var last = -ProgressEvery; // the first item's line prints at once
        object gate = new();
        return p =>
        {
            lock (gate)
            {
                if (p.Done < p.Total && clock.Elapsed - last < ProgressEvery)
                {
                    return;
                }
                last = clock.Elapsed;
                string silos = string.Join(", ", p.PerSilo.Select(s => $"{s.Key} {s.Value}"));
                Console.Error.WriteLine($"{label}: {p.Done}/{p.Total} items ({silos})" + (p.Retried > 0 ? $", {p.Retried} re-sent after a silo left" : ""));
            }
        };
    }
}
