using PnnKit.Core.Random;
using PnnKit.Memristive.Devices;

namespace PnnKit.Memristive.Tests.Devices;

public class RramReadNoiseRelaxationTests
{
    private static RramArrayState Programmed(RramDeviceModel m, int rows, int columns, ulong seed)
    {
        var inst = RramArrayInstance.Fabricate(m, rows, columns, seed);
        var rng = new Rng(seed + 1);
        var t = new double[rows * columns];
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = m.Level(rng.NextInt(m.Levels));
        }
        return inst.Program(t).State;
    }

    [Fact]
    public void ReadNoise_IsAFreshDrawPerRead_WithTheCellsRelativeSigma()
    {
        var m = new RramDeviceModel { ReadNoise = 0.05 };
        var state = Programmed(m, 1, 1, 3);
        double v = 0.2, mean = m.Current(state.Conductance(0, 0), v);
        var rng = new Rng(9);
        const int n = 20_000;
        double sum = 0, sq = 0;
        var first = state.Read([v], rng)[0];
        Assert.NotEqual(first, state.Read([v], rng)[0]);
        for (int k = 0; k < n; k++)
        {
            double i = state.Read([v], rng)[0];
            sum += i;
            sq += i * i;
        }
        double mu = sum / n, sd = Math.Sqrt((sq / n) - (mu * mu));
        Assert.Equal(mean, mu, mean * 0.002);
        Assert.Equal(0.05 * mean, sd, 0.05 * mean * 0.03);
        Assert.Equal(mean, state.Read([v])[0], 1e-18);
    }

    [Fact]
    public void Relaxation_ShiftsAndSpreadsConductances_ByTheLogTimeFormula()
    {
        var m = new RramDeviceModel();
        var g0 = Programmed(m, 64, 64, 5);
        Assert.Same(g0, g0.At(0));
        double t = 3600, decades = m.RelaxationDecades(t), window = m.GMax - m.GMin;
        Assert.Equal(Math.Log10(1 + t), decades, 1e-12);
        var aged = g0.At(t);
        Assert.Equal(t, aged.AgeSeconds);
        int n = 0;
        double sum = 0, sq = 0;
        for (int i = 0; i < 64 * 64; i++)
        {
            double before = g0.Conductances[i], d = aged.Conductances[i] - before;
            // Cells away from the window edges are not clamped: their change is the formula's.
            if (before > m.GMin + (0.1 * window) && before < m.GMax - (0.1 * window))
            {
                sum += d;
                sq += d * d;
                n++;
            }
        }
        double mu = sum / n, sd = Math.Sqrt((sq / n) - (mu * mu));
        Assert.True(n > 2000, $"{n} interior cells");
        Assert.Equal(-m.RelaxationDriftPerDecade * decades * window, mu, 0.1 * m.RelaxationSpreadPerDecade * decades * window);
        Assert.Equal(m.RelaxationSpreadPerDecade * decades * window, sd, 0.05 * m.RelaxationSpreadPerDecade * decades * window);
    }

    [Fact]
    public void Relaxation_FollowsOneTrajectoryPerCell_AndAgesFromTheProgrammedMap()
    {
        var m = new RramDeviceModel { RelaxationDriftPerDecade = 0 };
        var g0 = Programmed(m, 8, 8, 7);
        var a1 = g0.At(10);
        var a2 = g0.At(1000);
        double ratio = m.RelaxationDecades(1000) / m.RelaxationDecades(10);
        for (int i = 0; i < 64; i++)
        {
            double d1 = a1.Conductances[i] - g0.Conductances[i], d2 = a2.Conductances[i] - g0.Conductances[i];
            bool clamped = a2.Conductances[i] <= m.GMin || a2.Conductances[i] >= m.GMax;
            if (!clamped)
            {
                Assert.Equal(d1 * ratio, d2, 1e-15);
            }
        }
        Assert.Equal(a2.Conductances.ToArray(), a1.At(1000).Conductances.ToArray());
        Assert.Equal(g0.Conductances.ToArray(), a2.At(0).Conductances.ToArray());
    }

    [Fact]
    public void StuckCells_NeitherRelaxNorFluctuate()
    {
        var m = new RramDeviceModel { StuckAtOnFraction = 0.5, StuckAtOffFraction = 0.5, ReadNoise = 0.1 };
        var g0 = Programmed(m, 4, 4, 2);
        var aged = g0.At(1e6);
        Assert.Equal(g0.Conductances.ToArray(), aged.Conductances.ToArray());
        var v = Enumerable.Repeat(0.2, 4).ToArray();
        Assert.Equal(g0.Read(v), g0.Read(v, new Rng(1)));
    }

    [Theory]
    [InlineData(nameof(RramDeviceModel.ReadNoise))]
    [InlineData(nameof(RramDeviceModel.RelaxationSpreadPerDecade))]
    [InlineData(nameof(RramDeviceModel.RelaxationDriftPerDecade))]
    [InlineData(nameof(RramDeviceModel.RelaxationOnsetSeconds))]
    public void Validate_NamesTheBadField(string field)
    {
        var m = field switch
        {
            nameof(RramDeviceModel.ReadNoise) => new RramDeviceModel { ReadNoise = -0.1 },
            nameof(RramDeviceModel.RelaxationSpreadPerDecade) => new RramDeviceModel { RelaxationSpreadPerDecade = 2 },
            nameof(RramDeviceModel.RelaxationDriftPerDecade) => new RramDeviceModel { RelaxationDriftPerDecade = double.NaN },
            _ => new RramDeviceModel { RelaxationOnsetSeconds = 0 },
        };
        var e = Assert.Throws<ArgumentOutOfRangeException>(m.Validate);
        Assert.Equal(field, e.ParamName);
    }
}
