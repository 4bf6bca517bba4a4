using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Periphery;

namespace PnnKit.Memristive.Tests.Crossbar;

public class CrossbarLayerTests
{
    private static CrossbarTile RandomTile(int rows, int cols, ulong seed)
    {
        var tile = new CrossbarTile(rows, cols);
        var rng = new Rng(seed);
        rng.FillUniform<double>(tile.GPlus, 0, 25e-6);
        rng.FillUniform<double>(tile.GMinus, 0, 25e-6);
        return tile;
    }

    [Fact]
    public void Forward_EqualsTileRead_OhmAndKirchhoff()
    {
        var tile = RandomTile(4, 3, 1);
        var layer = new CrossbarLayer<double>(4, 3, tile: tile);
        double[] v = [0.1, -0.2, 0.05, 0.15];
        var y = layer.Forward(Tensor<double>.FromArray(v, 1, 4), ForwardContext.Eval());
        var i = new double[3];
        tile.Read(v, i);
        Assert.Equal(i, y.Data, (a, b) => Math.Abs(a - b) < 1e-18);
    }

    [Fact]
    public void Gradients_MatchFiniteDifferences()
    {
        var layer = new CrossbarLayer<double>(5, 3, tile: RandomTile(5, 3, 2));
        var v = new Tensor<double>(2, 5);
        new Rng(3).FillUniform(v.Span, -0.2, 0.2);
        GradientCheck.Run(layer, v, step: 1e-8).AssertWithin(1e-6);
    }

    [Fact]
    public void DacCrossbarAdc_IsAValidDigitalModel_ComputingTheScaledProduct()
    {
        var tile = RandomTile(3, 2, 4);
        var model = new Sequential<double>(new Dac<double>(bits: null, fullScaleVolts: 0.2), new CrossbarLayer<double>(3, 2, tile: tile), new Adc<double>(fullScaleAmps: 3 * 0.2 * 25e-6, bits: null));
        Assert.Equal((Domain.Digital, Domain.Digital), (model.InputDomain, model.OutputDomain));
        double[] x = [1.0, -0.5, 0.25];
        var y = model.Forward(Tensor<double>.FromArray(x, 1, 3), ForwardContext.Eval());
        var i = new double[2];
        tile.Read(x.Select(v => v * 0.2).ToArray(), i);
        Assert.Equal(i[0] / (3 * 0.2 * 25e-6), y[0], 1e-12);
        Assert.Throws<DomainMismatchException>(() => new Sequential<double>(new CrossbarLayer<double>(3, 2), new Dac<double>()));
    }

    [Fact]
    public void Conductances_AreBoundedToZeroAndGMax()
    {
        var layer = new CrossbarLayer<float>(2, 2, gMax: 10e-6);
        Assert.Equal((0.0, 10e-6), (layer.GPlus.Lower!.Value, layer.GPlus.Upper!.Value));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CrossbarLayer<float>(0, 2));
        Assert.Equal("rows", ex.ParamName);
    }
}
