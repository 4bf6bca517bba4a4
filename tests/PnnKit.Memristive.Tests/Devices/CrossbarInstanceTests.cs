using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;
using Xunit.Abstractions;

namespace PnnKit.Memristive.Tests.Devices;

public class CrossbarInstanceTests(ITestOutputHelper output)
{
    private static double[] RandomWeights(int n, ulong seed)
    {
        var w = new double[n];
        new Rng(seed).FillUniform<double>(w, -1, 1);
        return w;
    }

    [Fact]
    public void Fabricate_WithoutVariation_ReproducesTargets_AndLeavesDesignUntouched()
    {
        var w = RandomWeights(6 * 4, 1);
        var design = new CrossbarDesign(w, 6, 4, new WeightMapping());
        var inst = design.Fabricate(DeviceVariation.None, 3);
        var state = inst.At(0, DriftCompensation.None);
        Assert.Equal(design.Weights.ToArray(), w);
        var noRead = new CrossbarDesign(w, 6, 4, new WeightMapping(), new PcmNoiseModel { ReadNoiseScale = 0 }).Fabricate(DeviceVariation.None, 3);
        Assert.Equal(w, noRead.At(0).EffectiveWeights(), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(0, inst.FaultyDevices);
        Assert.Equal(w.Length, state.EffectiveWeights().Length);
    }

    [Fact]
    public void StuckCells_OccurAtTheirRates_AndHoldGMaxOrZero()
    {
        var w = RandomWeights(100 * 100, 2);
        var design = new CrossbarDesign(w, 100, 100, new WeightMapping());
        var inst = design.Fabricate(DeviceVariation.None with { StuckOnRate = 0.05, StuckOffRate = 0.10 }, 4);
        double frac = inst.FaultyDevices / (2.0 * w.Length);
        Assert.InRange(frac, 0.15 - 0.01, 0.15 + 0.01);
        var g = inst.ProgrammedGPlus;
        int atMax = 0;
        for (int i = 0; i < g.Length; i++)
        {
            if (g[i] == design.Mapping.GMax)
            {
                atMax++;
            }
        }
        Assert.InRange(atMax / (double)g.Length, 0.04, 0.06); // stuck-ON devices sit exactly at GMax
    }

    [Fact]
    public void DeviceToDeviceSpread_WithoutVerify_HasConfiguredRelativeStd()
    {
        var w = new double[200 * 100];
        Array.Fill(w, 0.6);
        var design = new CrossbarDesign(w, 200, 100, new WeightMapping());
        var inst = design.Fabricate(DeviceVariation.None with { ConductanceSpread = 0.1, WriteVerifyTolerance = 0 }, 5);
        var ratios = inst.ProgrammedGPlus.ToArray().Select(g => g / (0.6 * design.Mapping.GMax)).ToList();
        double m = ratios.Average();
        double s = Math.Sqrt(ratios.Sum(r => (r - m) * (r - m)) / (ratios.Count - 1));
        Assert.Equal(1.0, m, 0.005);
        Assert.InRange(s, 0.097, 0.103);
    }

    [Fact]
    public void DeviceToDeviceSpread_WithVerify_EndsInsideTheToleranceBand_WellBelowTheRawSpread()
    {
        var w = new double[200 * 100];
        Array.Fill(w, 0.6);
        var design = new CrossbarDesign(w, 200, 100, new WeightMapping());
        double gTarget = 0.6 * design.Mapping.GMax, band = 0.01 * design.Mapping.GMax;
        var inst = design.Fabricate(DeviceVariation.None with { ConductanceSpread = 0.1 }, 5); // default tolerance: 1 % of GMax
        var errors = inst.ProgrammedGPlus.ToArray().Select(g => g - gTarget).ToList();
        // Every device verified inside ±band (|δ| < 1 here, so the loop converges within its budget).
        Assert.All(errors, e => Assert.InRange(e, -band, band));
        double m = errors.Average();
        double s = Math.Sqrt(errors.Sum(e => (e - m) * (e - m)) / (errors.Count - 1));
        Assert.True(s <= band, $"std {s} vs band {band}");
        Assert.True(s < 0.2 * (0.1 * gTarget), $"std {s} should be far below the raw spread {0.1 * gTarget}");
        // One write is the unverified write: target·(1 + δ), the same devices as with verify off.
        Assert.Equal(0, design.Fabricate(DeviceVariation.None with { ConductanceSpread = 0.1, MaxWriteVerifyIterations = 1 }, 5).ProgrammedGPlus.ToArray()
            .Zip(design.Fabricate(DeviceVariation.None with { ConductanceSpread = 0.1, WriteVerifyTolerance = 0 }, 5).ProgrammedGPlus.ToArray(), (a, b) => a - b).Max(Math.Abs), 1e-18);
    }

    [Fact]
    public void Endurance_DevicesStopSwitchingAfterTheirCycles()
    {
        var w = RandomWeights(3 * 2, 6);
        var design = new CrossbarDesign(w, 3, 2, new WeightMapping());
        var inst = design.Fabricate(DeviceVariation.None with { EnduranceCycles = 2 }, 7);
        // Fabrication programs every device once. Halving the weights reprograms only the active device of each pair.
        var w2 = w.Select(v => v * 0.5).ToArray();
        Assert.Equal(0, inst.Reprogram(w2));
        var plusBefore = inst.ProgrammedGPlus.ToArray();
        var minusBefore = inst.ProgrammedGMinus.ToArray();
        // Flipping signs needs the active device (now at 2 cycles: worn out) to go to 0 and the idle one (1 cycle) to switch on.
        int failed = inst.Reprogram(w.Select(v => -v).ToArray());
        Assert.Equal(w.Length, failed);
        Assert.Equal(2 * w.Length, inst.WornOutDevices); // the switched-on devices have now used their 2 cycles too
        for (int i = 0; i < w.Length; i++)
        {
            Assert.Equal(w[i] > 0 ? plusBefore[i] : minusBefore[i], w[i] > 0 ? inst.ProgrammedGPlus[i] : inst.ProgrammedGMinus[i]);
            Assert.True((w[i] > 0 ? inst.ProgrammedGMinus[i] : inst.ProgrammedGPlus[i]) > 0); // the fresh device switched on
        }
    }

    [Fact]
    public void At_RefusesAgeBeforeProgramming()
    {
        var inst = new CrossbarDesign(RandomWeights(4, 8), 2, 2, new WeightMapping()).Fabricate(new DeviceVariation(), 1);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => inst.At(-5));
        Assert.Equal("ageSeconds", ex.ParamName);
        Assert.Contains("before programming", ex.Message);
    }

