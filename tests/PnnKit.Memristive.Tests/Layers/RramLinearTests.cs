using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;

namespace PnnKit.Memristive.Tests.Layers;

public class RramLinearTests
{
    // Arrays of 16 × 4 cells (8 inputs × 4 outputs each), so a 20 → 6 layer spans 3 × 2 arrays.
    private static readonly RramLayerConfig IdealSmall = RramLayerConfig.Ideal with { ArrayRows = 16, ArrayColumns = 4 };

    private static Tensor<double> Input(int batch, int features, ulong seed)
    {
        var x = new Tensor<double>(batch, features);
        new Rng(seed).FillUniform(x.Span, -1, 1);
        return x;
    }

    private static double[] Reference(Tensor<double> x, double[] w, Tensor<double>? bias, int inputs, int outputs, int b)
    {
        var y = new double[outputs];
        for (int j = 0; j < outputs; j++)
        {
            y[j] = bias?[j] ?? 0;
            for (int i = 0; i < inputs; i++)
            {
                y[j] += w[(j * inputs) + i] * x[b, i];
            }
        }
        return y;
    }

    [Fact]
    public void IdealProgrammed_ReproducesXWt_WithTheProgrammedWeights_WithinThe15LevelQuantization()
    {
        var layer = new RramLinear<double>(20, 6, 0.5, new Rng(1), IdealSmall);
        var design = layer.Weight.Value.Data.ToArray();
        var p = layer.Program(3);
        Assert.Equal(6, p.Arrays);
        Assert.Equal(0, p.FailedCells);
        Assert.True(p.Pulses > 0);
        var w = layer.ProgrammedWeights();
        double level = layer.Mapping.WeightMax / (layer.Config.Device.Levels - 1);
        double tol = 2 * layer.Config.Device.VerifyTolerance / layer.Mapping.Scale;
        for (int k = 0; k < w.Length; k++)
        {
            double q15 = Math.Round(design[k] / level) * level;
            Assert.Equal(q15, w[k], tol);
        }
        var x = Input(5, 20, 2);
        var y = layer.Forward(x, ForwardContext.Eval());
        for (int b = 0; b < 5; b++)
        {
            var expected = Reference(x, w, layer.Bias!.Value, 20, 6, b);
            for (int j = 0; j < 6; j++)
            {
                Assert.Equal(expected[j], y[b, j], 1e-12);
            }
        }
    }

    [Fact]
    public void IdealDesignRead_GradientsMatchFiniteDifferences()
    {
        var layer = new RramLinear<double>(20, 6, 0.5, new Rng(4), IdealSmall);
        var result = GradientCheck.Run(layer, Input(3, 20, 5));
        Assert.Equal(3, result.Entries.Count);
        result.AssertWithin(1e-7);
    }

    [Fact]
    public void IdealProgrammed_InputGradientIsTheTransposedReadOfTheProgrammedWeights_MatchingFiniteDifferences()
    {
        var layer = new RramLinear<double>(20, 6, 0.5, new Rng(4), IdealSmall with { Replicas = 2 });
        layer.Program(8);
        var x = Input(3, 20, 6);
        var r = Input(3, 6, 7);
        layer.Forward(x, ForwardContext.Train(1));
        var dx = layer.Backward(r);
        const double h = 1e-6;
        for (int k = 0; k < x.Length; k++)
        {
            double keep = x.Data[k];
            x.Data[k] = keep + h;
            double up = Dot(layer.Forward(x, ForwardContext.Eval()), r);
            x.Data[k] = keep - h;
            double down = Dot(layer.Forward(x, ForwardContext.Eval()), r);
            x.Data[k] = keep;
            Assert.Equal((up - down) / (2 * h), dx.Data[k], 1e-7);
        }
    }

