using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Layers;

namespace PnnKit.Memristive.Tests.Layers;

public class PerTileNoiseManagementTests
{
    [Fact]
    public void IdealConfig_PerTile_ComputesExactAffineMap_AndGradientsMatchFiniteDifferences()
    {
        var cfg = AnalogConfig.Ideal with { TileRows = 3, TileColumns = 2, NoiseManagement = NoiseManagement.AbsMaxPerTile };
        var layer = new AnalogLinear<double>(7, 5, new Rng(1), cfg);
        var x = AnalogLinearTests.RandomInput(4, 7);
        var y = layer.Forward(x, ForwardContext.Eval());
        var r = AnalogLinearTests.Reference(layer, x);
        for (int i = 0; i < y.Length; i++)
        {
            Assert.Equal(r[i], y[i], 1e-12);
        }
        GradientCheck.Run(new AnalogLinear<double>(7, 5, new Rng(2), cfg), AnalogLinearTests.RandomInput(3, 7)).AssertWithin(1e-7);
    }

    [Fact]
    public void PerTile_KeepsATileWithSmallInputs_ThatSampleWideScalingQuantizesAway()
    {
        // Two row tiles of 4 inputs; the second tile's inputs are 1e-3 of the first's. An 8-bit DAC's half step
        // is 1/254 of full scale, so scaling by the sample's max rounds the second tile's inputs to zero,
        // while scaling each tile by its own max keeps them.
        var x = new Tensor<double>(1, 8);
        double[] values = [1.0, -0.5, 0.25, 0.75, 1e-3, -2e-3, 1.5e-3, 0.5e-3];
        values.CopyTo(x.Data, 0);
        var w = new double[8];
        Array.Fill(w, 0.5, 4, 4); // only the second tile's inputs reach the output
        var baseCfg = new AnalogConfig { TileRows = 4, OutputNoise = 0, AdcBits = null };
        double Read(NoiseManagement nm)
        {
            var layer = new AnalogLinear<double>(8, 1, new Rng(3), baseCfg with { NoiseManagement = nm }, bias: false);
            w.CopyTo(layer.Weight.Value.Data, 0);
            return layer.Forward(x, ForwardContext.Eval())[0];
        }
        double exact = 0.5 * (1e-3 - 2e-3 + 1.5e-3 + 0.5e-3);
        Assert.Equal(0.0, Read(NoiseManagement.AbsMax), 1e-15);
        double perTile = Read(NoiseManagement.AbsMaxPerTile);
        double dacStep = 2e-3 / 127; // the second tile's full scale is its max |x|
        Assert.InRange(perTile, exact - (4 * 0.5 * dacStep / 2), exact + (4 * 0.5 * dacStep / 2));
    }
}