    [Fact]
    public void At_SameAge_GivesTheSameState()
    {
        var inst = new CrossbarDesign(RandomWeights(16, 9), 4, 4, new WeightMapping()).Fabricate(new DeviceVariation(), 2);
        Assert.Equal(inst.At(3600).GPlus, inst.At(3600).GPlus);
        Assert.NotEqual(inst.At(3600).GPlus, inst.At(7200).GPlus);
    }

    [Theory]
    [InlineData(DriftCompensation.Global)]
    [InlineData(DriftCompensation.PerColumn)]
    public void DriftCompensation_RestoresTheOutputScale_AfterOneYear(DriftCompensation mode)
    {
        var cfg = AnalogConfig.Ideal;
        var layer = new AnalogLinear<double>(128, 32, new Rng(10), cfg, bias: false);
        var x = new Tensor<double>(16, 128);
        new Rng(11).FillUniform(x.Span, 0, 1);
        var reference = layer.Forward(x, ForwardContext.Eval());
        layer.Program(DeviceVariation.None, 12, new PcmNoiseModel { ReadNoiseScale = 0 });
        const double year = 365.25 * 86400;
        double Ratio(DriftCompensation c)
        {
            layer.Compensation = c;
            var y = layer.Forward(x, new ForwardContext(Mode.Eval, new Rng(1)) { AgeSeconds = year });
            double num = 0, den = 0;
            for (int i = 0; i < y.Length; i++)
            {
                num += y[i] * reference[i];
                den += reference[i] * reference[i];
            }
            return num / den; // least-squares scale of the drifted output against the undrifted one
        }
        double raw = Ratio(DriftCompensation.None);
        double compensated = Ratio(mode);
        output.WriteLine($"1 year: output scale {raw:F3} uncompensated, {compensated:F3} with {mode} compensation");
        // Mean ν ≈ 0.05–0.1 over the conductances here: (1.58e6)^−ν is far below 1.
        Assert.InRange(raw, 0.2, 0.6);
        Assert.InRange(compensated, 0.97, 1.03);
    }
}
