namespace PnnKit.Cluster;

/// <summary>
/// Where the silos of a cluster listen. Localhost clustering (Orleans' development clustering): every
/// silo on 127.0.0.1, the first one the primary, which holds the membership table, so it must outlive
/// the sweep; any other silo may die and its items run elsewhere.
/// </summary>
/// <param name="SiloPorts">Silo-to-silo ports, one per silo; the first is the primary's.</param>
/// <param name="GatewayPorts">Client gateway ports, one per silo, in the same order.</param>
/// <param name="ClusterId">Orleans cluster id (silos and clients of one cluster share it).</param>
/// <param name="ServiceId">Orleans service id.</param>
public sealed record ClusterTopology(IReadOnlyList<int> SiloPorts, IReadOnlyList<int> GatewayPorts, string ClusterId = "pnnkit", string ServiceId = "pnnkit")
{
    /// <summary>The primary silo's port.</summary>
    public int PrimarySiloPort => SiloPorts[0];
}
