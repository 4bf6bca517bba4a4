using PnnKit.Cluster;

namespace PnnKit.Cli.Config;

/// <summary>
/// A --cluster file: which Orleans clustering the silos use and where they listen.
/// <code>
/// cluster:
///   clustering: localhost        # the only one today: every silo on 127.0.0.1 (one machine, several processes)
///   silo_ports: [11111, 11112]   # one per silo; the first is the primary (it holds the membership table)
///   gateway_ports: [30000, 30001]
///   cluster_id: pnnkit
/// </code>
/// </summary>
internal static class ClusterConfig
{
    private const int MinPort = 1024, MaxPort = 65535;

    /// <summary>The most silos one file names (a localhost cluster shares one machine's cores).</summary>
    private const int MaxSilos = 64;

    /// <summary>Loads <paramref name="file"/>; every error names the file, line, field and allowed range.</summary>
    public static ClusterTopology Load(string file)
    {
        var root = YamlSection.Load(file);
        root.RejectUnknownKeys("cluster");
        var c = root.Section("cluster") ?? throw new ConfigException($"{file}: needs a 'cluster:' section (clustering, silo_ports, gateway_ports).");
        c.RejectUnknownKeys("clustering", "silo_ports", "gateway_ports", "cluster_id", "service_id");
        c.String("clustering", "localhost", "localhost");
        if (!c.Has("silo_ports") || !c.Has("gateway_ports"))
        {
            throw new ConfigException($"{file}: cluster.silo_ports and cluster.gateway_ports are required (one port in [{MinPort}, {MaxPort}] per silo, the first silo the primary).");
        }
        int[] silos = c.IntList("silo_ports", [], MinPort, MaxPort);
        int[] gateways = c.IntList("gateway_ports", [], MinPort, MaxPort);
        if (silos.Length > MaxSilos)
        {
            throw c.Error(null, "silo_ports", $"names {silos.Length} silos; at most {MaxSilos}.");
        }
        if (gateways.Length != silos.Length)
        {
            throw c.Error(null, "gateway_ports", $"needs one port per silo: {silos.Length} silo_ports but {gateways.Length} gateway_ports.");
        }
        if (silos.Concat(gateways).GroupBy(p => p).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw c.Error(null, "gateway_ports", $"port {twice.Key} is used twice; every silo and gateway port must differ.");
        }
        string clusterId = c.String("cluster_id", "pnnkit");
        string serviceId = c.String("service_id", "pnnkit");
        if (clusterId.Length == 0 || serviceId.Length == 0)
        {
            throw c.Error(null, clusterId.Length == 0 ? "cluster_id" : "service_id", "must not be empty.");
        }
        return new ClusterTopology(silos, gateways, clusterId, serviceId);
    }
}
