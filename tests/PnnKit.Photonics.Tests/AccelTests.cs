using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Accel;

namespace PnnKit.Photonics.Tests;

public class AccelTests
{
    private static ForwardContext Ctx() => new(Mode.Eval, new Rng(1));

    [Fact]
    public void PhotodiodeArray_CollectsTheFillFactorOfEachCellsPower()
    {
        // A 10×10 plane, 4×4 photodiodes of 2×2 pixels centred (offset 1): a uniform field |E|² = 0.25 gives every
        // photodiode 4 pixels × 0.25 × FF × gain; the ring of pixels outside the array is not collected.
        var array = new PhotodiodeArray<double>(10, 4, fillFactor: 0.0914, gain: 3);
        var x = new Tensor<double>(1, 2, 100);
        x.Span[..100].Fill(0.3);
        x.Span[100..].Fill(0.4);
        var y = array.Forward(x, Ctx());
        Assert.Equal(16, y.Dim(1));
        Assert.All(y.Data.ToArray(), v => Assert.Equal(4 * 0.25 * 0.0914 * 3, v, 1e-12));
        Assert.Equal(-1, array.CellOf(0));
        Assert.Equal(0, array.CellOf(11));
        Assert.Equal(15, array.CellOf(88));
    }

    [Fact]
    public void PhotodiodeArray_GradientsMatchFiniteDifferences()
    {
        var array = new PhotodiodeArray<double>(9, 3, fillFactor: 0.5, gain: 2);
        var x = new Tensor<double>(2, 2, 81);
        new Rng(2).FillNormal(x.Span, 0, 1);
        GradientCheck.Run(array, x, maxEntries: 40).AssertWithin(1e-7);
    }

    [Fact]
    public void Crossbar_BinaryWeightsSteerEachCurrentToOneLine()
    {
        var eac = new CurrentDomainCrossbar<double>(5, 2, 2, new Rng(3), gain: 0.5);
        var x = Tensor<double>.FromArray([1, 2, 3, 4, 5], 1, 5);
        var y = eac.Forward(x, Ctx());
        var w = eac.Weight.Value;
        for (int k = 0; k < 2; k++)
        {
            // Independent: positive line minus negative line.
            double plus = 0, minus = 0;
            for (int j = 0; j < 5; j++)
            {
                (w[k, j] >= 0 ? ref plus : ref minus) += x[0, j];
            }
            Assert.Equal(0.5 * (plus - minus), y[0, k], 1e-12);
        }
        Assert.All(eac.ProgrammedWeights(), q => Assert.True(q is 1 or -1));
        Assert.Equal(0, CurrentDomainCrossbar<double>.Quantize(0.2, 3));
        Assert.Equal(-1, CurrentDomainCrossbar<double>.Quantize(-0.5, 3));
    }

    [Fact]
    public void Crossbar_InputGradientMatchesFiniteDifferences_AndWeightsPassStraightThrough()
    {
        foreach (int levels in new[] { 2, 3 })
        {
            var eac = new CurrentDomainCrossbar<double>(6, 3, levels, new Rng(4), gain: 1.5);
            var x = new Tensor<double>(2, 6);
            new Rng(5).FillUniform(x.Span, 0.0, 1.0);
            var r = new Tensor<double>(2, 3);
            new Rng(6).FillNormal(r.Span, 0, 1);
            eac.Forward(x, Ctx());
            var dx = eac.Backward(r);
            double L(Tensor<double> input)
            {
                var y = eac.Forward(input, Ctx());
                double s = 0;
                for (int i = 0; i < y.Length; i++)
                {
                    s += r.Data[i] * y.Data[i];
                }
                return s;
            }
            const double h = 1e-6;
            for (int i = 0; i < x.Length; i++)
            {
                var xp = x.Clone();
                var xm = x.Clone();
                xp.Span[i] += h;
                xm.Span[i] -= h;
                Assert.Equal((L(xp) - L(xm)) / (2 * h), dx.Data[i], 1e-7);
            }
            // Straight-through: ∂L/∂w_kj = gain · Σ_b r_bk · x_bj.
            Assert.Equal(1.5 * ((r[0, 1] * x[0, 4]) + (r[1, 1] * x[1, 4])), eac.Weight.Grad[1, 4], 1e-12);
        }
    }

    [Fact]
    public void Crossbar_Unquantized_GradientsMatchFiniteDifferences()
    {
        var eac = new CurrentDomainCrossbar<double>(7, 3, 0, new Rng(7), gain: 2);
        var x = new Tensor<double>(2, 7);
        new Rng(8).FillNormal(x.Span, 0, 1);
        GradientCheck.Run(eac, x).AssertWithin(1e-7);
    }

