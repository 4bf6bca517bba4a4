using PnnKit.Core.Random;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;
using Xunit.Abstractions;

namespace PnnKit.Memristive.Tests.Devices;

public class RramDeviceTests(ITestOutputHelper output)
{
    private static readonly RramDeviceModel Model = new();

    private static double[] LevelTargets(RramDeviceModel m, int n, ulong seed)
    {
        var rng = new Rng(seed);
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = m.Level(rng.NextInt(m.Levels));
        }
        return t;
    }

    [Fact]
    public void ProgramAndVerify_ConvergesWithinTolerance_ForReachableTargets_WithPinnedPulseCounts()
    {
        var inst = RramArrayInstance.Fabricate(Model, 32, 32, 11);
        var targets = LevelTargets(Model, 32 * 32, 5);
        var p = inst.Program(targets);
        Assert.Empty(p.FailedCells);
        for (int i = 0; i < targets.Length; i++)
        {
            Assert.True(p.Converged[i]);
            Assert.InRange(p.State.Conductances[i] - targets[i], -Model.VerifyTolerance, Model.VerifyTolerance);
        }
        // Pulses ≈ distance / (step · gain): a cell going GMin → GMax needs about 90 nominal steps, a cell left at GMin none.
        int[] counts = new int[5]; // [0], [1, 30), [30, 60), [60, 90), [90, ∞)
        foreach (int n in p.Pulses)
        {
            counts[n == 0 ? 0 : n < 30 ? 1 : n < 60 ? 2 : n < 90 ? 3 : 4]++;
        }
        output.WriteLine($"pulse histogram {string.Join(", ", counts)}, total {p.TotalPulses}, max {p.Pulses.ToArray().Max()}");
        Assert.Equal([122, 250, 291, 250, 111], counts);
        Assert.Equal(47_737, p.TotalPulses);
    }

    [Fact]
    public void ProgramAndVerify_FailsAndReports_WhenTargetIsUnreachable()
    {
        var r = ProgramAndVerify.Run(Model, RramCell.Nominal, Model.GMin, Model.GMax + 1e-6, new Rng(1));
        Assert.False(r.Converged);
        Assert.Equal(Model.MaxProgramPulses, r.Pulses);
        Assert.Equal(Model.GMax, r.Conductance);
    }

    [Fact]
    public void StuckCells_NeverMove_AndOccurAtTheirRatesWithinBinomialTolerance()
    {
        var m = Model with { StuckAtOnFraction = 0.02, StuckAtOffFraction = 0.05 };
        const int rows = 128, cols = 128, n = rows * cols;
        var inst = RramArrayInstance.Fabricate(m, rows, cols, 7);
        foreach (var (rate, count) in new[] { (0.02, inst.StuckOnCells), (0.05, inst.StuckOffCells) })
        {
            double sigma = Math.Sqrt(n * rate * (1 - rate));
            Assert.InRange(count, (n * rate) - (4 * sigma), (n * rate) + (4 * sigma));
        }
        var targets = LevelTargets(m, n, 3);
        var p = inst.Program(targets);
        var again = inst.Program(LevelTargets(m, n, 4), p.State);
        var cells = inst.Cells;
        int failedStuck = 0;
        for (int i = 0; i < n; i++)
        {
            if (cells[i].Fault == DeviceFault.None)
            {
                continue;
            }
            double held = cells[i].Fault == DeviceFault.StuckOn ? m.GMax : m.GMin;
            Assert.Equal(held, p.State.Conductances[i]);
            Assert.Equal(held, again.State.Conductances[i]);
            Assert.Equal(held, inst.AsFabricated().Conductances[i]);
            if (!p.Converged[i])
            {
                failedStuck++;
                Assert.Equal(m.MaxProgramPulses, p.Pulses[i]);
            }
        }
        // Every failure is a stuck cell asked for a level it does not hold.
        Assert.Equal(failedStuck, p.FailedCells.Count);
        Assert.True(failedStuck > 0);
    }

    [Fact]
    public void Read_IsOhmic_AtSmallVoltage_RisesAboveGV_AndNeverFlowsAgainstTheVoltage()
    {
        var inst = RramArrayInstance.Fabricate(Model, 1, 1, 1);
        var s = inst.Program([Model.Level(5)]).State;
        double g = s.Conductance(0, 0);
        double small = 1e-3;
        Assert.Equal(g * small, s.CellCurrent(0, 0, small), g * small * 1e-5);
        double previous = 1;
        foreach (double v in new[] { 0.05, 0.1, 0.2, 0.4, 0.8 })
        {
            double ratio = s.CellCurrent(0, 0, v) / (g * v);
            Assert.True(ratio > previous || v == 0.05 && ratio >= 1, $"|I|/(G·V) = {ratio} at {v} V should grow with V");
            previous = ratio;
        }
        Assert.Equal(1 + (0.5 * 0.04), s.CellCurrent(0, 0, Model.ReadVoltage) / (g * Model.ReadVoltage), 1e-12);
        for (double v = -1; v <= 1; v += 0.05)
        {
            double i = s.CellCurrent(0, 0, v);
            Assert.True(i * v >= 0, $"current {i} A against voltage {v} V");
            Assert.Equal(-i, s.CellCurrent(0, 0, -v), Math.Abs(i) * 1e-12);
        }
    }

    [Fact]
    public void Read_ColumnCurrent_IsTheSumOfItsCellCurrents()
    {
        var inst = RramArrayInstance.Fabricate(Model, 16, 4, 9);
        var s = inst.Program(LevelTargets(Model, 64, 2)).State;
        var v = new double[16];
        new Rng(3).FillUniform<double>(v, -0.3, 0.3);
        var currents = s.Read(v);
        for (int j = 0; j < 4; j++)
        {
            double sum = 0;
            for (int i = 0; i < 16; i++)
            {
                sum += s.CellCurrent(i, j, v[i]);
            }
            Assert.Equal(sum, currents[j], Math.Abs(sum) * 1e-12);
        }
    }

    [Fact]
    public void DeviceToDeviceSpread_ChangesPulses_ButNotTheVerifiedConductanceBeyondTolerance()
    {
        var targets = LevelTargets(Model, 32 * 32, 8);
        var uniform = RramArrayInstance.Fabricate(Model with { DeviceToDeviceSpread = 0 }, 32, 32, 21).Program(targets);
        var spread = RramArrayInstance.Fabricate(Model with { DeviceToDeviceSpread = 0.2 }, 32, 32, 21).Program(targets);
        Assert.Empty(uniform.FailedCells);
        Assert.Empty(spread.FailedCells);
        Assert.NotEqual(uniform.Pulses.ToArray(), spread.Pulses.ToArray());
        int differ = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            differ += uniform.Pulses[i] != spread.Pulses[i] ? 1 : 0;
            Assert.InRange(spread.State.Conductances[i] - targets[i], -Model.VerifyTolerance, Model.VerifyTolerance);
            Assert.InRange(uniform.State.Conductances[i] - targets[i], -Model.VerifyTolerance, Model.VerifyTolerance);
        }
        output.WriteLine($"{differ} of {targets.Length} cells needed a different pulse count; totals {uniform.TotalPulses} vs {spread.TotalPulses}");
        Assert.True(differ > targets.Length / 2);
    }

    [Fact]
    public void FabricationAndProgramming_AreDeterministicForASeed()
    {
        var m = Model with { StuckAtOnFraction = 0.01, StuckAtOffFraction = 0.01 };
        var targets = LevelTargets(m, 24 * 8, 1);
        var a = RramArrayInstance.Fabricate(m, 24, 8, 42);
        var b = RramArrayInstance.Fabricate(m, 24, 8, 42);
        Assert.Equal(a.Cells.ToArray(), b.Cells.ToArray());
        var pa = a.Program(targets);
        var pb = b.Program(targets);
        Assert.Equal(pa.State.Conductances.ToArray(), pb.State.Conductances.ToArray());
        Assert.Equal(pa.Pulses.ToArray(), pb.Pulses.ToArray());
        Assert.Equal(pa.FailedCells, pb.FailedCells);
        var c = RramArrayInstance.Fabricate(m, 24, 8, 43).Program(targets);
        Assert.NotEqual(pa.State.Conductances.ToArray(), c.State.Conductances.ToArray());
        var r1 = ProgramAndVerify.Run(m, new RramCell(1.3, DeviceFault.None), m.GMin, m.Level(6), new Rng(5));
        var r2 = ProgramAndVerify.Run(m, new RramCell(1.3, DeviceFault.None), m.GMin, m.Level(6), new Rng(5));
        Assert.Equal(r1, r2);
    }

    [Fact]
    public void DifferentialPairs_HoldFifteenWeightLevels_AndReadAsTheSignedProduct()
    {
        var mapping = Model.Mapping(weightMax: 1.0);
        Assert.Equal(Model.GMin, mapping.GMin);
        var w = new double[7 * 3];
        new Rng(4).FillUniform<double>(w, -1, 1);
        var targets = RramDifferentialPairs.Targets(mapping, w, 7, 3, out int clipped);
        Assert.Equal(0, clipped);
        var distinct = new HashSet<double>();
        for (int k = -7; k <= 7; k++)
        {
            distinct.Add(Math.Round(mapping.ToWeight(mapping.Quantize(Model.GMin + (Math.Max(k, 0) * Model.LevelSpacing)), mapping.Quantize(Model.GMin + (Math.Max(-k, 0) * Model.LevelSpacing))), 9));
        }
        Assert.Equal(15, distinct.Count);
        var inst = RramArrayInstance.Fabricate(Model, 14, 3, 2);
        var p = inst.Program(targets);
        Assert.Empty(p.FailedCells);
        var held = RramDifferentialPairs.Weights(mapping, p.State);
        double wTol = 2 * Model.VerifyTolerance / mapping.Scale, quant = 0.5 * Model.LevelSpacing / mapping.Scale;
        for (int i = 0; i < w.Length; i++)
        {
            Assert.InRange(held[i] - w[i], -(wTol + quant) - 1e-12, wTol + quant + 1e-12);
        }
        var x = new[] { 0.1, -0.05, 0.2, 0, 0.15, -0.2, 0.01 };
        var currents = p.State.Read(RramDifferentialPairs.RowVoltages(x));
        for (int j = 0; j < 3; j++)
        {
            double expected = 0;
            for (int i = 0; i < 7; i++)
            {
                expected += held[(i * 3) + j] * mapping.Scale * Model.Current(1, x[i]);
            }
            Assert.Equal(expected, currents[j], 1e-15);
        }
    }

    [Fact]
    public void WeightMapping_WithoutGMin_IsUnchanged()
    {
        var m = new WeightMapping(levels: 5);
        Assert.Equal(0, m.GMin);
        var gp = new double[2];
        var gm = new double[2];
        m.ToConductances([0.5, -1], gp, gm);
        Assert.Equal([0.5 * WeightMapping.DefaultGMax, 0], gp);
        Assert.Equal([0, WeightMapping.DefaultGMax], gm);
    }

    [Theory]
    [InlineData(nameof(RramDeviceModel.GMin))]
    [InlineData(nameof(RramDeviceModel.GMax))]
    [InlineData(nameof(RramDeviceModel.Levels))]
    [InlineData(nameof(RramDeviceModel.VerifyTolerance))]
    [InlineData(nameof(RramDeviceModel.MaxProgramPulses))]
    [InlineData(nameof(RramDeviceModel.PulseStep))]
    [InlineData(nameof(RramDeviceModel.PulseNoise))]
    [InlineData(nameof(RramDeviceModel.DeviceToDeviceSpread))]
    [InlineData(nameof(RramDeviceModel.StuckAtOnFraction))]
    [InlineData(nameof(RramDeviceModel.StuckAtOffFraction))]
    [InlineData(nameof(RramDeviceModel.ReadVoltage))]
    [InlineData(nameof(RramDeviceModel.PulseWidthSeconds))]
    [InlineData(nameof(RramDeviceModel.IvNonlinearity))]
    public void Validate_RefusesBadParameters_NamingTheField(string field)
    {
        var bad = field switch
        {
            nameof(RramDeviceModel.GMin) => Model with { GMin = 30e-6 },
            nameof(RramDeviceModel.GMax) => Model with { GMax = double.NaN },
            nameof(RramDeviceModel.Levels) => Model with { Levels = 1 },
            nameof(RramDeviceModel.VerifyTolerance) => Model with { VerifyTolerance = 0 },
            nameof(RramDeviceModel.MaxProgramPulses) => Model with { MaxProgramPulses = 0 },
            nameof(RramDeviceModel.PulseStep) => Model with { PulseStep = -1e-7 },
            nameof(RramDeviceModel.PulseNoise) => Model with { PulseNoise = 2 },
            nameof(RramDeviceModel.DeviceToDeviceSpread) => Model with { DeviceToDeviceSpread = -0.1 },
            nameof(RramDeviceModel.StuckAtOnFraction) => Model with { StuckAtOnFraction = 1.5 },
            nameof(RramDeviceModel.StuckAtOffFraction) => Model with { StuckAtOnFraction = 0.6, StuckAtOffFraction = 0.6 },
            nameof(RramDeviceModel.ReadVoltage) => Model with { ReadVoltage = 0 },
            nameof(RramDeviceModel.PulseWidthSeconds) => Model with { PulseWidthSeconds = double.PositiveInfinity },
            _ => Model with { IvNonlinearity = -1 },
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RramArrayInstance.Fabricate(bad, 2, 2, 1));
        Assert.Equal(field, ex.ParamName);
        Assert.Contains(field, ex.Message);
        Model.Validate();
    }
}
