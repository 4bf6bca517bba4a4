using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Layers;

namespace PnnKit.Memristive.Tests.Layers;

public class AnalogLinearTests
{
    internal static Tensor<double> RandomInput(int rows, int cols, ulong seed = 3)
    {
        var x = new Tensor<double>(rows, cols);
        new Rng(seed).FillNormal(x.Span, 0, 1);
        return x;
    }

    internal static Tensor<double> Reference(AnalogLinear<double> layer, Tensor<double> x)
    {
        var y = Gemm.MatMul(x, layer.Weight.Value, transB: true);
        for (int b = 0; b < y.Rows; b++)
        {
            for (int j = 0; j < y.RowLength; j++)
            {
                y[b, j] += layer.Bias is null ? 0 : layer.Bias.Value[j];
            }
        }
        return y;
    }

    [Fact]
    public void IdealConfig_ComputesExactAffineMap_AcrossSeveralTiles()
    {
        var layer = new AnalogLinear<double>(7, 5, new Rng(1), AnalogConfig.Ideal with { TileRows = 3, TileColumns = 2 });
        Assert.Equal(3 * 3, layer.Layout.TileCount);
        var x = RandomInput(4, 7);
        var y = layer.Forward(x, ForwardContext.Eval());
        var r = Reference(layer, x);
        for (int i = 0; i < y.Length; i++)
        {
            Assert.Equal(r[i], y[i], 1e-12);
        }
    }

    [Fact]
    public void IdealConfig_GradientsMatchFiniteDifferences_WithTiling()
    {
        var layer = new AnalogLinear<double>(7, 5, new Rng(2), AnalogConfig.Ideal with { TileRows = 4, TileColumns = 3 });
        GradientCheck.Run(layer, RandomInput(3, 7)).AssertWithin(1e-7);
    }

    [Fact]
    public void IdealConfig_GradientsMatchFiniteDifferences_WithoutNoiseManagement()
    {
        var layer = new AnalogLinear<double>(6, 4, new Rng(4), AnalogConfig.Ideal with { NoiseManagement = NoiseManagement.None, InputBound = 100 });
        GradientCheck.Run(layer, RandomInput(2, 6)).AssertWithin(1e-7);
    }

    [Fact]
    public void DefaultConfig_IsCloseToDigital_WithinQuantizationAndNoise()
    {
        // Weights U(±1/8) mapped with WeightMax = 1/8 so they use the whole conductance range;
        // with WeightMax = 1 the same layer's output noise is ~27% of its signal.
        var cfg = new AnalogConfig { Mapping = new PnnKit.Memristive.Crossbar.WeightMapping(weightMax: 0.125) };
        var layer = new AnalogLinear<double>(64, 16, new Rng(5), cfg);
        var x = RandomInput(8, 64);
        var y = layer.Forward(x, ForwardContext.Eval());
        var r = Reference(layer, x);
        double err = 0, norm = 0;
        for (int i = 0; i < y.Length; i++)
        {
            err += (y[i] - r[i]) * (y[i] - r[i]);
            norm += r[i] * r[i];
        }
        double rel = Math.Sqrt(err / norm);
        // 8-bit DAC/ADC and out_noise 0.06 give a few percent error, not zero.
        Assert.InRange(rel, 0.005, 0.1);
    }

    [Fact]
    public void OutputNoise_HasConfiguredStd_ScaledBackByInputMaxAndWeightMax()
    {
        var cfg = AnalogConfig.Ideal with { OutputNoise = 0.05 };
        var layer = new AnalogLinear<double>(4, 500, new Rng(6), cfg, bias: false);
        layer.Weight.Value.Clear();
        var x = Tensor<double>.FromArray([2.0, -1.0, 0.5, 0.0], 1, 4);
        var y = layer.Forward(x, ForwardContext.Eval(9));
        double mean = y.Data.Average();
        double std = Math.Sqrt(y.Data.Sum(v => (v - mean) * (v - mean)) / (y.Length - 1));
        // Zero weights: y = noise · max|x| · WeightMax = N(0, 0.05 · 2 · 1).
        Assert.InRange(std, 0.1 * 0.88, 0.1 * 1.12);
        Assert.InRange(mean, -0.1 * 4 / Math.Sqrt(500), 0.1 * 4 / Math.Sqrt(500));
    }

