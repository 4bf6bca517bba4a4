using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Linear;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.TensorCore;

namespace PnnKit.Photonics.Tests;

public class PhotonicLinearTests
{
    private static Tensor<double> Input(int rows, int cols, ulong seed = 4)
    {
        var x = new Tensor<double>(rows, cols);
        new Rng(seed).FillNormal(x.Span, 0, 1);
        return x;
    }

    private static Linear<double> Digital(PhotonicLinear<double> p)
    {
        var d = new Linear<double>(p.Inputs, p.Outputs, new Rng(0), bias: p.Bias is not null);
        p.Weight.Value.Span.CopyTo(d.Weight.Value.Span);
        p.Bias?.Value.Span.CopyTo(d.Bias!.Value.Span);
        return d;
    }

    [Theory]
    [InlineData(37, 21, 8)]
    [InlineData(16, 16, 16)]
    [InlineData(5, 3, 4)]
    public void Ideal_EqualsTheDenseLayer_WithPartialTiles(int inputs, int outputs, int tile)
    {
        var p = new PhotonicLinear<double>(inputs, outputs, new Rng(1), PhotonicCoreConfig.Ideal with { TileSize = tile });
        var x = Input(6, inputs);
        var expected = Digital(p).Forward(x, ForwardContext.Eval()).Data;
        var actual = p.Forward(x, ForwardContext.Eval()).Data;
        Assert.All(expected.Zip(actual), e => Assert.Equal(e.First, e.Second, 9));
    }

    [Fact]
    public void Ideal_GradientsMatchFiniteDifferences()
    {
        var p = new PhotonicLinear<double>(9, 5, new Rng(2), PhotonicCoreConfig.Ideal with { TileSize = 4 });
        GradientCheck.Run(p, Input(3, 9)).AssertWithin(1e-7);
    }

    [Fact]
    public void Default_ConvertersAndReadNoise_PerturbTheOutputSlightly()
    {
        var p = new PhotonicLinear<double>(64, 32, new Rng(3));
        var x = Input(20, 64);
        var exact = Digital(p).Forward(x, ForwardContext.Eval()).Data;
        var real = p.Forward(x, ForwardContext.Eval(5)).Data;
        double rms = Math.Sqrt(exact.Average(v => v * v));
        double err = Math.Sqrt(exact.Zip(real, (a, b) => (a - b) * (a - b)).Average());
        // 8-bit DACs and ADCs over √16 = 4 and a 2e-3 read noise per tile: a few percent of the signal, not zero.
        Assert.InRange(err / rms, 0.005, 0.05);
    }

