using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;

namespace PnnKit.Memristive.Tests.Layers;

public class AnalogLinearIrDropTests
{
    [Fact]
    public void NegligibleWireResistance_MatchesIdealWires_AcrossTiles()
    {
        var cfg = AnalogConfig.Ideal with { TileRows = 5, TileColumns = 3, WireResistanceOhms = 1e-6 };
        var layer = new AnalogLinear<double>(9, 4, new Rng(1), cfg);
        var x = AnalogLinearTests.RandomInput(3, 9);
        var y = layer.Forward(x, ForwardContext.Eval());
        var r = AnalogLinearTests.Reference(layer, x);
        for (int i = 0; i < y.Length; i++)
        {
            Assert.Equal(r[i], y[i], 1e-6);
        }
    }

    [Fact]
    public void ResistiveWires_MatchTheTileNetworkSolve_ScaledToWeightUnits()
    {
        var cfg = AnalogConfig.Ideal with { WireResistanceOhms = 20 };
        var layer = new AnalogLinear<double>(6, 3, new Rng(2), cfg, bias: false);
        var x = Tensor<double>.FromArray([1.0, -0.5, 0.25, 0.75, -1.0, 0.5], 1, 6);
        var y = layer.Forward(x, ForwardContext.Eval());

        var tile = layer.Layout.Program(layer.ToDesign().Weights, cfg.Mapping, out _)[0];
        var currents = new double[3];
        new IrDropNetwork(tile, 20).Read([0.2, -0.1, 0.05, 0.15, -0.2, 0.1], currents);
        for (int j = 0; j < 3; j++)
        {
            // y = I / (V_read · GMax) · max|x| · WeightMax with max|x| = 1, WeightMax = 1.
            Assert.Equal(currents[j] / (0.2 * cfg.Mapping.GMax), y[j], 1e-12);
        }
        var ideal = AnalogLinearTests.Reference(layer, x);
        Assert.NotEqual(ideal[0], y[0], 1e-9);
    }

    [Fact]
    public void ProgrammedInstance_WithResistiveWires_ReadsConsistently()
    {
        var cfg = AnalogConfig.Ideal with { WireResistanceOhms = 2 };
        var layer = new AnalogLinear<double>(8, 4, new Rng(3), cfg);
        layer.Program(DeviceVariation.None, 4, new PcmNoiseModel { ReadNoiseScale = 0, DriftScale = 0 });
        var x = AnalogLinearTests.RandomInput(2, 8);
        var y1 = layer.Forward(x, ForwardContext.Eval());
        var y2 = layer.Forward(x, ForwardContext.Eval());
        Assert.Equal(y1.Data, y2.Data);
    }

    [Fact]
    public void NegativeWireResistance_IsRefused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new AnalogLinear<double>(2, 2, new Rng(1), new AnalogConfig { WireResistanceOhms = -1 }));
        Assert.Equal("WireResistanceOhms", ex.ParamName);
    }
}
