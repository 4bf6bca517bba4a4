using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;

namespace PnnKit.Memristive.Tests.Layers;

public class AnalogConv2dTests
{
    /// <summary>One convolution geometry and input size.</summary>
    public sealed record Case(int In, int Out, int KH, int KW, int SH, int SW, int PadTop, int PadLeft, int PadBottom, int PadRight, int DH, int DW, int Batch, int H, int W, bool Bias = true)
    {
        public Conv2d<double> Digital(ulong seed) => new(In, Out, KH, KW, new Rng(seed), SH, SW, PadTop, PadLeft, PadBottom, PadRight, DH, DW, Bias);

        public AnalogConv2d<double> Analog(ulong seed, AnalogConfig config) =>
            new(In, Out, KH, KW, new Rng(seed), config, SH, SW, PadTop, PadLeft, PadBottom, PadRight, DH, DW, Bias);

        public Tensor<double> Input(ulong seed)
        {
            var x = new Tensor<double>(Batch, In, H, W);
            new Rng(seed).FillNormal(x.Span, 0, 1);
            return x;
        }
    }

    public static TheoryData<string, Case> Cases => new()
    {
        { "3x3 same padding", new Case(2, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2, 6, 5) },
        { "stride 2, asymmetric pads", new Case(2, 4, 3, 3, 2, 2, 1, 0, 2, 1, 1, 1, 2, 7, 6) },
        { "dilation 2, 2x3 kernel", new Case(3, 2, 2, 3, 1, 1, 0, 2, 1, 0, 2, 2, 1, 6, 7) },
        { "mixed stride and dilation, no bias", new Case(2, 3, 3, 2, 2, 1, 1, 1, 0, 1, 1, 2, 2, 7, 6, Bias: false) },
    };

    /// <summary>Ideal converters on small tiles, so the kernels' rows and columns are split over several tiles.</summary>
    private static AnalogConfig IdealTiled => AnalogConfig.Ideal with { TileRows = 5, TileColumns = 2 };

