using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Processor;

namespace PnnKit.Memristive.Tests.Processor;

public class AnalogMatrixProcessorTests
{
    private static readonly AnalogMatrixProcessorConfig Small = new() { TileRows = 8, TileColumns = 4, Tiles = 20 };

    private static Tensor<double> Input(int rows, int cols, ulong seed)
    {
        var x = new Tensor<double>(rows, cols);
        new Rng(seed).FillUniform(x.Span, -1, 1);
        return x;
    }

    private static double[] Reference(FlashLinear<double> f, Tensor<double> x)
    {
        var y = new double[x.Rows * f.Outputs];
        for (int b = 0; b < x.Rows; b++)
        {
            for (int j = 0; j < f.Outputs; j++)
            {
                double s = f.Bias!.Value[j];
                for (int i = 0; i < f.Inputs; i++)
                {
                    s += x[b, i] * f.Weight.Value[(j * f.Inputs) + i];
                }
                y[(b * f.Outputs) + j] = s;
            }
        }
        return y;
    }

    [Fact]
    public void IdealLayer_ComputesTheDenseProduct_AcrossRowBlocks()
    {
        var f = new FlashLinear<double>(19, 5, new Rng(1), Small) { Ideal = true, WeightMax = 0.5 };
        Assert.Equal((3, 2), (f.Layout.RowBlocks, f.Layout.ColumnBlocks));
        var x = Input(4, 19, 2);
        var y = f.Forward(x, ForwardContext.Eval());
        var expected = Reference(f, x);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], y.Data[k], 12);
        }
    }

    [Fact]
    public void IdealLayer_GradientsMatchFiniteDifferences()
    {
        var f = new FlashLinear<double>(11, 3, new Rng(4), Small) { Ideal = true, WeightMax = 0.5 };
        var result = GradientCheck.Run(f, Input(3, 11, 5));
        result.AssertWithin(1e-7);
    }

    [Fact]
    public void ProgrammedLayer_NoiseFree_ReadsTheWeightsWithinHalfAnIsppStep()
    {
        var f = new FlashLinear<double>(6, 4, new Rng(6), Small) { Ideal = true, WeightMax = 0.5 };
        var inst = f.Program(seed: 9, noisy: false);
        Assert.Equal(0, inst.Unverified);
        var cell = f.Config.Cell;
        // Vt within ±step/2 → weight within β·step/2 / GMax · WeightMax.
        double tol = cell.Beta * cell.IsppStep / 2 / cell.GMax * f.WeightMax;
        var (gp, gm) = inst.At(0, 300);
        for (int k = 0; k < gp.Length; k++)
        {
            double w = (gp[k] - gm[k]) / cell.GMax * f.WeightMax;
            Assert.InRange(w - f.Weight.Value[k], -tol - 1e-12, tol + 1e-12);
        }
        Assert.Equal(inst.Pulses * cell.PulseEnergy, inst.ProgrammingJoules, 15);
    }

    [Fact]
    public void GlobalCompensation_UndoesAMobilityOnlyTemperatureChange()
    {
        var cfg = Small with { Cell = new FloatingGateCellModel { VtTemperatureCoefficient = 0, ReadNoiseVt = 0 } };
        var f = new FlashLinear<double>(6, 4, new Rng(6), cfg) { Ideal = true, WeightMax = 0.5 };
        f.Program(seed: 9, noisy: false);
        var x = Input(3, 6, 7);
        var room = f.Forward(x, new ForwardContext(Mode.Eval, new Rng(1)) { TemperatureKelvin = 300 });
        var hot = f.Forward(x, new ForwardContext(Mode.Eval, new Rng(1)) { TemperatureKelvin = 360 });
        for (int k = 0; k < room.Length; k++)
        {
            Assert.Equal(room.Data[k], hot.Data[k], 10);
        }
        f.Compensation = DriftCompensation.None;
        var hotRaw = f.Forward(x, new ForwardContext(Mode.Eval, new Rng(1)) { TemperatureKelvin = 360 });
        double bias = f.Bias!.Value[0], ratio = (hotRaw.Data[0] - bias) / (room.Data[0] - bias);
        Assert.Equal(Math.Pow(360 / 300.0, -1.5), ratio, 9);
    }

    [Fact]
    public void CommonModePairs_WithGlobalCompensation_UndoChargeLossAndHeatExactly_OneSidedPairsDoNot()
    {
        var cfg = Small with { Cell = new FloatingGateCellModel { ReadNoiseVt = 0 } };
        var x = Input(3, 6, 7);
        double Deviation(FlashPairEncoding encoding)
        {
            var f = new FlashLinear<double>(6, 4, new Rng(6), cfg) { Ideal = true, WeightMax = 0.5, Encoding = encoding };
            f.Program(seed: 9, noisy: false);
            var fresh = f.Forward(x, new ForwardContext(Mode.Eval, new Rng(1)));
            // A year at 85 °C: ~8.5 decades of accelerated charge loss, and thresholds 58 mV lower while hot.
            var aged = f.Forward(x, new ForwardContext(Mode.Eval, new Rng(1)) { AgeSeconds = 365 * 86_400, TemperatureKelvin = 358 });
            return fresh.Data.Zip(aged.Data, (a, b) => Math.Abs(a - b)).Max();
        }
        Assert.True(Deviation(FlashPairEncoding.CommonMode) < 1e-9);
        Assert.True(Deviation(FlashPairEncoding.OneSided) > 1e-3);
    }

    [Fact]
    public void ReadNoise_HasTheSpreadOfIndependentCellThresholdNoise()
    {
        // σ_y = β σ_RTN ‖x̂‖ / GMax · s · WeightMax with x̂ = x / max|x| (no converters in the ideal layer; noise added when not Ideal).
        var cfg = Small with { TileRows = 64, DacBits = 24, AdcBits = 24 };
        var f = new FlashLinear<double>(32, 1, new Rng(2), cfg) { WeightMax = 1, AdcRange = 1e3 };
        var row = Input(1, 32, 3);
        var x = new Tensor<double>(2000, 32);
        for (int b = 0; b < x.Rows; b++)
        {
            row.Span.CopyTo(x.Row(b));
        }
        var y = f.Forward(x, ForwardContext.Eval(11));
        double mean = y.Data.Average(), std = Math.Sqrt(y.Data.Select(v => (v - mean) * (v - mean)).Average());
        double s = row.Data.Max(Math.Abs), norm = Math.Sqrt(row.Data.Sum(v => (v / s) * (v / s)));
        var cell = cfg.Cell;
        double expected = cell.Beta * cell.ReadNoiseVt * norm / cell.GMax * s;
        Assert.InRange(std, 0.93 * expected, 1.07 * expected);
    }

    [Fact]
    public void Plan_SplitsLayersOverTiles_ReplicatesTheSlowestStage_AndCopiesTheNetwork()
    {
        var rng = new Rng(1);
        var model = new Sequential<double>(
            new Unflatten<double>([1, 4, 4]),
            new Conv2d<double>(1, 2, 2, 2, rng.Split(1UL), name: "conv"),
            new Flatten<double>(),
            new Linear<double>(18, 3, rng.Split(2UL), name: "fc"));
        var chip = SubstrateConversion.Convert(model, new FlashMapper<double>(Small, new Rng(3)));
        var plan = AnalogMatrixProcessor.Plan(chip, Input(1, 16, 4), Small);
        var conv = plan.Layers[0];
        var fc = plan.Layers[1];
        Assert.Equal((4, 2, 9L), (conv.Inputs, conv.Outputs, conv.ReadsPerInference));
        Assert.Equal((3, 1L), (fc.TilesPerCopy, fc.ReadsPerInference)); // 18 rows over tiles of 8: 3 row blocks
        // 20 tiles: fc takes 3, the 1-tile conv gets replicas while it is the slowest stage: 9 → ⌈9/r⌉ products.
        Assert.True(conv.Replicas > 1);
        double product = Small.MvmSeconds + (Math.Ceiling(3.0 * 2 / Small.SimdLanes) / Small.ClockHz);
        Assert.Equal((Math.Ceiling(9.0 / conv.Replicas) * product) + Small.RouterHopSeconds, conv.LatencySeconds, 15);
        Assert.Equal(Small.Tiles / plan.TilesPerNetwork, plan.NetworkCopies);
        Assert.Equal(2 * ((9L * 4 * 2) + (18 * 3)), plan.OpsPerInference);
        Assert.Equal(conv.LatencySeconds + fc.LatencySeconds, plan.OnChipLatencySeconds, 15);
        double link = (16 + 3) / Small.HostLinkBytesPerSecond;
        double slowest = Math.Max(conv.LatencySeconds, fc.LatencySeconds);
        Assert.Equal(Math.Min(plan.NetworkCopies / slowest, 1 / link), plan.InferencesPerSecond, 6);
    }

    [Fact]
    public void IdealConv_EqualsTheDigitalConv2d_AndItsGradientsMatchFiniteDifferences()
    {
        var conv = new Conv2d<double>(2, 3, 3, 3, new Rng(8), padTop: 1, padLeft: 1, padBottom: 1, padRight: 1, name: "c");
        var flash = (FlashConv2d<double>)new FlashMapper<double>(Small, new Rng(9)).Map(conv)!;
        flash.Inner.Ideal = true;
        var x = new Tensor<double>(2, 2, 5, 5);
        new Rng(10).FillUniform(x.Span, -1, 1);
        var expected = conv.Forward(x, ForwardContext.Eval());
        var y = flash.Forward(x, ForwardContext.Eval());
        Assert.Equal(expected.Shape.ToArray(), y.Shape.ToArray());
        for (int k = 0; k < y.Length; k++)
        {
            Assert.Equal(expected.Data[k], y.Data[k], 12);
        }
        // The mapper sets WeightMax to the largest |w|; a finite-difference step beyond it would be clipped, so give it headroom.
        flash.Inner.WeightMax = 2;
        GradientCheck.Run(flash, x).AssertWithin(1e-7);
    }

    [Fact]
    public void Plan_RefusesAModelLargerThanTheChip()
    {
        var chip = SubstrateConversion.Convert<double>(new Linear<double>(64, 64, new Rng(1)), new FlashMapper<double>(Small, new Rng(2)));
        var e = Assert.Throws<ArgumentException>(() => AnalogMatrixProcessor.Plan(chip, Input(1, 64, 1), Small));
        Assert.Contains("needs 128 tiles", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void M1076Defaults_PeakIsEveryWeightEveryProduct()
    {
        var c = new AnalogMatrixProcessorConfig();
        Assert.Equal(76L * 1024 * 1024, c.WeightCapacity);
        // MVM = DAC 1 ns + 1 µs integration + 8 columns per ADC at 100 MS/s.
        Assert.Equal(1e-9 + 1e-6 + (8 / 100e6), c.MvmSeconds, 15);
        Assert.Equal(76 * 2.0 * 1024 * 1024 / c.MvmSeconds, c.PeakOpsPerSecond, 1);
        Assert.Equal((76 * 5e-3) + 0.4, c.StaticWatts, 12);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => (c with { SupplyEfficiency = double.NaN }).Validate());
        Assert.Contains("SupplyEfficiency", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ledger_ChargesCoreConvertersDigitalAndStatic()
    {
        var cfg = Small with { TileRows = 32, TileColumns = 8 };
        var f = new FlashLinear<double>(16, 4, new Rng(6), cfg) { WeightMax = 0.5 };
        AnalogMatrixProcessor.CalibrateAdcs(f, Input(32, 16, 1));
        Assert.True(f.AdcRange > 0);
        var plan = AnalogMatrixProcessor.Plan(f, Input(1, 16, 2), cfg);
        var ledger = new CostLedger();
        f.Forward(Input(10, 16, 3), new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        ledger.RecordInferences(10);
        AnalogMatrixProcessor.ChargeChip(ledger, plan, cfg);
        Assert.True(ledger.CoreEnergyPerInference > 0);
        var adc = ledger.Entries.Single(e => e.Component == "flash ADC");
        Assert.Equal(10L * 4, adc.Uses);
        Assert.Equal(40 * cfg.AdcCost.EnergyPerConversion(8), adc.EnergyJoules, 1e-18);
        double system = ledger.SystemEnergyPerInference(1 / plan.InferencesPerSecond);
        Assert.True(system > ledger.CoreEnergyPerInference + (cfg.StaticWatts / plan.InferencesPerSecond) * 0.999);
    }
}
