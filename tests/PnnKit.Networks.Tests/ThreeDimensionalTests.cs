using PnnKit.Networks.Solvers;

namespace PnnKit.Networks.Tests;

public class ThreeDimensionalTests
{
    // A tetrahedron: three pinned base nodes and an apex held by three bonds.
    private static readonly double[] Tetra = [0, 0, 0, 1, 0, 0, 0.5, 0.8660254037844386, 0, 0.5, 0.28867513459481287, 0.816496580927726];

    [Fact]
    public void Tetrahedron_Apex_BalancesAppliedForce_In3D()
    {
        var g = new NetworkGraph(4, [new Edge(0, 3), new Edge(1, 3), new Edge(2, 3), new Edge(0, 1)], [0, 1, 2], 3, Tetra);
        var springs = new SpringNetwork(g);
        double[] k = [1.0, 2.0, 3.0, 1.0];
        var f = new double[12];
        f[9] = 0.3;
        f[10] = -0.2;
        f[11] = -1.0;
        var u = springs.Displacements(k, f);
        var internalForce = new double[12];
        springs.Engine.AddTransposed(springs.Tensions(k, u), internalForce);
        for (int d = 9; d < 12; d++)
        {
            Assert.Equal(f[d], internalForce[d], 12);
        }
        Assert.True(u[11] < 0, "a downward load moves the apex down");
    }

    [Fact]
    public void Tetrahedron_WithTwoApexBonds_IsAZeroMode_In3D()
    {
        var g = new NetworkGraph(4, [new Edge(0, 3), new Edge(1, 3), new Edge(0, 1), new Edge(1, 2)], [0, 1, 2], 3, Tetra);
        var ex = Assert.Throws<ZeroModeException>(() => new SpringNetwork(g).Engine.Factor([1.0, 1.0, 1.0, 1.0]));
        Assert.Contains("node 3", ex.Message, StringComparison.Ordinal);
    }
}
