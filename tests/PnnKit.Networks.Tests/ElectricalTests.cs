namespace PnnKit.Networks.Tests;

public class ElectricalTests
{
    private static NetworkGraph Ladder()
    {
        // 6 nodes, node 0 grounded; a ring with chords.
        Edge[] edges = [new(0, 1), new(1, 2), new(2, 3), new(3, 4), new(4, 5), new(5, 0), new(1, 4), new(2, 5)];
        return new NetworkGraph(6, edges, [0]);
    }

    [Fact]
    public void LinearResistorNetwork_ObeysKirchhoffsCurrentLaw()
    {
        var net = new ResistorNetwork(Ladder());
        var g = TestNetworks.RandomWeights(net.Graph.EdgeCount, 20, 1e-3, 1e-2);
        var v = net.Solve(g, [3], [1.0]);
        var r = net.CurrentResidual(g, v);
        foreach (int n in new[] { 1, 2, 4, 5 })
        {
            Assert.True(Math.Abs(r[n]) < 1e-15, $"node {n} residual {r[n]}");
        }
        Assert.Equal(1.0, v[3]);
        Assert.Equal(0.0, v[0]);
        // The source's current equals the ground's, and the dissipated power equals V·I of the source.
        Assert.Equal(-r[3], r[0], 14);
        Assert.Equal(net.DissipatedPower(g, v), r[3] * 1.0, 14);
    }

    [Fact]
    public void DiodeAndResistor_MatchScalarOperatingPoint_AndKirchhoff()
    {
        // Source node 1 at +1 V; 1 kΩ from node 1 to node 2; diode from node 2 to ground; 1 kΩ load 1–0 on the source.
        var net = new ResistorNetwork(new NetworkGraph(3, [new Edge(1, 2), new Edge(1, 0)], [0]), [new Diode(2, 0)]);
        double[] g = [1e-3, 1e-3];
        var v = net.Solve(g, [1], [1.0]);
        // Scalar reference by bisection: (1 − V)/R = I_d(V).
        var diode = net.Diodes[0];
        double lo = 0, hi = 1;
        for (int i = 0; i < 200; i++)
        {
            double mid = 0.5 * (lo + hi);
            double f = ((1 - mid) * 1e-3) - diode.Evaluate(mid).Current;
            (lo, hi) = f > 0 ? (mid, hi) : (lo, mid);
        }
        Assert.Equal(lo, v[2], 10);
        Assert.True(v[2] is > 0.4 and < 0.8, $"diode forward voltage {v[2]}");
        var r = net.CurrentResidual(g, v);
        Assert.True(Math.Abs(r[2]) < 1e-15, $"KCL residual at node 2: {r[2]}");
    }

    [Fact]
    public void ReverseBiasedDiode_BlocksCurrent()
    {
        var net = new ResistorNetwork(new NetworkGraph(3, [new Edge(1, 2), new Edge(1, 0)], [0]), [new Diode(2, 0)]);
        double[] g = [1e-3, 1e-3];
        var v = net.Solve(g, [1], [-1.0]);
        // Only the saturation current (nA) flows, so node 2 follows the source to within microvolts.
        Assert.True(Math.Abs(v[2] + 1) < 1e-5, $"node 2 at {v[2]} V");
        Assert.True(Math.Abs(net.CurrentResidual(g, v)[2]) < 1e-15);
    }
}
