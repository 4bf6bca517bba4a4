using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;

namespace PnnKit.Memristive.Tests.Layers;

public class CrossbarMapperTests
{
    /// <summary>conv → relu → maxpool → residual block (conv, relu, conv) → flatten → linear, on 1×8×8 images, 3 classes.</summary>
    internal static Sequential<double> SmallCnn(ulong seed = 1)
    {
        var rng = new Rng(seed);
        var block = new Sequential<double>(
            new Conv2d<double>(4, 4, 3, 3, rng.Split("conv2"), padTop: 1, padLeft: 1, padBottom: 1, padRight: 1, name: "conv2"),
            new ReLU<double>(),
            new Conv2d<double>(4, 4, 3, 3, rng.Split("conv3"), padTop: 1, padLeft: 1, padBottom: 1, padRight: 1, name: "conv3"));
        return new Sequential<double>(
            new Conv2d<double>(1, 4, 3, 3, rng.Split("conv1"), padTop: 1, padLeft: 1, padBottom: 1, padRight: 1, name: "conv1"),
            new ReLU<double>(),
            new MaxPool2d<double>(2, 2, 2, 2),
            new Residual<double>(block),
            new Flatten<double>(),
            new Linear<double>(4 * 4 * 4, 3, rng.Split("fc"), name: "fc"));
    }

    internal static Tensor<double> Images(int batch, ulong seed = 2)
    {
        var x = new Tensor<double>(batch, 1, 8, 8);
        new Rng(seed).FillNormal(x.Span, 0, 1);
        return x;
    }

    [Fact]
    public void Convert_SmallCnn_WithIdealConfig_MatchesTheDigitalModel()
    {
        var digital = SmallCnn();
        var converted = SubstrateConversion.Convert(digital, new CrossbarMapper<double>(AnalogConfig.Ideal with { TileRows = 16, TileColumns = 3 }, new Rng(3)));
        Assert.Equal(
            ["AnalogConv2d`1", "ReLU`1", "MaxPool2d`1", "AnalogConv2d`1", "ReLU`1", "AnalogConv2d`1", "Flatten`1", "AnalogLinear`1"],
            SubstrateConversion.Leaves(converted).Select(l => l.GetType().Name));
        var x = Images(5);
        var expected = digital.Forward(x, ForwardContext.Eval());
        var y = converted.Forward(x, ForwardContext.Eval());
        for (int i = 0; i < y.Length; i++)
        {
            Assert.Equal(expected[i], y[i], 1e-9);
        }
    }

    [Fact]
    public void Convert_SmallCnn_WithDefaultConfig_DiffersSlightly()
    {
        var digital = SmallCnn();
        var converted = SubstrateConversion.Convert(digital, new CrossbarMapper<double>(new AnalogConfig(), new Rng(3)));
        var x = Images(32);
        var expected = digital.Forward(x, ForwardContext.Eval());
        var y = converted.Forward(x, ForwardContext.Eval(4));
        double err = 0, norm = 0;
        int agree = 0;
        for (int b = 0; b < y.Rows; b++)
        {
            for (int j = 0; j < y.RowLength; j++)
            {
                err += (y[b, j] - expected[b, j]) * (y[b, j] - expected[b, j]);
                norm += expected[b, j] * expected[b, j];
            }
            agree += ArgMax(y.Row(b)) == ArgMax(expected.Row(b)) ? 1 : 0;
        }
        // 8-bit converters and output noise (≈ 4 % per layer here) through four crossbar layers: ≈ 8 % on the
        // logits of this untrained net (8–10 % over mapper seeds), and nearly every decision kept (29–32 of 32).
        Assert.InRange(Math.Sqrt(err / norm), 0.01, 0.2);
        Assert.True(agree >= 28, $"{agree} of 32 decisions agree");
    }

