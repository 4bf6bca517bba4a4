using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.TensorCore;

namespace PnnKit.Photonics.Tests;

public class IntensityCrossbarTests
{
    private static Tensor<double> Input(int rows, int cols, ulong seed = 4, bool nonNegative = false)
    {
        var x = new Tensor<double>(rows, cols);
        new Rng(seed).FillNormal(x.Span, 0, 1);
        if (nonNegative)
        {
            for (int i = 0; i < x.Length; i++)
            {
                x.Span[i] = Math.Abs(x.Span[i]);
            }
        }
        return x;
    }

    private static double[] Dense(IntensityCrossbarLinear<double> p, Tensor<double> x)
    {
        var d = new Linear<double>(p.Inputs, p.Outputs, new Rng(0), bias: p.Bias is not null);
        p.Weight.Value.Span.CopyTo(d.Weight.Value.Span);
        p.Bias?.Value.Span.CopyTo(d.Bias!.Value.Span);
        return d.Forward(x, ForwardContext.Eval()).Data.ToArray();
    }

    private static double RelativeError(double[] exact, ReadOnlySpan<double> real)
    {
        double rms = Math.Sqrt(exact.Average(v => v * v)), err = 0;
        for (int i = 0; i < exact.Length; i++)
        {
            err += (exact[i] - real[i]) * (exact[i] - real[i]);
        }
        return Math.Sqrt(err / exact.Length) / rms;
    }

    [Theory]
    [InlineData(20, 7)]
    [InlineData(9, 3)]
    [InlineData(5, 2)]
    public void Ideal_EqualsTheDenseLayer_WithSignedWeightsInputsAndPartialTiles(int inputs, int outputs)
    {
        var p = new IntensityCrossbarLinear<double>(inputs, outputs, new Rng(1), IntensityCrossbarConfig.Ideal);
        var x = Input(6, inputs);
        var expected = Dense(p, x);
        var actual = p.Forward(x, ForwardContext.Eval()).Data;
        Assert.All(expected.Zip(actual.ToArray()), e => Assert.Equal(e.First, e.Second, 9));
    }

    [Fact]
    public void FiniteExtinctionRatio_IsUndoneByTheHost_WhenTheDevicesAreNominal()
    {
        // A 7 dB EAM still passes 20 % of its light when closed; the host knows the codes and subtracts that light exactly.
        var p = new IntensityCrossbarLinear<double>(20, 7, new Rng(1), IntensityCrossbarConfig.Ideal with { ExtinctionRatioDb = 7 });
        var x = Input(6, 20);
        var actual = p.Forward(x, ForwardContext.Eval()).Data;
        Assert.All(Dense(p, x).Zip(actual.ToArray()), e => Assert.Equal(e.First, e.Second, 9));
    }

    [Fact]
    public void Ideal_GradientsMatchFiniteDifferences()
    {
        var p = new IntensityCrossbarLinear<double>(11, 5, new Rng(2), IntensityCrossbarConfig.Ideal);
        GradientCheck.Run(p, Input(3, 11)).AssertWithin(1e-7);
        var conv = new IntensityCrossbarConv2d<double>(new ConvWindow(2, 3, 3), 4, new Rng(3), IntensityCrossbarConfig.Ideal);
        var images = new Tensor<double>(2, 2, 5, 5);
        new Rng(5).FillNormal(images.Span, 0, 1);
        GradientCheck.Run(conv, images).AssertWithin(1e-7);
    }

    [Fact]
    public void SignedDecomposition_TakesTwoPassesPerTileForNonNegativeInputs_AndFourForSignedOnes()
    {
        // 18 → 6: 2 × 2 tiles of 3 × 9, each with weights of both signs (uniform ±1/√18 init).
        var p = new IntensityCrossbarLinear<double>(18, 6, new Rng(6), IntensityCrossbarConfig.Ideal);
        Assert.Equal(4, p.Tiles);
        p.Forward(Input(5, 18, nonNegative: true), ForwardContext.Eval());
        Assert.Equal(5L * 4 * 2, p.LastPasses);
        var signed = Input(5, 18);
        var y = p.Forward(signed, ForwardContext.Eval()).Data.ToArray();
        Assert.Equal(5L * 4 * 4, p.LastPasses);
        Assert.All(Dense(p, signed).Zip(y), e => Assert.Equal(e.First, e.Second, 9));
    }

