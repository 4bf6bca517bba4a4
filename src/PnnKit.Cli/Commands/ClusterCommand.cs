using Microsoft.Extensions.Hosting;
using PnnKit.Cli.Config;
using PnnKit.Cluster;

namespace PnnKit.Cli.Commands;

/// <summary>
/// pnn cluster silo --cluster CONFIG [--silo N] [--slots N]: hosts silo N of the config's cluster (the first, 0, is the primary)
/// and evaluates the work items of pnn robustness and pnn bench suite sent with --cluster CONFIG, until stopped.
/// </summary>
internal static class ClusterCommand
{
    public static int Run(string[] argv)
    {
        if (argv.FirstOrDefault() != "silo")
        {
            throw new UsageException("pnn cluster: the subcommand is silo (pnn cluster silo --cluster CONFIG [--silo N] [--slots N]).");
        }
        var args = new CliArgs(argv[1..], "cluster silo", ["cluster", "silo", "slots"], []);
        args.AtMostPositionals(0, "pnn cluster silo --cluster CONFIG [--silo N] [--slots N]");
        string file = args.Require("cluster");
        var topology = ClusterConfig.Load(file);
        int index = args.Int("silo", 0, 0, topology.SiloPorts.Count - 1);
        // Items at once: one per processor unless told fewer (pnn bench perf gives each silo one, to measure scale-out).
        int slots = args.Int("slots", Environment.ProcessorCount, 1, 1024);
        using var host = SiloHost.Silo(topology, index, Sweeps.Evaluators(), slots: slots);
        host.Start();
        // Tests and scripts wait for this line before sending work.
        Console.WriteLine($"silo {index} of cluster {topology.ClusterId} listening on 127.0.0.1:{topology.SiloPorts[index]}, gateway {topology.GatewayPorts[index]}"
            + (index == 0 ? " (primary)" : $", primary 127.0.0.1:{topology.PrimarySiloPort}") + $", {slots} slot" + (slots == 1 ? "" : "s"));
        Console.Out.Flush();
        host.WaitForShutdown();
        return 0;
    }
}