    private static int ArgMax(ReadOnlySpan<double> v)
    {
        int best = 0;
        for (int i = 1; i < v.Length; i++)
        {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }

    [Fact]
    public void Convert_KeepsLayerAndParameterNames_AndSharesDigitalLayers()
    {
        var digital = SmallCnn();
        var converted = (Sequential<double>)SubstrateConversion.Convert(digital, new CrossbarMapper<double>(new AnalogConfig(), new Rng(3)));
        Assert.Equal(SubstrateConversion.Leaves<double>(digital).Select(l => l.Name), SubstrateConversion.Leaves<double>(converted).Select(l => l.Name));
        var names = converted.NamedParameters().Select(p => p.Name).ToList();
        Assert.Equal(digital.NamedParameters().Select(p => p.Name), names);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(digital.Parameters.Select(p => p.Value.Shape.ToArray()), converted.Parameters.Select(p => p.Value.Shape.ToArray()));
        Assert.Same(digital.Layers[1], converted.Layers[1]);
        Assert.Same(digital.Layers[2], converted.Layers[2]);
    }

    [Fact]
    public void Map_CopiesWeightsAndBias_AndScalesEachLayersRangeToItsLargestWeight()
    {
        var conv = new Conv2d<double>(2, 3, 3, 3, new Rng(1), strideH: 2, padTop: 1, padRight: 2, dilationW: 2, name: "c");
        conv.Weight.Value[4] = 2.5;
        var linear = new Linear<double>(5, 2, new Rng(2), bias: false, name: "l");
        string? warning = null;
        var cfg = new AnalogConfig { Mapping = new WeightMapping(weightMax: 1.0) { Warn = m => warning = m } };
        var mapper = new CrossbarMapper<double>(cfg, new Rng(3));
        Assert.Equal("memristive", mapper.Substrate);

        var a = Assert.IsType<AnalogConv2d<double>>(mapper.Map(conv));
        Assert.Equal(conv.Weight.Value.Data, a.Weight.Value.Data);
        Assert.Equal(conv.Bias!.Value.Data, a.Bias!.Value.Data);
        Assert.Equal((2, 1, 1, 0, 0, 2, 1, 2), (a.Window.StrideH, a.Window.StrideW, a.Window.PadTop, a.Window.PadLeft, a.Window.PadBottom, a.Window.PadRight, a.Window.DilationH, a.Window.DilationW));
        Assert.Equal(2.5, a.Config.Mapping.WeightMax);
        Assert.Equal(cfg.Mapping.GMax, a.Config.Mapping.GMax);
        var l = Assert.IsType<AnalogLinear<double>>(mapper.Map(linear));
        Assert.Null(l.Bias);
        Assert.Equal(linear.Weight.Value.Data, l.Weight.Value.Data);
        Assert.Equal(linear.Weight.Value.Data.Max(Math.Abs), l.Config.Mapping.WeightMax);
        Assert.Null(mapper.Map(new ReLU<double>()));

        // The weight beyond the configured ±1 is represented, not clipped: the converted conv still equals the digital one.
        var x = new Tensor<double>(1, 2, 6, 6);
        new Rng(4).FillNormal(x.Span, 0, 1);
        var ideal = Assert.IsType<AnalogConv2d<double>>(new CrossbarMapper<double>(AnalogConfig.Ideal with { Mapping = cfg.Mapping }, new Rng(5)).Map(conv));
        var expected = conv.Forward(x, ForwardContext.Eval());
        var y = ideal.Forward(x, ForwardContext.Eval());
        for (int i = 0; i < y.Length; i++)
        {
            Assert.Equal(expected[i], y[i], 1e-9);
        }
        Assert.Null(warning);
    }

    [Fact]
    public void WithoutPerLayerScaling_TheConfiguredMappingIsKept_AndOutOfRangeWeightsFollowItsPolicy()
    {
        var conv = new Conv2d<double>(1, 2, 2, 2, new Rng(1), name: "c");
        conv.Weight.Value[0] = 2.0;
        string? warning = null;
        var cfg = AnalogConfig.Ideal with { Mapping = new WeightMapping(weightMax: 1.0) { Warn = m => warning = m } };
        var a = Assert.IsType<AnalogConv2d<double>>(new CrossbarMapper<double>(cfg, new Rng(2)) { ScaleWeightsPerLayer = false }.Map(conv));
        Assert.Same(cfg.Mapping, a.Config.Mapping);
        var x = new Tensor<double>(1, 1, 3, 3);
        x.Fill(1);
        a.Forward(x, ForwardContext.Eval());
        Assert.NotNull(warning);
        Assert.Contains("clipped", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void MappedLayers_DrawIndependentNoise_AndConversionIsReproducibleFromTheSeed()
    {
        var digital = SmallCnn();
        ILayer<double> Convert() => SubstrateConversion.Convert(digital, new CrossbarMapper<double>(new AnalogConfig(), new Rng(3)));
        var x = Images(4);
        var a = Convert().Forward(x, ForwardContext.Eval(5));
        var b = Convert().Forward(x, ForwardContext.Eval(5));
        Assert.Equal(a.Data, b.Data);
        var c = SubstrateConversion.Convert(digital, new CrossbarMapper<double>(new AnalogConfig(), new Rng(4))).Forward(x, ForwardContext.Eval(5));
        Assert.NotEqual(a.Data, c.Data);
    }
}