    [Fact]
    public void PassiveCrossbar_NeverDetectsMoreLightThanItReceives()
    {
        var config = IntensityCrossbarConfig.Default with { InsertionLossDb = 0 };
        var rng = new Rng(7);
        // A chip whose EAMs all came out as transparent as physics allows, and typical ones.
        var chips = new[] { IntensityCrossbarInstance.Nominal(config), IntensityCrossbarInstance.Fabricate(config, IntensityCrossbarVariation.Typical with { TransmissionSpread = 0.3 }, 1) }
            .Concat(Enumerable.Range(2, 5).Select(s => IntensityCrossbarInstance.Fabricate(config, IntensityCrossbarVariation.Typical, (ulong)s)));
        foreach (var chip in chips)
        {
            for (int trial = 0; trial < 50; trial++)
            {
                var xCodes = new double[9];
                var wCodes = new double[27];
                rng.FillUniform(xCodes.AsSpan(), 0, 1);
                rng.FillUniform(wCodes.AsSpan(), 0, 1);
                if (trial == 0)
                {
                    Array.Fill(xCodes, 1.0);
                    Array.Fill(wCodes, 1.0);
                }
                var powers = chip.DetectedPowers(config, xCodes, wCodes);
                Assert.All(powers, p => Assert.True(p >= 0));
                // Input i receives one unit of laser light; the crossbar can only lose it.
                Assert.True(powers.Sum() <= 9 + 1e-12, $"detected {powers.Sum()} of 9 units");
            }
        }
        // Lossless open devices pass everything: the 1→3 split sends each row a third of every input.
        var open = IntensityCrossbarInstance.Nominal(config).DetectedPowers(config, Enumerable.Repeat(1.0, 9).ToArray(), Enumerable.Repeat(1.0, 27).ToArray());
        Assert.All(open, p => Assert.Equal(3.0, p, 12));
    }

    [Fact]
    public void DefaultProcessor_ConvertersAndDetectorNoise_PerturbTheOutputSlightly_AndFabricationMore()
    {
        var p = new IntensityCrossbarLinear<double>(72, 16, new Rng(3));
        var x = Input(40, 72, nonNegative: true);
        var exact = Dense(p, x);
        double nominal = RelativeError(exact, p.Forward(x, ForwardContext.Eval(5)).Data);
        // Rows of at most 9 × 1 mW × T²/3 ≈ 0.47 mW read over 5 GHz: the TIA's 1.4 µA rms is ~0.3 % of full scale per read, and
        // a signed product takes up to 4 reads per tile over 8 tiles a row, with 8-bit DACs and ADCs: several percent, not zero.
        double quiet = RelativeError(exact, new IntensityCrossbarLinear<double>(72, 16, new Rng(3), IntensityCrossbarConfig.Default with { DetectorNoise = false }).Forward(x, ForwardContext.Eval(5)).Data);
        Assert.InRange(nominal, 0.05, 0.14);
        Assert.InRange(quiet, 0.001, 0.5 * nominal);
        // Noise is drawn per read: another eval seed reads differently.
        Assert.NotEqual(p.Forward(x, ForwardContext.Eval(5)).Data.ToArray(), p.Forward(x, ForwardContext.Eval(6)).Data.ToArray());
        p.Instance = p.Fabricate(IntensityCrossbarVariation.Typical, 1);
        double fabricated = RelativeError(exact, p.Forward(x, ForwardContext.Eval(5)).Data);
        Assert.True(fabricated > nominal * 1.2, $"typical device spread: {fabricated:P2} vs nominal {nominal:P2} (quiet {quiet:P2})");
        Assert.Equal(p.Instance, p.Fabricate(IntensityCrossbarVariation.Typical, 1) with { }, new InstanceComparer());
    }

    [Fact]
    public void Calibration_UndoesTheDevicesGainSpread_AndLeavesANominalChipUnchanged()
    {
        var ideal = IntensityCrossbarConfig.Ideal with { ExtinctionRatioDb = 7 };
        var p = new IntensityCrossbarLinear<double>(30, 8, new Rng(11), ideal);
        var x = Input(12, 30);
        var exact = Dense(p, x);
        // Transmission and responsivity spread only: calibration pre-distorts every EAM's code to the common scale of the
        // weakest device and divides out each photodiode's gain, so the product is exact again.
        var gainsOnly = IntensityCrossbarVariation.Typical with { ExtinctionRatioSpreadDb = 0 };
        p.Instance = p.Fabricate(gainsOnly, 3);
        double raw = RelativeError(exact, p.Forward(x, ForwardContext.Eval()).Data);
        Assert.True(raw > 0.01, $"2 % device spread, uncalibrated: {raw:P2}");
        p.Instance = p.Fabricate(gainsOnly, 3) with { Calibrated = true };
        Assert.Equal(0, RelativeError(exact, p.Forward(x, ForwardContext.Eval()).Data), 9);
        Assert.Equal(2L * (9 + 27) + 3, p.Instance.CalibrationReads);
        // With extinction-ratio spread too, what is left is the EAMs that cannot close as far as nominal: less than uncalibrated.
        p.Instance = p.Fabricate(IntensityCrossbarVariation.Typical, 3);
        double typicalRaw = RelativeError(exact, p.Forward(x, ForwardContext.Eval()).Data);
        p.Instance = p.Instance with { Calibrated = true };
        double typicalCalibrated = RelativeError(exact, p.Forward(x, ForwardContext.Eval()).Data);
        Assert.True(typicalCalibrated < 0.5 * typicalRaw, $"calibrated {typicalCalibrated:P2} vs uncalibrated {typicalRaw:P2}");
        // A chip of nominal devices reads the same calibrated or not (its codes are already on the DAC grid).
        var d = new IntensityCrossbarLinear<double>(30, 8, new Rng(11));
        var nominal = d.Forward(x, ForwardContext.Eval(2)).Data.ToArray();
        d.Instance = IntensityCrossbarInstance.Nominal(d.Config) with { Calibrated = true };
        Assert.All(nominal.Zip(d.Forward(x, ForwardContext.Eval(2)).Data.ToArray()), e => Assert.Equal(e.First, e.Second, 9));
    }

