using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace PnnKit.Cluster;

/// <summary>Builds the silos and clients that run sweeps.</summary>
public static class SiloHost
{
    /// <summary>
    /// How long a client waits for one item. Items are long computations (a suite row trains a network),
    /// and a dead silo is noticed through membership, not through this timeout, so it only guards against a hung silo.
    /// </summary>
    public static readonly TimeSpan ItemTimeout = TimeSpan.FromHours(2);

    /// <summary>
    /// Membership probes: a killed silo is declared dead after this many missed probes of
    /// <see cref="ProbeTimeout"/> each, so its items move within seconds instead of Orleans' default half-minute.
    /// </summary>
    private const int MissedProbesLimit = 2;

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Tries to reach a gateway before a client gives up: silos still starting get a few seconds.</summary>
    private const int ConnectAttempts = 5;

    private static readonly TimeSpan ConnectRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A silo of <paramref name="topology"/> (the one at <paramref name="index"/>) that evaluates <paramref name="evaluators"/>' items,
    /// <paramref name="slots"/> at a time (default: one per processor).
    /// </summary>
    public static IHost Silo(ClusterTopology topology, int index, IReadOnlyList<IWorkItemEvaluator> evaluators, LogLevel logLevel = LogLevel.Warning, int? slots = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(evaluators);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, topology.SiloPorts.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots ?? 1, 1, nameof(slots));
        var builder = Host.CreateApplicationBuilder([]);
        Quiet(builder, logLevel);
        foreach (var e in evaluators)
        {
            builder.Services.AddSingleton(e);
        }
        builder.Services.AddSingleton(new SiloSlots(slots ?? Environment.ProcessorCount));
        builder.Services.AddPlacementDirector<SiloTargetedPlacement, SiloTargetedPlacementDirector>();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(topology.SiloPorts[index], topology.GatewayPorts[index], new IPEndPoint(IPAddress.Loopback, topology.PrimarySiloPort), topology.ServiceId, topology.ClusterId);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = ProbeTimeout;
                o.NumMissedProbesLimit = MissedProbesLimit;
                // With three silos one survivor's vote must be enough, or a death is never declared.
                o.NumVotesForDeathDeclaration = 1;
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ItemTimeout);
        });
        return builder.Build();
    }

    /// <summary>A one-silo cluster on free loopback ports, for the in-process default (no set-up).</summary>
    public static IHost InProcess(IReadOnlyList<IWorkItemEvaluator> evaluators) =>
        Silo(new ClusterTopology([FreePort()], [FreePort()], "pnnkit-local-" + Environment.ProcessId), 0, evaluators, Environment.GetEnvironmentVariable("PNNKIT_CLUSTER_LOG") is "debug" ? LogLevel.Debug : LogLevel.Error);

    /// <summary>A client of <paramref name="topology"/>, through every silo's gateway.</summary>
    public static IHost Client(ClusterTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var builder = Host.CreateApplicationBuilder([]);
        Quiet(builder, LogLevel.Error);
        builder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering([.. topology.GatewayPorts], topology.ServiceId, topology.ClusterId);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ItemTimeout);
            // Orleans retries a first connection forever; a sweep sent to silos that are not running should say so instead.
            int attempts = 0;
            client.UseConnectionRetryFilter(async (_, cancel) =>
            {
                if (++attempts >= ConnectAttempts)
                {
                    return false;
                }
                await Task.Delay(ConnectRetryDelay, cancel).ConfigureAwait(false);
                return true;
            });
        });
        return builder.Build();
    }

    /// <summary>A loopback TCP port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    // Orleans logs to stdout by default, which would mix into --json output: log to stderr, and only what matters.
    private static void Quiet(HostApplicationBuilder builder, LogLevel level)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(level);
    }
}