    [Fact]
    public void BoundManagement_RereadsSaturatedOutputs_AndRecoversTheValue()
    {
        var cfg = AnalogConfig.Ideal with { OutputBound = 12, BoundManagement = BoundManagement.Iterative };
        var layer = new AnalogLinear<double>(64, 1, new Rng(7), cfg, bias: false);
        layer.Weight.Value.Fill(1.0);
        var x = new Tensor<double>(1, 64);
        x.Fill(1.0);
        Assert.Equal(64.0, layer.Forward(x, ForwardContext.Eval())[0], 1e-9); // 64 → 32 → 16 → 8 < 12: three re-reads
        Assert.Equal(3, layer.BoundManagementRereads);

        var clipped = new AnalogLinear<double>(64, 1, new Rng(7), cfg with { BoundManagement = BoundManagement.None }, bias: false);
        clipped.Weight.Value.Fill(1.0);
        Assert.Equal(12.0, clipped.Forward(x, ForwardContext.Eval())[0], 1e-9);
        Assert.Equal(1, clipped.SaturatedOutputs);
    }

    [Fact]
    public void Forward_ChargesArrayEnergyByHand_AndConverterTerms()
    {
        var layer = new AnalogLinear<double>(2, 1, new Rng(8), AnalogConfig.Ideal, bias: false);
        layer.Weight.Value[0] = 0.5;
        layer.Weight.Value[1] = -1.0;
        var ledger = new CostLedger();
        layer.Forward(Tensor<double>.FromArray([1.0, 0.5], 1, 2), new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        // Voltages 0.2 V and 0.1 V (AbsMax scaling); devices 12.5 µS and 25 µS; t = 250 ns.
        double expected = ((0.2 * 0.2 * 12.5e-6) + (0.1 * 0.1 * 25e-6)) * 250e-9;
        var array = ledger.Entries.Single(e => e.Component == "analog array");
        Assert.Equal(expected, array.EnergyJoules, 1e-24);
        Assert.Equal(CostCategory.Core, array.Category);
        Assert.Contains(ledger.Entries, e => e.Component == "analog ADC" && e.Uses == 1);
        Assert.Contains(ledger.Entries, e => e.Component == "analog DAC" && e.Uses == 2);
        Assert.Contains(ledger.Entries, e => e.Component == "analog partial sums");
    }

    [Fact]
    public void PulseWidthEncoding_ChargesArrayEnergyLinearInInput_ByHand()
    {
        var layer = new AnalogLinear<double>(2, 1, new Rng(8), AnalogConfig.Ideal with { InputEncoding = PnnKit.Memristive.Periphery.InputEncoding.PulseWidth }, bias: false);
        layer.Weight.Value[0] = 0.5;
        layer.Weight.Value[1] = -1.0;
        var ledger = new CostLedger();
        layer.Forward(Tensor<double>.FromArray([1.0, 0.5], 1, 2), new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        // 0.2 V for the full window on 12.5 µS, and for half the window on 25 µS.
        double expected = 0.2 * 0.2 * ((1.0 * 12.5e-6) + (0.5 * 25e-6)) * 250e-9;
        Assert.Equal(expected, ledger.Entries.Single(e => e.Component == "analog array").EnergyJoules, 1e-24);
    }

    [Fact]
    public void FloatLayer_MatchesDoubleLayer()
    {
        var d = new AnalogLinear<double>(12, 5, new Rng(11), AnalogConfig.Ideal);
        var f = new AnalogLinear<float>(12, 5, new Rng(11), AnalogConfig.Ideal);
        var x = RandomInput(3, 12);
        var yd = d.Forward(x, ForwardContext.Eval());
        var yf = f.Forward(x.Cast<float>(), ForwardContext.Eval());
        for (int i = 0; i < yd.Length; i++)
        {
            Assert.Equal(yd[i], yf[i], 1e-5);
        }
    }

    [Fact]
    public void HardwareAwareTraining_SamplesProgrammingNoiseOnlyInTraining()
    {
        var cfg = AnalogConfig.Ideal with { TrainingProgrammingNoiseScale = 1.0 };
        var layer = new AnalogLinear<double>(16, 8, new Rng(9), cfg);
        var x = RandomInput(2, 16);
        var eval = layer.Forward(x, ForwardContext.Eval());
        var r = Reference(layer, x);
        Assert.Equal(r.Data, eval.Data, (a, b) => Math.Abs(a - b) < 1e-12);
        var train1 = layer.Forward(x, ForwardContext.Train(1));
        var train2 = layer.Forward(x, ForwardContext.Train(2));
        Assert.True(Math.Abs(train1[0] - r[0]) > 1e-6);
        Assert.NotEqual(train1[0], train2[0]);
    }

    [Fact]
    public void WeightParameter_IsBoundedToTheRepresentableRange()
    {
        var cfg = new AnalogConfig { Mapping = new PnnKit.Memristive.Crossbar.WeightMapping(weightMax: 0.3) };
        var layer = new AnalogLinear<float>(10, 3, new Rng(10), cfg);
        Assert.Equal(-0.3, layer.Weight.Lower);
        Assert.Equal(0.3, layer.Weight.Upper);
        layer.Weight.Value[0] = 2f;
        layer.Weight.Clamp();
        Assert.Equal(0.3f, layer.Weight.Value[0]);
    }

    [Theory]
    [InlineData("TileRows")]
    [InlineData("AdcBits")]
    [InlineData("DacBits")]
    public void BadConfig_IsRefused_NamingTheSetting(string setting)
    {
        var cfg = setting switch
        {
            "TileRows" => new AnalogConfig { TileRows = 0 },
            "AdcBits" => new AnalogConfig { AdcBits = 30 },
            _ => new AnalogConfig { DacBits = 1 },
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new AnalogLinear<double>(4, 4, new Rng(1), cfg));
        Assert.Equal(setting, ex.ParamName);
    }

    [Fact]
    public void NoisyForward_IsReproducibleFromTheSeed_WhenParallel()
    {
        var layer = new AnalogLinear<float>(64, 600, new Rng(12), new AnalogConfig { TileColumns = 256 });
        var x = RandomInput(96, 64).Cast<float>(); // 96 × 600 outputs: large enough to run in parallel blocks
        var y1 = layer.Forward(x, ForwardContext.Eval(4));
        var y2 = layer.Forward(x, ForwardContext.Eval(4));
        var y3 = layer.Forward(x, ForwardContext.Eval(5));
        Assert.Equal(y1.Data, y2.Data);
        Assert.NotEqual(y1.Data, y3.Data);
    }

    [Fact]
    public void TwoLayersWithTheSameName_DrawIndependentNoise()
    {
        var cfg = AnalogConfig.Ideal with { OutputNoise = 0.1 };
        var rng = new Rng(13);
        var a = new AnalogLinear<double>(4, 50, rng, cfg, bias: false);
        var b = new AnalogLinear<double>(4, 50, rng, cfg, bias: false);
        a.Weight.Value.Clear();
        b.Weight.Value.Clear();
        var x = Tensor<double>.FromArray([1.0, 0, 0, 0], 1, 4);
        Assert.NotEqual(a.Forward(x, ForwardContext.Eval(1)).Data, b.Forward(x, ForwardContext.Eval(1)).Data);
    }

    [Fact]
    public void Forward_RefusesWrongInputWidth()
    {
        var layer = new AnalogLinear<double>(4, 2, new Rng(1));
        var ex = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor<double>(1, 5), ForwardContext.Eval()));
        Assert.Contains("4 input features", ex.Message);
    }
}
