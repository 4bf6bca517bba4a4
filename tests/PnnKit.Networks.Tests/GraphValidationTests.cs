namespace PnnKit.Networks.Tests;

public class GraphValidationTests
{
    private static readonly double[] Line3 = [0, 0, 1, 0, 2, 0];

    [Fact]
    public void EdgeToMissingNode_IsRejected_NamingEdgeAndNode()
    {
        var ex = Assert.Throws<NetworkException>(() => new NetworkGraph(3, [new Edge(0, 1), new Edge(1, 7)], [0]));
        Assert.Contains("Edge 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing node 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateEdge_IsRejected_NamingBothEdges()
    {
        var ex = Assert.Throws<NetworkException>(() => new NetworkGraph(3, [new Edge(0, 1), new Edge(1, 2), new Edge(1, 0)], [0]));
        Assert.Contains("edges 0 and 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DisconnectedGraph_IsRejected_NamingAnUnreachableNode()
    {
        var ex = Assert.Throws<NetworkException>(() => new NetworkGraph(4, [new Edge(0, 1), new Edge(2, 3)], [0]));
        Assert.Contains("disconnected", ex.Message, StringComparison.Ordinal);
        Assert.Contains("node 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoFixedNode_IsRejected_AsFloatingModes()
    {
        var ex = Assert.Throws<NetworkException>(() => new NetworkGraph(2, [new Edge(0, 1)], []));
        Assert.Contains("rigid-body", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroLengthBond_IsRejected()
    {
        var ex = Assert.Throws<NetworkException>(() => new NetworkGraph(2, [new Edge(0, 1)], [0], 2, [1, 1, 1, 1]));
        Assert.Contains("Edge 0", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void NonPositiveStiffness_IsRejected_NamingTheEdge(double bad)
    {
        var net = new EquilibriumNetwork(new NetworkGraph(3, [new Edge(0, 1), new Edge(1, 2)], [0], 2, Line3), vector: false);
        var ex = Assert.Throws<NetworkException>(() => net.Factor([1.0, bad]));
        Assert.Contains("Edge 1 (1–2)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputNodeThatIsFixed_IsRejected_NamingTheNode()
    {
        var net = new EquilibriumNetwork(new NetworkGraph(3, [new Edge(0, 1), new Edge(1, 2)], [0]), vector: false);
        var ex = new EquilibriumExample(new double[3], new double[3], [1], [0], [0.5]);
        var err = Assert.Throws<NetworkException>(() => EquilibriumLearning.InSitu(net, [1.0, 1.0], ex));
        Assert.Contains("Output node 0 is also fixed", err.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CuttingABridge_IsRejected_AsDisconnecting()
    {
        var g = new NetworkGraph(3, [new Edge(0, 1), new Edge(1, 2)], [0]);
        Assert.Throws<NetworkException>(() => g.WithoutEdge(1));
    }
}