    private sealed class InstanceComparer : IEqualityComparer<IntensityCrossbarInstance>
    {
        public bool Equals(IntensityCrossbarInstance? a, IntensityCrossbarInstance? b) =>
            a!.InputGain.SequenceEqual(b!.InputGain) && a.WeightGain.SequenceEqual(b.WeightGain) && a.WeightClosed.SequenceEqual(b.WeightClosed) && a.DetectorGain.SequenceEqual(b.DetectorGain);

        public int GetHashCode(IntensityCrossbarInstance obj) => 0;
    }

    [Fact]
    public void Ledger_ChargesEveryPassAndLoad_WithTheTimeMultiplexedLatency()
    {
        var config = IntensityCrossbarConfig.Default;
        var p = new IntensityCrossbarLinear<double>(18, 6, new Rng(6), config);
        var ledger = new CostLedger();
        p.Forward(Input(10, 18, nonNegative: true), new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        long passes = p.LastPasses;
        Assert.Equal(10L * 4 * 2, passes);
        CostEntry Entry(string term) => ledger.Entries.Single(e => e.Component == $"crossbar {term}");
        Assert.Equal(9 * passes, Entry("input DACs").Uses);
        Assert.Equal(3 * passes, Entry("ADCs").Uses);
        // 4 tiles × 2 signs loaded once for the batch, 27 weight EAMs each.
        Assert.Equal(8L * 27, Entry("weight loads").Uses);
        // The light: 9 inputs × 1 mW for one 100 ps symbol per pass.
        Assert.Equal(passes * 9 * 1e-3 / 10e9 * 1e15, Entry("crossbar light").EnergyJoules * 1e15, 9);
        // One inference: 8 passes and 8 loads, a symbol each.
        Assert.Equal(16 / 10e9, Entry("crossbar light").StageLatencySeconds, 15);
        ledger.RecordInferences(10);
        double core = ledger.CoreEnergyPerInference, system = ledger.SystemEnergyPerInference(ledger.LatencySeconds);
        Assert.True(core > 0 && system > 10 * core, $"core {core:E2} J, system {system:E2} J");
    }

    [Fact]
    public void Mapper_ConvertsLinearAndConv_MatchingTheDigitalModel_WhenIdeal()
    {
        var rng = new Rng(3);
        var model = new Sequential<double>(new Conv2d<double>(1, 4, 3, 3, rng, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1, name: "c1"), new ReLU<double>(),
            new MaxPool2d<double>(2, 2, 2, 2), new Flatten<double>(), new Linear<double>(4 * 3 * 3, 5, rng, name: "fc"));
        var converted = SubstrateConversion.Convert(model, new IntensityCrossbarMapper<double>(IntensityCrossbarConfig.Ideal, new Rng(4)));
        Assert.Equal(["crossbar-c1", "relu", "maxpool", "flatten", "crossbar-fc"], SubstrateConversion.Leaves(converted).Select(l => l.Name));
        var x = new Tensor<double>(3, 1, 6, 6);
        new Rng(9).FillNormal(x.Span, 0, 1);
        var expected = model.Forward(x, ForwardContext.Eval()).Data.ToArray();
        var actual = converted.Forward(x, ForwardContext.Eval()).Data.ToArray();
        Assert.All(expected.Zip(actual), e => Assert.Equal(e.First, e.Second, 9));
        Assert.Equal(2, IntensityCrossbarLayers.Of(converted).Count);
    }

    [Fact]
    public void BadConfig_IsRefused_NamingTheSetting()
    {
        Assert.Equal("ExtinctionRatioDb", Assert.Throws<ArgumentOutOfRangeException>(() => new IntensityCrossbarLinear<double>(4, 4, new Rng(1), IntensityCrossbarConfig.Default with { ExtinctionRatioDb = 0 })).ParamName);
        Assert.Equal("AdcBits", Assert.Throws<ArgumentOutOfRangeException>(() => new IntensityCrossbarLinear<double>(4, 4, new Rng(1), IntensityCrossbarConfig.Default with { AdcBits = 17 })).ParamName);
        Assert.Equal("SymbolRateHz", Assert.Throws<ArgumentOutOfRangeException>(() => new IntensityCrossbarLinear<double>(4, 4, new Rng(1), IntensityCrossbarConfig.Default with { SymbolRateHz = double.NaN })).ParamName);
        Assert.Equal("TransmissionSpread", Assert.Throws<ArgumentOutOfRangeException>(() => IntensityCrossbarInstance.Fabricate(IntensityCrossbarConfig.Default, new IntensityCrossbarVariation { TransmissionSpread = -1 }, 1)).ParamName);
    }
}
