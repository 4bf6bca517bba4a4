using PnnKit.Core.Random;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;
using PnnKit.Memristive.Periphery;

namespace PnnKit.Memristive.Tests.Periphery;

public class WriteVerifyCostModelTests
{
    // No pulse noise and no spread: every pulse moves a cell by exactly 0.2 µS, so the loop can be followed by hand.
    private static readonly RramDeviceModel Deterministic = new() { PulseNoise = 0, DeviceToDeviceSpread = 0 };

    [Fact]
    public void ProgramAndVerify_CountsSetPulses_AndTheConductanceItsVerifyReadsSaw()
    {
        var cell = RramArrayInstance.Fabricate(Deterministic, 1, 1, 7).Cell(0, 0);
        // GMin = 2 µS → level 1 = 2 + 18/7 ≈ 4.571 µS: verified once G ≥ 4.321 µS, i.e. after 12 SET pulses (G = 4.4 µS).
        var r = ProgramAndVerify.Run(Deterministic, cell, Deterministic.GMin, Deterministic.Level(1), new Rng(1));
        Assert.True(r.Converged);
        Assert.Equal(12, r.Pulses);
        Assert.Equal(12, r.SetPulses);
        Assert.Equal(0, r.ResetPulses);
        Assert.Equal(13, r.VerifyReads);
        // Reads at 2.0, 2.2, …, 4.4 µS: 13 · 2 + 0.2 · (0 + … + 12) = 41.6 µS.
        Assert.Equal(41.6e-6, r.VerifyConductance, 1e-12);

        // Back down from 4.4 µS to GMin: verified once G ≤ 2.25 µS, after 11 RESET pulses (G = 2.2 µS).
        var down = ProgramAndVerify.Run(Deterministic, cell, r.Conductance, Deterministic.GMin, new Rng(2));
        Assert.Equal((11, 0, 11), (down.Pulses, down.SetPulses, down.ResetPulses));
    }

    [Fact]
    public void RramLinear_Programming_ChargesPulsesTimesVTimesITimesWidth_PlusTheVerifyReads()
    {
        var cfg = new RramLayerConfig { Device = Deterministic };
        var layer = new RramLinear<double>(1, 1, 1.0, new Rng(3), cfg, bias: false);
        layer.Weight.Value[0] = 1.0; // the largest weight: G⁺ → GMax, G⁻ stays at GMin
        var p = layer.Program(11);

        // G⁺ climbs from 2 µS in 0.2 µS steps until |G − 20 µS| ≤ 0.25 µS: 89 SET pulses (G = 19.8 µS), 90 verify reads that see
        // 90 · 2 + 0.2 · (0 + … + 89) = 981 µS; G⁻ verifies at once: 1 read of 2 µS.
        Assert.Equal(89, p.Pulses);
        Assert.Equal(89, p.SetPulses);
        Assert.Equal(91, p.VerifyReads);
        const double pulseJoules = 89 * 1.5 * 30e-6 * 50e-9;                   // pulses × V × I × t
        const double readJoules = 983e-6 * 0.2 * (1 + (0.5 * 0.04)) * 0.2 * 50e-9; // ΣG · V · (1 + a·V²) × V × t_read
        const double adcJoules = 91 * 10e-15 * 256;                              // one 8-bit conversion per verify read (Walden 10 fJ/step)
        Assert.Equal(pulseJoules + readJoules + adcJoules, p.EnergyJoules, 1e-18);

        // Nothing changed: a reprogramming pulses nothing and costs nothing.
        var again = layer.Reprogram();
        Assert.Equal((0L, 0L, 0.0), (again.Pulses, again.VerifyReads, again.EnergyJoules));
    }

    [Fact]
    public void Validate_NamesTheField_WhenAValueIsNotPositive()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new WriteVerifyCostModel { SetCurrent = 0 }.Validate());
        Assert.Equal("SetCurrent", e.ParamName);
    }
}