    private static AnalogConv2d<double> WithWeightsOf(Case c, Conv2d<double> digital, AnalogConfig config)
    {
        var analog = c.Analog(9, config);
        digital.Weight.Value.Span.CopyTo(analog.Weight.Value.Span);
        digital.Bias?.Value.Span.CopyTo(analog.Bias!.Value.Span);
        return analog;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void IdealConfig_EqualsDigitalConv2d_WithTheSameWeights(string name, Case c)
    {
        var digital = c.Digital(3);
        var analog = WithWeightsOf(c, digital, IdealTiled);
        Assert.True(analog.Inner.Layout.TileCount > 1, name);
        var x = c.Input(4);
        var expected = digital.Forward(x, ForwardContext.Eval());
        var y = analog.Forward(x, ForwardContext.Eval());
        Assert.Equal(expected.Shape.ToArray(), y.Shape.ToArray());
        for (int i = 0; i < y.Length; i++)
        {
            Assert.Equal(expected[i], y[i], 1e-9);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void IdealConfig_GradientsMatchFiniteDifferences(string name, Case c)
    {
        var layer = c.Analog(5, IdealTiled);
        var result = GradientCheck.Run(layer, c.Input(6));
        Assert.True(result.Entries.Count == (c.Bias ? 3 : 2), name);
        result.AssertWithin(1e-7);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void IdealConfig_GradientsEqualDigitalConv2d(string name, Case c)
    {
        var digital = c.Digital(7);
        var analog = WithWeightsOf(c, digital, IdealTiled);
        var x = c.Input(8);
        var g = digital.Forward(x, ForwardContext.Train());
        new Rng(9).FillNormal(g.Span, 0, 1);
        var dxDigital = digital.Backward(g);
        analog.Forward(x, ForwardContext.Train());
        var dxAnalog = analog.Backward(g);
        Assert.True(x.SameShape(dxAnalog), name);
        for (int i = 0; i < dxAnalog.Length; i++)
        {
            Assert.Equal(dxDigital[i], dxAnalog[i], 1e-9);
        }
        for (int i = 0; i < analog.Weight.Grad.Length; i++)
        {
            Assert.Equal(digital.Weight.Grad[i], analog.Weight.Grad[i], 1e-9);
        }
        for (int i = 0; i < (analog.Bias?.Grad.Length ?? 0); i++)
        {
            Assert.Equal(digital.Bias!.Grad[i], analog.Bias!.Grad[i], 1e-9);
        }
    }

    [Fact]
    public void Weight_IsTheInnerCrossbarWeightInConvLayout_OneStorageOneGradient()
    {
        var layer = new AnalogConv2d<double>(2, 3, 3, 2, new Rng(1), AnalogConfig.Ideal, name: "conv");
        Assert.Equal([3, 2, 3, 2], layer.Weight.Value.Shape.ToArray());
        Assert.Equal([3, 12], layer.Inner.Weight.Value.Shape.ToArray());
        Assert.Same(layer.Inner.Weight.Value.Data, layer.Weight.Value.Data);
        Assert.Same(layer.Inner.Weight.Grad.Data, layer.Weight.Grad.Data);
        Assert.Same(layer.Inner.Bias, layer.Bias);
        Assert.Equal(layer.Inner.Weight.Upper, layer.Weight.Upper);
        Assert.Equal([layer.Weight, layer.Bias!], layer.Parameters);
        // A model names each weight once, as it names a digital Conv2d's.
        var model = new Sequential<double>(layer);
        Assert.Equal(["0:conv.weight", "0:conv.bias"], model.NamedParameters().Select(p => p.Name));
        var x = new Tensor<double>(2, 2, 4, 4);
        new Rng(2).FillNormal(x.Span, 0, 1);
        var y = model.Forward(x, ForwardContext.Train());
        y.Fill(1);
        model.Backward(y);
        Assert.Contains(layer.Weight.Grad.Data, v => v != 0);
    }

    [Fact]
    public void DefaultConfig_IsCloseToDigitalConv2d_ButNotEqual()
    {
        var c = new Case(4, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2, 8, 8);
        var digital = c.Digital(11);
        double bound = 1.0 / Math.Sqrt(4 * 9);
        // The mapping's range fits the weights (as CrossbarMapper scales it), so the converters, not the range, limit accuracy.
        var analog = WithWeightsOf(c, digital, new AnalogConfig { Mapping = new WeightMapping(weightMax: bound) });
        var x = c.Input(12);
        var expected = digital.Forward(x, ForwardContext.Eval());
        var y = analog.Forward(x, ForwardContext.Eval(13));
        double err = 0, norm = 0;
        for (int i = 0; i < y.Length; i++)
        {
            err += (y[i] - expected[i]) * (y[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        // 8-bit DAC and ADC and out_noise 0.06: ≈ 4.6 % here, not zero.
        Assert.InRange(Math.Sqrt(err / norm), 0.01, 0.1);
    }

    [Fact]
    public void Ledger_ChargesOneAnalogMvmPerOutputPixel()
    {
        // 2 images of 2×5×5, 3×3 kernels, no padding: 3×3 output pixels each, so 18 matrix–vector products of 18-value patches onto 3 columns.
        var cfg = new AnalogConfig { BoundManagement = BoundManagement.None };
        var layer = new AnalogConv2d<double>(2, 3, 3, 3, new Rng(1), cfg, name: "conv");
        var x = new Tensor<double>(2, 2, 5, 5);
        new Rng(2).FillNormal(x.Span, 0, 1);
        var ledger = new CostLedger();
        layer.Forward(x, new ForwardContext(Mode.Eval, new Rng(3)) { Ledger = ledger });
        const int pixels = 2 * 3 * 3, patch = 2 * 3 * 3, outputs = 3;
        Assert.Equal(1, layer.Inner.Layout.TileCount);
        Assert.Equal(pixels * patch, Uses(ledger, "conv DAC"));
        Assert.Equal(pixels * outputs, Uses(ledger, "conv ADC"));
        Assert.Equal(pixels * outputs, Uses(ledger, "conv TIA"));
        Assert.Equal(pixels, Uses(ledger, "conv array"));
        Assert.Equal(pixels * outputs, Uses(ledger, "conv partial sums"));

        // On 8×2 tiles the 18 rows span 3 row blocks and the 3 columns 2 column blocks: every patch is
        // converted once per column block, every column once per row block (summed digitally), 6 tile reads per pixel.
        var tiled = new AnalogConv2d<double>(2, 3, 3, 3, new Rng(1), cfg with { TileRows = 8, TileColumns = 2 }, name: "conv");
        ledger = new CostLedger();
        tiled.Forward(x, new ForwardContext(Mode.Eval, new Rng(3)) { Ledger = ledger });
        Assert.Equal((3, 2), (tiled.Inner.Layout.RowBlocks, tiled.Inner.Layout.ColumnBlocks));
        Assert.Equal(pixels * patch * 2, Uses(ledger, "conv DAC"));
        Assert.Equal(pixels * outputs * 3, Uses(ledger, "conv ADC"));
        Assert.Equal(pixels * 6, Uses(ledger, "conv array"));
    }

    private static long Uses(CostLedger ledger, string component) => ledger.Entries.Single(e => e.Component == component).Uses;

    [Fact]
    public void FabricatedInstance_ChangesTheOutput_AndAgesWithDrift()
    {
        var c = new Case(2, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2, 6, 6);
        var layer = c.Analog(21, AnalogConfig.Ideal);
        var x = c.Input(22);
        var design = layer.Forward(x, ForwardContext.Eval());
        var instance = layer.Inner.Program(new DeviceVariation(), 23);
        Assert.Same(instance, layer.Inner.Instance);
        layer.Inner.Compensation = DriftCompensation.None;
        var fresh = layer.Forward(x, new ForwardContext(Mode.Eval, new Rng(0)) { AgeSeconds = 1 });
        var aged = layer.Forward(x, new ForwardContext(Mode.Eval, new Rng(0)) { AgeSeconds = 365 * 86_400 });
        double RelativeChange(Tensor<double> a, Tensor<double> b)
        {
            double err = 0, norm = 0;
            for (int i = 0; i < a.Length; i++)
            {
                err += (a[i] - b[i]) * (a[i] - b[i]);
                norm += b[i] * b[i];
            }
            return Math.Sqrt(err / norm);
        }
        // Programming noise and conductance spread move the output; a year of drift without compensation moves it further.
        Assert.InRange(RelativeChange(fresh, design), 1e-3, 1);
        Assert.True(RelativeChange(aged, design) > RelativeChange(fresh, design));
    }

    [Fact]
    public void Forward_RefusesWrongChannelCount_NamingTheLayer()
    {
        var layer = new AnalogConv2d<double>(3, 2, 3, 3, new Rng(1), AnalogConfig.Ideal, name: "xbar-conv");
        var ex = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor<double>(1, 2, 5, 5), ForwardContext.Eval()));
        Assert.Contains("xbar-conv", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FloatLayer_MatchesDoubleLayer()
    {
        var d = new AnalogConv2d<double>(2, 3, 3, 3, new Rng(4), AnalogConfig.Ideal, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1);
        var f = new AnalogConv2d<float>(2, 3, 3, 3, new Rng(4), AnalogConfig.Ideal, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1);
        var x = new Tensor<double>(2, 2, 5, 5);
        new Rng(5).FillNormal(x.Span, 0, 1);
        var yd = d.Forward(x, ForwardContext.Eval());
        var yf = f.Forward(x.Cast<float>(), ForwardContext.Eval());
        for (int i = 0; i < yd.Length; i++)
        {
            Assert.Equal(yd[i], yf[i], 1e-5);
        }
    }
}