    [Fact]
    public void BadParameters_AreRefused_NamingTheParameterAndItsRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PhotodiodeArray<double>(64, 32, fillFactor: 1.5));
        Assert.Equal("fillFactor", e.ParamName);
        Assert.Contains("(0, 1]", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhotodiodeArray<double>(16, 32));
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new CurrentDomainCrossbar<double>(4, 2, 4, new Rng(1)));
        Assert.Equal("weightLevels", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CurrentDomainCrossbar<double>(4, 2, 2, new Rng(1), gain: double.NaN));
        e = Assert.Throws<ArgumentOutOfRangeException>(() => (AccelCostModel.Default with { ArrayOpticalPowerWatts = double.NaN }).ChargeAccel(new CostLedger(), 784, 1024, 0.0914, 10, 2, 1));
        Assert.Contains("ArrayOpticalPowerWatts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LineNoise_ResetNoiseIsKtOverC_AndShotNoiseCountsTheCollectedElectrons()
    {
        var m = AccelCostModel.Default;
        // kT/C on a 11.264 pF line at 300 K: √(1.380649e-23 × 300 × 11.264e-12) C = 2.1600e-16 C = 1348.1 electrons.
        Assert.Equal(1348.1, LineNoise.ResetElectrons(11.264e-12, 300), 0.1);
        // At full swing a line collects C·ΔV = 1.1264 pC = 7.030e6 electrons: the array current integrated for 82.16 ns.
        double t = m.IntegrationSeconds(1024, 0.0914);
        var lines = LineNoise.For(m, 1024, 0.0914, t, meanArrayCurrent: 4.0);
        Assert.Equal(11.264e-12 * 0.1 / 1.602176634e-19 * 2 / 4.0, lines.ElectronsPerUnitCurrent, 1e-6 * lines.ElectronsPerUnitCurrent);
        // σ of a line with I model units: √(I·E + r²)/E.
        Assert.Equal(Math.Sqrt((2 * lines.ElectronsPerUnitCurrent) + (1348.1 * 1348.1)) / lines.ElectronsPerUnitCurrent, lines.StdOf(2), 1e-4 * lines.StdOf(2));
        // The frame held to 72 ns: 72 − 1.0007 (flight) − 10 × 1 (resets) − 4 × 1 (comparators) = 56.999 ns over 10 nodes.
        Assert.Equal((72e-9 - (0.3 / 299_792_458.0) - 10e-9 - 4e-9) / 10, m.NodeSecondsWithinFrame(72e-9, 10, 2), 1e-18);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => m.NodeSecondsWithinFrame(10e-9, 10, 2));
        Assert.Equal("frameSeconds", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => LineNoise.For(m, 1024, 0.0914, 0, 4.0));
    }

    [Fact]
    public void Crossbar_WithLineNoise_ReadsFreshNoiseOfTheTwoLinesVariances_AndTrainsOnNoiseFreeLines()
    {
        var eac = new CurrentDomainCrossbar<double>(8, 2, 2, new Rng(8), gain: 0.7);
        var x = Tensor<double>.FromArray([0.5, 1.0, 0.2, 0.9, 0.4, 0.7, 0.1, 0.3], 1, 8);
        var clean = eac.Forward(x, Ctx());
        var noise = new LineNoise(ElectronsPerUnitCurrent: 400, ResetNoiseElectrons: 30);
        eac.Noise = noise;
        // Training sees the noise-free law.
        Assert.Equal(clean.Data.ToArray(), eac.Forward(x, new ForwardContext(Mode.Train, new Rng(1))).Data.ToArray());
        var ctx = Ctx();
        var q = eac.ProgrammedWeights();
        const int reads = 20_000;
        for (int k = 0; k < 2; k++)
        {
            double plus = 0, minus = 0;
            for (int j = 0; j < 8; j++)
            {
                (q[(k * 8) + j] > 0 ? ref plus : ref minus) += x[0, j];
            }
            // Independent: var = gain² · ((P·E + r²) + (N·E + r²)) / E².
            double expected = 0.49 * ((plus * 400) + (minus * 400) + (2 * 900)) / (400.0 * 400.0);
            double sum = 0, sq = 0;
            var readsCtx = Ctx();
            for (int i = 0; i < reads; i++)
            {
                double v = eac.Forward(x, readsCtx)[0, k] - clean[0, k];
                sum += v;
                sq += v * v;
            }
            double mean = sum / reads, variance = (sq / reads) - (mean * mean);
            Assert.Equal(0, mean, 4 * Math.Sqrt(expected / reads));
            Assert.Equal(expected, variance, 0.04 * expected); // the sample variance's sd is √(2/n) ≈ 1 %
        }
        Assert.NotEqual(eac.Forward(x, ctx)[0, 0], eac.Forward(x, ctx)[0, 0]); // fresh per read
    }

    [Fact]
    public void CostModel_FrameLatencyAndEnergy_MatchTheHandCalculation()
    {
        var m = AccelCostModel.Default;
        // Array current R·FF·P = 0.3 × 0.0914 × 1 mW = 27.42 µA; a line holds 512 pixels × (20 + 2) fF = 11.264 pF and
        // carries half the current: t = 11.264 pF × 0.1 V / 13.71 µA = 82.16 ns per node.
        Assert.Equal(27.42e-6, m.ArrayCurrentAmps(0.0914), 1e-10);
        Assert.Equal(11.264e-12, m.LineCapacitanceFarads(1024), 1e-16);
        double tInt = 11.264e-12 * 0.1 / (27.42e-6 / 2);
        Assert.Equal(tInt, m.IntegrationSeconds(1024, 0.0914), 1e-15);
        // Frame: 2 gaps of 150 mm (1.0007 ns) + 10 × (1 ns reset + t) + 4 comparator levels × 1 ns.
        double frame = (0.3 / 299_792_458.0) + (10 * (1e-9 + tInt)) + 4e-9;
        Assert.Equal(frame, m.AccelFrameSeconds(1024, 0.0914, 10, 2), 1e-15);
        Assert.Equal(836.6e-9, frame, 0.1e-9);
        var ledger = new CostLedger();
        m.ChargeAccel(ledger, 784, 1024, 0.0914, 10, 2, 3);
        ledger.RecordInferences(3);
        Assert.Equal(frame, ledger.LatencySeconds, 1e-15);
        // Core: lines 10 × 2 × 11.264 pF × 0.1 V × 1.8 V = 40.55 pJ; switches 10 × 1024 × 2 fF × 1.8² = 66.36 pJ; the light on the array, 1 mW over the frame.
        Assert.Equal((10 * 2 * 11.264e-12 * 0.1 * 1.8) + (10 * 1024 * 2e-15 * 1.8 * 1.8) + (1e-3 * frame), ledger.CoreEnergy.Joules, 1e-16);
        // System adds the laser at the wall: 1 mW / 0.005 / 0.02 = 10 W over the frame.
        Assert.True(ledger.SystemEnergy(Duration.Zero).Joules > 10 * frame);
        Assert.Contains("amplitude SLM panel", ledger.Excluded.Keys);
    }

    [Fact]
    public void CostModel_AdcPerPixelDesign_PaysForConvertersAndMacs()
    {
        var m = AccelCostModel.Default;
        var accel = new CostLedger();
        m.ChargeAccel(accel, 784, 1024, 0.0914, 10, 2, 1);
        accel.RecordInferences(1);
        var adc = new CostLedger();
        m.ChargeAdcPerPixel(adc, 784, 1024, 0.0914, 10, 2, 1, weightBits: 1);
        adc.RecordInferences(1);
        // 1,024 ADCs of 8 bits at 20 fJ per step: 1024 × 5.12 pJ; 10,240 int8 MACs; 160 64-bit weight reads of 10 pJ.
        double adcs = adc.Entries.Single(e => e.Component.StartsWith("per-pixel ADCs", StringComparison.Ordinal)).EnergyJoules;
        Assert.Equal(1024 * 20e-15 * 256, adcs, 1e-15);
        Assert.Equal(160 * 10e-12, adc.Entries.Single(e => e.Category == CostCategory.Memory).EnergyJoules, 1e-15);
        // Pixel integration 20 fF × 0.1 V / (27.42 µA / 1024) = 74.69 ns, + reset, one 10 MS/s conversion, 10,240 MACs at 256 G/s, time of flight.
        double frame = (0.3 / 299_792_458.0) + 1e-9 + (20e-15 * 0.1 / (27.42e-6 / 1024)) + 100e-9 + (10240 / 256e9);
        Assert.Equal(frame, m.AdcFrameSeconds(1024, 0.0914, 10, 2), 1e-15);
        // Both cores hold the light on the array over their own frame; the electronic cores differ by the MACs.
        double Light(CostLedger l) => l.Entries.Single(e => e.Component == AccelCostModel.LightOnArray).EnergyJoules;
        Assert.Equal(1e-3 * frame, Light(adc), 1e-18);
        Assert.True(adc.CoreEnergy.Joules - Light(adc) > 10 * (accel.CoreEnergy.Joules - Light(accel)));
    }
}
