using Microsoft.Extensions.Hosting;
using PnnKit.Cli.Config;
using PnnKit.Cluster;

namespace PnnKit.Cli.Commands;

/// <summary>
/// pnn cluster silo --cluster CONFIG [--silo N]: hosts silo N of the config's cluster (the first, 0, is the primary)
/// and evaluates the work items of pnn robustness and pnn bench suite sent with --cluster CONFIG, until stopped.
/// </summary>
internal static class ClusterCommand
{
    public static int Run(string[] argv)
    {
        if (argv.FirstOrDefault() != "silo")
        {
            throw new UsageException("pnn cluster: the subcommand is silo (pnn cluster silo --cluster CONFIG [--silo N]).");
        }
        var args = new CliArgs(argv[1..], "cluster silo", ["cluster", "silo"], []);
        args.AtMostPositionals(0, "pnn cluster silo --cluster CONFIG [--silo N]");
        string file = args.Require("cluster");
        var topology = ClusterConfig.Load(file);
        int index = args.Int("silo", 0, 0, topology.SiloPorts.Count - 1);
        using var host = SiloHost.Silo(topology, index, Sweeps.Evaluators());
        host.Start();
        // Tests and scripts wait for this line before sending work.
        Console.WriteLine($"silo {index} of cluster {topology.ClusterId} listening on 127.0.0.1:{topology.SiloPorts[index]}, gateway {topology.GatewayPorts[index]}"
            + (index == 0 ? " (primary)" : $", primary 127.0.0.1:{topology.PrimarySiloPort}"));
        Console.Out.Flush();
        host.WaitForShutdown();
        return 0;
    }
}
