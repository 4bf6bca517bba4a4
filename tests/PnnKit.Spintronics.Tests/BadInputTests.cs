using PnnKit.Core.Random;
using PnnKit.Spintronics;

namespace PnnKit.Spintronics.Tests;

public class BadInputTests
{
    [Theory]
    [InlineData(nameof(MtjParameters.Tmr), -0.5)]
    [InlineData(nameof(MtjParameters.ThermalStability), 0.0)]
    [InlineData(nameof(MtjParameters.ThermalStability), -3.0)]
    [InlineData(nameof(MtjParameters.ParallelResistanceOhms), -100.0)]
    [InlineData(nameof(MtjParameters.ParallelResistanceOhms), 0.0)]
    [InlineData(nameof(MtjParameters.CriticalCurrentAmps), -1e-6)]
    [InlineData(nameof(MtjParameters.AttemptTimeSeconds), 0.0)]
    [InlineData(nameof(MtjParameters.ReadVoltage), -0.1)]
    [InlineData(nameof(MtjParameters.Tmr), double.NaN)]
    public void NonPhysicalMtjParameters_AreRefused_NamingTheParameterAndItsRange(string name, double value)
    {
        var p = name switch
        {
            nameof(MtjParameters.Tmr) => new MtjParameters { Tmr = value },
            nameof(MtjParameters.ThermalStability) => new MtjParameters { ThermalStability = value },
            nameof(MtjParameters.ParallelResistanceOhms) => new MtjParameters { ParallelResistanceOhms = value },
            nameof(MtjParameters.CriticalCurrentAmps) => new MtjParameters { CriticalCurrentAmps = value },
            nameof(MtjParameters.AttemptTimeSeconds) => new MtjParameters { AttemptTimeSeconds = value },
            _ => new MtjParameters { ReadVoltage = value },
        };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MagneticTunnelJunction(p));
        Assert.Equal(name, e.ParamName);
        Assert.Contains("must be", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MtjWeightArray(2, 2, p));
    }

    [Fact]
    public void MtjPulsesAndReads_RefuseNegativeOrNonFiniteDurationsAndCurrents()
    {
        var mtj = new MagneticTunnelJunction(new MtjParameters());
        Assert.Equal("seconds", Assert.Throws<ArgumentOutOfRangeException>(() => mtj.SwitchingProbability(1e-4, -1e-9)).ParamName);
        Assert.Equal("current", Assert.Throws<ArgumentOutOfRangeException>(() => mtj.SwitchingProbability(double.NaN, 1e-9)).ParamName);
        Assert.Equal("seconds", Assert.Throws<ArgumentOutOfRangeException>(() => mtj.ReadEnergy(-1e-9)).ParamName);
        Assert.Equal("seconds", Assert.Throws<ArgumentOutOfRangeException>(() => mtj.ApplyPulse(1e-4, double.PositiveInfinity, new Rng(1))).ParamName);
    }

    [Fact]
    public void NegativeDamping_IsRefused_ByBothOscillatorModels_NamingDamping()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MacrospinLlg(new MacrospinParameters { Damping = -0.01 }));
        Assert.Equal(nameof(MacrospinParameters.Damping), e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new AutoOscillator(new AutoOscillatorParameters { Damping = -0.01 }));
        Assert.Equal(nameof(AutoOscillatorParameters.Damping), e.ParamName);
        Assert.Contains("> 0", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new AutoOscillator(new AutoOscillatorParameters { FrequencyHz = 0 }));
        Assert.Equal(nameof(AutoOscillatorParameters.FrequencyHz), e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new AutoOscillator(new AutoOscillatorParameters { NonlinearDamping = -1 }));
        Assert.Equal(nameof(AutoOscillatorParameters.NonlinearDamping), e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new MacrospinLlg(new MacrospinParameters { Volume = 0 }));
        Assert.Equal(nameof(MacrospinParameters.Volume), e.ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-13)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ZeroOrNegativeTimeSteps_AreRefused(double dt)
    {
        var llg = new MacrospinLlg(new MacrospinParameters());
        Assert.Equal("dt", Assert.Throws<ArgumentOutOfRangeException>(() => llg.Run(dt, 10, 0, 300, new Rng(1))).ParamName);
        var osc = new AutoOscillator(new AutoOscillatorParameters(), thermal: new Rng(1));
        if (dt != 0)
        {
            Assert.Equal("seconds", Assert.Throws<ArgumentOutOfRangeException>(() => osc.Advance(2e-3, dt)).ParamName);
        }
        Assert.Equal("nodeSeconds", Assert.Throws<ArgumentOutOfRangeException>(() => new OscillatorReservoir(osc, 4, dt, 2e-3, 0.6e-3, new Rng(1))).ParamName);
    }

    [Fact]
    public void OtherIntegratorArguments_AreChecked()
    {
        var llg = new MacrospinLlg(new MacrospinParameters());
        Assert.Equal("temperature", Assert.Throws<ArgumentOutOfRangeException>(() => llg.Run(1e-13, 10, 0, -1, new Rng(1))).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() => llg.Run(1e-13, -1, 0, 300, new Rng(1))).ParamName);
        var osc = new AutoOscillator(new AutoOscillatorParameters(), thermal: new Rng(1));
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() => osc.Advance(2e-3, 1e-9, 0)).ParamName);
        Assert.Equal("power", Assert.Throws<ArgumentOutOfRangeException>(() => new AutoOscillator(new AutoOscillatorParameters(), power: 1.5)).ParamName);
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => new SparsePBitNetwork([(0, 1, 0.5)], [0.0, 0.0], beta: -1)).ParamName);
    }
}