    private static double Dot(Tensor<double> a, Tensor<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a.Data[i] * b.Data[i];
        }
        return s;
    }

    [Fact]
    public void AStuckCell_ChangesExactlyItsWeight()
    {
        // The same seed fabricates the same cells (one fault draw and one gain draw each, whatever the rates) and programs
        // them with the same pulse noise, so the two layers differ only where a cell is stuck.
        var stuckDevice = IdealSmall.Device with { StuckAtOnFraction = 0.03, StuckAtOffFraction = 0.03 };
        var clean = new RramLinear<double>(8, 4, 0.5, new Rng(2), IdealSmall);
        var faulty = new RramLinear<double>(8, 4, 0.5, new Rng(2), IdealSmall with { Device = stuckDevice });
        clean.Program(11);
        faulty.Program(11);
        var inst = faulty.ArraysOf()[0];
        Assert.True(inst.StuckOnCells + inst.StuckOffCells > 0);
        var wc = clean.ProgrammedWeights();
        var wf = faulty.ProgrammedWeights();
        var state = faulty.StatesOf()[0];
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                var fp = inst.Cell(2 * i, j).Fault;
                var fm = inst.Cell((2 * i) + 1, j).Fault;
                int k = (j * 8) + i;
                if (fp == DeviceFault.None && fm == DeviceFault.None)
                {
                    Assert.Equal(wc[k], wf[k]);
                    continue;
                }
                double gp = fp switch { DeviceFault.StuckOn => stuckDevice.GMax, DeviceFault.StuckOff => stuckDevice.GMin, _ => state.Conductance(2 * i, j) };
                double gm = fm switch { DeviceFault.StuckOn => stuckDevice.GMax, DeviceFault.StuckOff => stuckDevice.GMin, _ => state.Conductance((2 * i) + 1, j) };
                Assert.Equal((gp - gm) / faulty.Mapping.Scale, wf[k], 1e-12);
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void StuckCellCompensation_RetargetsThePartner_SoThePairKeepsTheReachableWeight(bool compensate)
    {
        var device = IdealSmall.Device with { StuckAtOnFraction = 0.05, StuckAtOffFraction = 0.05 };
        var layer = new RramLinear<double>(8, 4, 0.5, new Rng(3), IdealSmall with { Device = device, CompensateStuckCells = compensate });
        var design = layer.Weight.Value.Data.ToArray();
        var p = layer.Program(12);
        var inst = layer.ArraysOf()[0];
        var w = layer.ProgrammedWeights();
        double level = 0.5 / (device.Levels - 1), tol = 2 * device.VerifyTolerance / layer.Mapping.Scale;
        int single = 0, missed = 0;
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                var fp = inst.Cell(2 * i, j).Fault;
                var fm = inst.Cell((2 * i) + 1, j).Fault;
                if ((fp == DeviceFault.None) == (fm == DeviceFault.None))
                {
                    continue;
                }
                single++;
                int k = (j * 8) + i;
                double wt = Math.Round(design[k] / level) * level;
                // The stuck cell's value bounds the pair: G⁺ stuck at GMax or G⁻ at GMin gives w ≥ 0, the others w ≤ 0.
                bool nonNegative = fp == DeviceFault.StuckOn || fm == DeviceFault.StuckOff;
                double reachable = nonNegative ? Math.Max(wt, 0) : Math.Min(wt, 0);
                if (compensate)
                {
                    Assert.Equal(reachable, w[k], tol);
                }
                else if (Math.Abs(reachable - w[k]) > tol)
                {
                    missed++;
                }
            }
        }
        Assert.True(single > 0);
        Assert.True(p.FailedCells > 0);
        // Without compensation some reachable weights are missed (a stuck-ON unused cell gives ∓WeightMax).
        Assert.True(compensate || missed > 0, $"{missed} of {single} missed");
        // Failed cells are not pulsed again: rewriting unchanged weights costs nothing.
        Assert.Equal(0, layer.Reprogram().Pulses);
    }

    [Fact]
    public void ReadNoise_GivesFreshDrawsPerRead_AndNoneWithoutIt()
    {
        var noisy = new RramLinear<double>(20, 6, 0.5, new Rng(1), new RramLayerConfig { ArrayRows = 16, ArrayColumns = 4 });
        noisy.Program(3);
        var x = Input(4, 20, 2);
        var ctx = ForwardContext.Eval();
        var a = noisy.Forward(x, ctx);
        var b = noisy.Forward(x, ctx);
        Assert.NotEqual(a.Data.ToArray(), b.Data.ToArray());
        var quiet = new RramLinear<double>(20, 6, 0.5, new Rng(1), new RramLayerConfig { ArrayRows = 16, ArrayColumns = 4, Device = new RramDeviceModel { ReadNoise = 0 } });
        quiet.Program(3);
        Assert.Equal(quiet.Forward(x, ctx).Data.ToArray(), quiet.Forward(x, ctx).Data.ToArray());
    }

    [Fact]
    public void ReadNoise_ColumnSpread_MatchesTheSumOfCellFluctuations()
    {
        var cfg = IdealSmall with { Device = IdealSmall.Device with { ReadNoise = 0.05 } };
        var layer = new RramLinear<double>(8, 1, 0.5, new Rng(1), cfg, bias: false);
        layer.Program(5);
        var state = layer.StatesOf()[0];
        var x = new Tensor<double>(1, 8);
        x.Span.Fill(1);
        double v = cfg.Device.ReadVoltage, var = 0;
        for (int r = 0; r < 16; r++)
        {
            var = Math.Max(var, 0) + Math.Pow(0.05 * state.Conductance(r, 0) * v, 2);
        }
        double expectedSd = Math.Sqrt(var) / (v * layer.Mapping.Scale);
        const int n = 4000;
        double sum = 0, sq = 0;
        var ctx = ForwardContext.Eval(3);
        for (int k = 0; k < n; k++)
        {
            double y = layer.Forward(x, ctx)[0, 0];
            sum += y;
            sq += y * y;
        }
        double mu = sum / n, sd = Math.Sqrt((sq / n) - (mu * mu));
        Assert.Equal(layer.ProgrammedWeights().Sum(), mu, 3 * expectedSd / Math.Sqrt(n) * 2);
        Assert.Equal(expectedSd, sd, 0.06 * expectedSd);
    }

    [Fact]
    public void NonlinearIv_RaisesTheOutputByTheCellCurrentFactor_AtFullScaleInput()
    {
        var cfg = IdealSmall with { Device = IdealSmall.Device with { IvNonlinearity = 0.5 } };
        var layer = new RramLinear<double>(8, 2, 0.5, new Rng(1), cfg, bias: false);
        layer.Program(5);
        var x = new Tensor<double>(1, 8);
        x.Span.Fill(1);
        var w = layer.ProgrammedWeights();
        double gain = 1 + (0.5 * 0.2 * 0.2);
        var y = layer.Forward(x, ForwardContext.Eval());
        for (int j = 0; j < 2; j++)
        {
            Assert.Equal(gain * w.Skip(j * 8).Take(8).Sum(), y[0, j], 1e-12);
        }
    }

    [Fact]
    public void Replicas_AreSeparateArrays_ReadRoundRobin_CellsUpLatencyDown()
    {
        var one = new RramLinear<double>(8, 4, 0.5, new Rng(1), new RramLayerConfig { ArrayRows = 16, ArrayColumns = 4 });
        var three = new RramLinear<double>(8, 4, 0.5, new Rng(1), IdealSmall with { Replicas = 3 });
        three.Program(2);
        Assert.Equal(3, three.ArrayCount);
        Assert.Equal(3 * 2 * 8 * 4, three.Cells);
        Assert.Equal(3 * one.LatencySeconds(100) / 3, one.LatencySeconds(100), 1e-15);
        Assert.Equal(Math.Ceiling(100 / 3.0) * three.Config.ReadCycleSeconds, three.LatencySeconds(100), 1e-15);
        Assert.NotEqual(three.ProgrammedWeights(0), three.ProgrammedWeights(1));
        var x = new Tensor<double>(6, 8);
        for (int b = 0; b < 6; b++)
        {
            for (int i = 0; i < 8; i++)
            {
                x[b, i] = Math.Sin(i + 1);
            }
        }
        var y = three.Forward(x, ForwardContext.Eval());
        for (int b = 0; b < 6; b++)
        {
            var expected = Reference(x, three.ProgrammedWeights(b % 3), three.Bias!.Value, 8, 4, b);
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(expected[j], y[b, j], 1e-12);
            }
        }
    }

    [Fact]
    public void ArrayEnergyAndOutputs_AreTheSameBitForBit_OnOneThreadAndOnFour()
    {
        // Large enough to run its sample blocks in parallel; the energy sum used to depend on which block finished first.
        // Every read draws fresh noise (the read count is part of its seed), so each thread count reads its own, identical, layer once.
        var x = new Tensor<float>(160, 64);
        new Rng(3).FillUniform(x.Span, -1, 1);
        (double Joules, float[] Y) FirstRead(int threads)
        {
            var layer = new RramLinear<float>(64, 32, 0.5, new Rng(2), new RramLayerConfig());
            layer.Program(5);
            int saved = Gemm.MaxThreads;
            try
            {
                Gemm.MaxThreads = threads;
                var ledger = new CostLedger();
                var y = layer.Forward(x, new ForwardContext(Mode.Eval, new Rng(4)) { Ledger = ledger });
                return (ledger.Entries.Single(e => e.Component == "rram array").EnergyJoules, y.Data.ToArray());
            }
            finally
            {
                Gemm.MaxThreads = saved;
            }
        }
        var one = FirstRead(1);
        for (int k = 0; k < 5; k++)
        {
            var four = FirstRead(4);
            Assert.Equal(BitConverter.DoubleToInt64Bits(one.Joules), BitConverter.DoubleToInt64Bits(four.Joules));
            Assert.Equal(one.Y, four.Y);
        }
    }

    [Fact]
    public void Ledger_CountsEveryConverter_AndTheArrayJouleHeating()
    {
        var cfg = IdealSmall with { DacBits = 8, AdcBits = 8, AdcFullScaleFraction = 1 };
        var layer = new RramLinear<double>(20, 6, 0.5, new Rng(1), cfg);
        layer.Program(3);
        var ledger = new CostLedger();
        var x = new Tensor<double>(2, 20);
        x.Span.Fill(1);
        layer.Forward(x, new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        var e = ledger.Entries.ToDictionary(c => c.Component);
        Assert.Equal(2 * 20 * 2, e["rram DAC"].Uses);
        Assert.Equal(2 * 6 * 3, e["rram ADC"].Uses);
        Assert.Equal(2 * 6 * 3, e["rram TIA"].Uses);
        Assert.Equal(2 * 6, e["rram array"].Uses);
        Assert.Equal(2 * 6 * 3 * cfg.AdcCost.EnergyPerConversion(8), e["rram ADC"].EnergyJoules, 1e-24);
        double joule = 0;
        for (int t = 0; t < 6; t++)
        {
            foreach (double g in layer.StatesOf()[t].Conductances)
            {
                joule += g * 0.2 * 0.2 * cfg.ArrayCost.ReadSeconds;
            }
        }
        Assert.Equal(2 * joule, e["rram array"].EnergyJoules, 1e-9 * joule);
    }

    [Fact]
    public void Reprogram_RewritesOnlyCellsWhoseLevelChanged()
    {
        var layer = new RramLinear<double>(8, 4, 0.5, new Rng(1), IdealSmall);
        var first = layer.Program(2);
        Assert.Equal(64, first.CellsRewritten);
        var again = layer.Reprogram();
        Assert.Equal(0, again.CellsRewritten);
        Assert.Equal(0, again.Pulses);
        layer.Weight.Value[0] = 0.5;
        layer.Weight.Value[1] = -0.5;
        var moved = layer.Reprogram();
        Assert.InRange(moved.CellsRewritten, 1, 4);
        Assert.True(moved.Pulses > 0);
        Assert.Equal(0.5, layer.ProgrammedWeights()[0], 2 * layer.Config.Device.VerifyTolerance / layer.Mapping.Scale);
    }

    [Fact]
    public void Age_RelaxesTheProgrammedRead()
    {
        var cfg = IdealSmall with { Device = IdealSmall.Device with { RelaxationSpreadPerDecade = 0.0035, RelaxationDriftPerDecade = 0.0024 } };
        var layer = new RramLinear<double>(8, 4, 0.5, new Rng(1), cfg);
        layer.Program(2);
        var x = Input(2, 8, 3);
        var fresh = layer.Forward(x, ForwardContext.Eval()).Data.ToArray();
        Assert.Equal(fresh, layer.Forward(x, ForwardContext.Eval()).Data.ToArray());
        var aged = layer.Forward(x, new ForwardContext(Mode.Eval, new Rng(0)) { AgeSeconds = 86_400 }).Data.ToArray();
        Assert.NotEqual(fresh, aged);
    }

    [Fact]
    public void Conv_IdealDesignRead_EqualsConv2d_AndGradientsMatchFiniteDifferences()
    {
        var conv = new Conv2d<double>(2, 3, 3, 3, new Rng(5), padTop: 1, padLeft: 1, padBottom: 1, padRight: 1);
        var rram = new RramConv2d<double>(2, 3, 3, 3, 1.0, new Rng(6), IdealSmall, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1);
        conv.Weight.Value.Data.CopyTo(rram.Weight.Value.Data);
        conv.Bias!.Value.Data.CopyTo(rram.Bias!.Value.Data);
        var x = new Tensor<double>(2, 2, 5, 5);
        new Rng(7).FillUniform(x.Span, -1, 1);
        var a = conv.Forward(x, ForwardContext.Eval());
        var b = rram.Forward(x, ForwardContext.Eval());
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i], b[i], 1e-12);
        }
        GradientCheck.Run(rram, x).AssertWithin(1e-7);
    }

    [Fact]
    public void Config_Validate_NamesTheBadField()
    {
        Assert.Equal("ArrayRows", Assert.Throws<ArgumentOutOfRangeException>(() => new RramLayerConfig { ArrayRows = 7 }.Validate()).ParamName);
        Assert.Equal("Replicas", Assert.Throws<ArgumentOutOfRangeException>(() => new RramLayerConfig { Replicas = 0 }.Validate()).ParamName);
        Assert.Equal("AdcFullScaleFraction", Assert.Throws<ArgumentOutOfRangeException>(() => new RramLayerConfig { AdcFullScaleFraction = double.PositiveInfinity }.Validate()).ParamName);
        Assert.Equal("weightMax", Assert.Throws<ArgumentOutOfRangeException>(() => new RramLinear<double>(2, 2, 0, new Rng(1))).ParamName);
    }
}
