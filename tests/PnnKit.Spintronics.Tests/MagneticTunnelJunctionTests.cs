using PnnKit.Core.Random;
using PnnKit.Spintronics;

namespace PnnKit.Spintronics.Tests;

public class MagneticTunnelJunctionTests
{
    [Fact]
    public void Resistances_FollowTmr()
    {
        var mtj = new MagneticTunnelJunction(new MtjParameters { ParallelResistanceOhms = 1000, Tmr = 1.5 });
        Assert.Equal(1000, mtj.ResistanceOf(MtjState.Parallel));
        Assert.Equal(2500, mtj.ResistanceOf(MtjState.Antiparallel), 9);
        Assert.Equal(0.1 / 1000, mtj.ReadCurrent, 12);
    }

    [Fact]
    public void SwitchingProbability_MatchesNeelBrown_BelowCriticalCurrent()
    {
        var p = new MtjParameters { ThermalStability = 40, CriticalCurrentAmps = 50e-6, AttemptTimeSeconds = 1e-9 };
        var mtj = new MagneticTunnelJunction(p);
        double i = 0.7 * p.CriticalCurrentAmps, t = 10e-9;
        double tau = 1e-9 * Math.Exp(40 * 0.3);
        Assert.Equal(1 - Math.Exp(-t / tau), mtj.SwitchingProbability(i, t), 12);
        Assert.Equal(0, mtj.SwitchingProbability(-i, t)); // already parallel
    }

    [Fact]
    public void SwitchingProbability_GrowsWithCurrentAndPulseLength()
    {
        var mtj = new MagneticTunnelJunction(new MtjParameters());
        double ic = mtj.Parameters.CriticalCurrentAmps;
        Assert.True(mtj.SwitchingProbability(0.8 * ic, 10e-9) < mtj.SwitchingProbability(0.9 * ic, 10e-9));
        Assert.True(mtj.SwitchingProbability(0.9 * ic, 10e-9) < mtj.SwitchingProbability(0.9 * ic, 100e-9));
        Assert.True(mtj.SwitchingProbability(2 * ic, 10e-9) > 0.99);
    }

    [Fact]
    public void ApplyPulse_SwitchesAtTheExpectedRate_AndChargesI2Rt()
    {
        var p = new MtjParameters();
        var rng = new Rng(3);
        double i = 0.9 * p.CriticalCurrentAmps, t = 5e-9;
        double expected = new MagneticTunnelJunction(p).SwitchingProbability(i, t);
        int switched = 0, trials = 20000;
        double energy = 0;
        for (int k = 0; k < trials; k++)
        {
            var mtj = new MagneticTunnelJunction(p);
            energy = mtj.ApplyPulse(i, t, rng);
            switched += mtj.State == MtjState.Antiparallel ? 1 : 0;
        }
        double rate = (double)switched / trials;
        Assert.InRange(rate, expected - (4 * Math.Sqrt(expected * (1 - expected) / trials)), expected + (4 * Math.Sqrt(expected * (1 - expected) / trials)));
        Assert.Equal(i * i * p.ParallelResistanceOhms * t, energy, 1e-25);
    }

    [Theory]
    [InlineData(-1.0, 1.2, 40.0, 49e-6)]
    [InlineData(4800.0, -0.1, 40.0, 49e-6)]
    [InlineData(4800.0, 1.2, 0.0, 49e-6)]
    [InlineData(4800.0, 1.2, 40.0, 0.0)]
    public void NonPhysicalParameters_AreRefused(double rp, double tmr, double delta, double ic)
    {
        var p = new MtjParameters { ParallelResistanceOhms = rp, Tmr = tmr, ThermalStability = delta, CriticalCurrentAmps = ic };
        Assert.Throws<ArgumentOutOfRangeException>(() => new MagneticTunnelJunction(p));
    }
}
