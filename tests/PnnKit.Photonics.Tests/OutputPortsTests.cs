using PnnKit.Core.Layers;
using PnnKit.Photonics.Networks;

namespace PnnKit.Photonics.Tests;

public class OutputPortsTests
{
    [Fact]
    public void KeepsTheFirstPorts_AndMatchesFiniteDifferences()
    {
        var x = MeshTests.RandomField(3, 6, 1);
        var y = new OutputPorts<double>(6, 4).Forward(x, ForwardContext.Eval());
        Assert.Equal([3, 2, 4], y.Shape.ToArray());
        for (int b = 0; b < 3; b++)
        {
            for (int m = 0; m < 4; m++)
            {
                Assert.Equal(x.Row(b)[m], y.Row(b)[m]);
                Assert.Equal(x.Row(b)[6 + m], y.Row(b)[4 + m]);
            }
        }
        GradientCheck.Run(new OutputPorts<double>(6, 4), x).AssertWithin(1e-7);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void PortsOutsideOneToModes_AreRefused(int ports)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new OutputPorts<double>(6, ports));
        Assert.Equal("ports", ex.ParamName);
    }
}