    [Fact]
    public void TileGain_IsTheLargestSingularValue_SoTheCoreStaysPassive()
    {
        var w = new double[7 * 5];
        new Rng(8).FillNormal(w.AsSpan(), 0, 1);
        double g = PhotonicLinear<double>.LargestSingularValue(w, 5, 0, 7, 0, 5);
        var padded = new System.Numerics.Complex[7 * 7];
        for (int i = 0; i < 7; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                padded[(i * 7) + j] = w[(i * 5) + j];
            }
        }
        double sigma = ComplexSvd.Decompose(padded, 7).S[0];
        Assert.Equal(sigma, g, 7);
        Assert.True(g >= sigma, "the gain must not fall below σ_max, or the tile W/g would amplify");
    }

    [Fact]
    public void FabricatedCore_WithoutErrors_RealizesTheDesign_AndWithTypicalErrors_DoesNot()
    {
        var p = new PhotonicLinear<double>(20, 12, new Rng(4), PhotonicCoreConfig.Ideal with { TileSize = 8 });
        var x = Input(5, 20);
        var design = p.Forward(x, ForwardContext.Eval()).Data;
        p.Instance = p.Fabricate(MeshVariation.None, 1);
        var perfect = p.Forward(x, ForwardContext.Eval()).Data;
        Assert.All(design.Zip(perfect), e => Assert.Equal(e.First, e.Second, 9));
        p.Instance = p.Fabricate(MeshVariation.Typical, 1);
        var real = p.Forward(x, ForwardContext.Eval()).Data;
        double diff = design.Zip(real, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(diff > 1e-3, $"typical fabrication errors changed the output by only {diff:E2}");
        // The same seed fabricates the same copy.
        Assert.Equal(p.Instance.Effective, p.Fabricate(MeshVariation.Typical, 1).Effective);
        // Gain calibration undoes most of the meshes' insertion loss (paths through a Clements mesh cross different numbers of MZIs, so not all).
        var lossy = MeshVariation.None with { InsertionLossDb = 0.2 };
        var raw = p.Fabricate(lossy, 1, calibrateGains: false);
        var calibrated = p.Fabricate(lossy, 1);
        var w = p.Weight.Value.Data;
        double Error(PhotonicCoreInstance i) => i.Effective.Zip(w, (a, b) => (a - b) * (a - b)).Sum();
        Assert.True(Error(raw) > 0.1, $"0.2 dB per MZI through two meshes should shrink the tiles; error {Error(raw):E2}");
        Assert.True(Error(calibrated) < 0.02 * Error(raw), $"calibrated {Error(calibrated):E2} vs raw {Error(raw):E2}");
        Assert.Equal(0, raw.CalibrationReads);
        // One read per unit input of every tile: 2 row blocks × (8 + 8 + 4) inputs.
        Assert.Equal(2 * (8 + 8 + 4), calibrated.CalibrationReads);
    }

    [Fact]
    public void Ledger_CountsOnePassPerTilePerSample_WithItsConverters()
    {
        // 20 → 12 on 8-mode tiles: ⌈12/8⌉·⌈20/8⌉ = 2·3 = 6 passes per sample.
        var p = new PhotonicLinear<double>(20, 12, new Rng(5), PhotonicCoreConfig.Default with { TileSize = 8 });
        Assert.Equal(6, p.TilePasses);
        var ledger = new CostLedger();
        p.Forward(Input(10, 20), new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        long Uses(string term) => ledger.Entries.Single(e => e.Component == $"photonic core {term}").Uses;
        Assert.Equal(6L * 10 * 8, Uses("input DACs"));
        Assert.Equal(6L * 10 * 8, Uses("light"));
        Assert.Equal(6L * 10 * 8, Uses("laser wall-plug loss"));
        Assert.Equal(6L * 10 * 2 * 8, Uses("homodyne ADCs"));
        ledger.RecordInferences(10);
        Assert.True(ledger.SystemEnergyPerInference(ledger.LatencySeconds) > ledger.CoreEnergyPerInference);
    }

    [Fact]
    public void BadConfig_IsRefused_NamingTheSetting()
    {
        Assert.Equal("TileSize", Assert.Throws<ArgumentOutOfRangeException>(() => new PhotonicLinear<double>(4, 4, new Rng(1), PhotonicCoreConfig.Default with { TileSize = 1 })).ParamName);
        Assert.Equal("ReadNoiseStd", Assert.Throws<ArgumentOutOfRangeException>(() => new PhotonicLinear<double>(4, 4, new Rng(1), PhotonicCoreConfig.Default with { ReadNoiseStd = double.NaN })).ParamName);
    }
}

public class PhotonicConv2dTests
{
    private static Tensor<double> Images(int n, int c, int h, int w, ulong seed = 3)
    {
        var x = new Tensor<double>(n, c, h, w);
        new Rng(seed).FillNormal(x.Span, 0, 1);
        return x;
    }

    [Theory]
    [InlineData(1, 1, 0, 0, 1)]
    [InlineData(2, 1, 1, 2, 1)]
    [InlineData(1, 2, 2, 1, 2)]
    public void Ideal_EqualsConv2d_WithStridePaddingDilation(int stride, int dilation, int padTop, int padLeft, int strideW)
    {
        var conv = new Conv2d<double>(3, 5, 3, 2, new Rng(1), stride, strideW, padTop, padLeft, padTop, padLeft, dilation, 1);
        var p = PhotonicConv2d<double>.From(conv, PhotonicCoreConfig.Ideal with { TileSize = 4 }, new Rng(2));
        var x = Images(2, 3, 9, 8);
        var expected = conv.Forward(x, ForwardContext.Eval());
        var actual = p.Forward(x, ForwardContext.Eval());
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        Assert.All(expected.Data.Zip(actual.Data), e => Assert.Equal(e.First, e.Second, 9));
        GradientCheck.Run(p, Images(2, 3, 7, 6, seed: 5)).AssertWithin(1e-7);
    }

    [Fact]
    public void Ledger_ChargesEveryOutputPixel_AndTheTimeMultiplexedLatency()
    {
        // 2 → 3 channels, 3×3 kernels: patches of 18 on 8-mode tiles are ⌈3/8⌉·⌈18/8⌉ = 3 passes per pixel; 6×6 → 4×4 pixels.
        var p = new PhotonicConv2d<double>(new ConvWindow(2, 3, 3), 3, new Rng(1), PhotonicCoreConfig.Default with { TileSize = 8 });
        var ledger = new CostLedger();
        p.Forward(Images(2, 2, 6, 6), new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        Assert.Equal(3L * 16 * 2 * 8, ledger.Entries.Single(e => e.Component.EndsWith("core input DACs", StringComparison.Ordinal)).Uses);
        var cost = PhotonicCoreConfig.Default.Cost;
        // Per image: 16 pixels × 3 passes, one symbol each (plus the meshes' optical delay, well under a ns).
        double expected = 16 * 3 / cost.SymbolRateHz;
        var laser = ledger.Entries.Single(e => e.Component.EndsWith("core light", StringComparison.Ordinal));
        Assert.InRange(laser.StageLatencySeconds, expected, expected + 1e-9);
        // Each of the 3 tiles is loaded once for the batch: a heater settling time with the core's 2·8² heaters on.
        var loads = ledger.Entries.Single(e => e.Component.EndsWith("core weight loads", StringComparison.Ordinal));
        Assert.Equal(3, loads.Uses);
        Assert.Equal(3 * 2 * 64 * cost.PiPowerWatts * cost.HeaterSettlingSeconds, loads.EnergyJoules, 15);
    }

    [Fact]
    public void Mapper_ConvertsLinearAndConv_MatchingTheDigitalModel_WhenIdeal()
    {
        var rng = new Rng(3);
        var model = new Sequential<double>(new Conv2d<double>(1, 4, 3, 3, rng, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1, name: "c1"), new ReLU<double>(),
            new Residual<double>(new Conv2d<double>(4, 4, 3, 3, rng, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1, name: "c2")), new MaxPool2d<double>(2, 2, 2, 2),
            new Flatten<double>(), new Linear<double>(4 * 3 * 3, 5, rng, name: "fc"));
        var converted = SubstrateConversion.Convert(model, new PhotonicMapper<double>(PhotonicCoreConfig.Ideal with { TileSize = 8 }, new Rng(4)));
        Assert.Equal(["photonic-c1", "relu", "photonic-c2", "maxpool", "flatten", "photonic-fc"], SubstrateConversion.Leaves(converted).Select(l => l.Name));
        var x = Images(3, 1, 6, 6);
        var expected = model.Forward(x, ForwardContext.Eval()).Data;
        var actual = converted.Forward(x, ForwardContext.Eval()).Data;
        Assert.All(expected.Zip(actual), e => Assert.Equal(e.First, e.Second, 9));
    }
}
