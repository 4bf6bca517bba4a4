using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Networks.Tests;

public class SpringNetworkLayerTests
{
    private static SpringNetworkLayer<double> Layer()
    {
        var springs = new SpringNetwork(TestNetworks.PaperLattice());
        return new SpringNetworkLayer<double>(springs, [new(5, 0, 1), new(6, 1, 0), new(7, 0, 1), new(8, 0.6, 0.8)], [springs.Engine.Dof(11, 0), springs.Engine.Dof(12, 1), springs.Engine.Dof(13, 0)], 3);
    }

    [Fact]
    public void SpringNetworkLayer_PassesGradientCheck_OnInputsAndStiffness()
    {
        var x = new Tensor<double>(3, 4);
        new Rng(4).FillNormal<double>(x.Span, 0, 1);
        GradientCheck.Run(Layer(), x).AssertWithin(1e-6);
    }

    [Fact]
    public void SpringNetworkLayer_IsMechanicalToMechanical_AndChargesItsCosts()
    {
        var layer = Layer();
        Assert.Equal(Domain.Mechanical, layer.InputDomain);
        Assert.Equal(Domain.Mechanical, layer.OutputDomain);
        var ledger = new CostLedger();
        var x = Tensor<double>.FromArray([1.0, 0.5, -0.5, 0.2], 1, 4);
        layer.Forward(x, new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        Assert.Contains(ledger.Entries, e => e.Component.StartsWith("force actuators", StringComparison.Ordinal) && e.EnergyJoules > 0);
    }

    [Fact]
    public void SpringNetworkLayer_Float_AgreesWithDouble()
    {
        var springs = new SpringNetwork(TestNetworks.PaperLattice());
        ForcePort[] ports = [new(5, 0, 1), new(6, 0, 1)];
        int[] outs = [springs.Engine.Dof(12, 0)];
        var d = new SpringNetworkLayer<double>(springs, ports, outs, 9);
        var f = new SpringNetworkLayer<float>(springs, ports, outs, 9);
        var yd = d.Forward(Tensor<double>.FromArray([1.0, -1.0], 1, 2), ForwardContext.Train(1));
        var yf = f.Forward(Tensor<float>.FromArray([1.0f, -1.0f], 1, 2), ForwardContext.Train(1));
        Assert.Equal(yd[0, 0], yf[0, 0], Math.Abs(yd[0, 0]) * 1e-5);
    }
}
