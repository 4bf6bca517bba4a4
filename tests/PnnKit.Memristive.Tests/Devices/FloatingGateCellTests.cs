using PnnKit.Core.Random;
using PnnKit.Memristive.Devices;

namespace PnnKit.Memristive.Tests.Devices;

public class FloatingGateCellTests
{
    private static readonly FloatingGateCellModel Cell = new();

    [Theory]
    [InlineData(300, 1.0)]
    [InlineData(358, 0)]
    [InlineData(398, 0)]
    [InlineData(250, 0)]
    public void AccelerationFactor_IsArrhenius(double kelvin, double expectedAtRoom)
    {
        // Independent: k_B = 8.617e-5 eV/K, E_a = 1.1 eV.
        double expected = Math.Exp(1.1 / 8.617333262e-5 * ((1 / 300.0) - (1 / kelvin)));
        Assert.Equal(expected, Cell.AccelerationFactor(kelvin), 1e-9 * expected);
        if (expectedAtRoom > 0)
        {
            Assert.Equal(expectedAtRoom, Cell.AccelerationFactor(kelvin), 12);
        }
    }

    [Fact]
    public void AccelerationFactor_At85C_IsAboutAThousand()
    {
        // 85 °C bakes accelerate 1.1 eV charge loss ~1,000× over 300 K: exp(12,765 · 5.41e-4) ≈ 1,000.
        Assert.InRange(Cell.AccelerationFactor(358.15), 900, 1100);
    }

    [Fact]
    public void Retention_IsLinearInLogTime_AndProportionalToStoredCharge()
    {
        double vt = 2.0;
        double Loss(double t) => vt - Cell.Retained(vt, t, 300);
        // ΔVt = λ·(Vt − Vn)·log10(1 + t/t0), λ = 0.005, Vn = 0.5 V, t0 = 1 s.
        Assert.Equal(0.005 * 1.5 * Math.Log10(1 + 1e6), Loss(1e6), 12);
        Assert.Equal(Math.Log10(1 + 1e8) / Math.Log10(1 + 1e4), Loss(1e8) / Loss(1e4), 9);
        // Twice the charge above neutral loses twice the threshold.
        Assert.Equal(2 * (1.25 - Cell.Retained(1.25, 1e6, 300)), 2.0 - Cell.Retained(2.0, 1e6, 300), 12);
        Assert.Equal(vt, Cell.Retained(vt, 0, 300));
    }

    [Fact]
    public void Retention_HotEqualsRoomAtTheAcceleratedTime()
    {
        double af = Cell.AccelerationFactor(358);
        Assert.Equal(Cell.Retained(2.2, 3600 * af, 300), Cell.Retained(2.2, 3600, 358), 12);
        Assert.True(Cell.Retained(2.2, 3.15e7, 358) < Cell.Retained(2.2, 3.15e7, 300) - 0.01);
    }

    [Theory]
    [InlineData(0.4, 1.0)]
    [InlineData(0.5, 1.7345)]
    [InlineData(0.62, 2.4499)]
    [InlineData(0.3, 2.75)]
    public void Ispp_NoiseFree_EndsWithinHalfAStep_InTheExpectedPulses(double start, double target)
    {
        var r = Cell.Program(start, target, null);
        Assert.True(r.Verified);
        Assert.InRange(r.Vt - target, -Cell.IsppStep / 2, (Cell.IsppStep / 2) + 1e-12);
        // Pulses to reach target − step/2 from start at one step each.
        Assert.Equal((int)Math.Ceiling(((target - (Cell.IsppStep / 2)) - start) / Cell.IsppStep - 1e-9), r.Pulses);
    }

    [Fact]
    public void Ispp_StopsAtTheBudget_Unverified()
    {
        var cell = Cell with { MaxPulses = 10 };
        var r = cell.Program(0.5, 2.0, null);
        Assert.False(r.Verified);
        Assert.Equal(10, r.Pulses);
        Assert.Equal(0.6, r.Vt, 9);
    }

    [Fact]
    public void Ispp_WithInjectionNoise_ErrorSpreadIsAboutUniformOverAStep()
    {
        // σ_pulse = √(q·ΔVpp/C) = √(1.602e-19 · 0.01 / 1e-15) ≈ 1.27 mV, below the 10 mV step.
        Assert.Equal(Math.Sqrt(1.602176634e-19 * 0.01 / 1e-15), Cell.PulseNoise, 15);
        var rng = new Rng(3);
        var errors = Enumerable.Range(0, 4000).Select(_ => Cell.Program(0.5, 1.8, rng).Vt - 1.8).ToArray();
        double mean = errors.Average(), std = Math.Sqrt(errors.Select(e => (e - mean) * (e - mean)).Average());
        // Verify stops at the first Vt ≥ target − step/2: error in [−step/2, step/2 + noise), std ≈ step/√12 widened slightly by the noise.
        Assert.InRange(std, 0.9 * 0.01 / Math.Sqrt(12), 1.3 * 0.01 / Math.Sqrt(12));
        Assert.InRange(mean, -0.001, 0.002);
        Assert.All(errors, e => Assert.True(e >= -0.005));
    }

    [Fact]
    public void Conductance_IsTriode_LinearInVt_WithMobilityAndVtTemperature()
    {
        // G = β (VG − Vt − VD/2), β = 5 µA/V², VG = 2.5 V, VD = 0.1 V.
        Assert.Equal(5e-6 * (2.5 - 1.3 - 0.05), Cell.Conductance(1.3, 300), 1e-18);
        Assert.Equal(0, Cell.Conductance(2.5, 300));
        Assert.Equal(5e-6 * 1.45, Cell.GMax, 1e-18);
        // At 350 K: β·(350/300)^−1.5 and Vt lower by 50 mV.
        Assert.Equal(5e-6 * Math.Pow(350 / 300.0, -1.5) * (2.5 - (1.3 - 0.05) - 0.05), Cell.Conductance(1.3, 350), 1e-18);
        Assert.Equal(1.3, Cell.ThresholdFor(Cell.Conductance(1.3, 300)), 12);
        Assert.Equal(Cell.VtOff + Cell.OffMargin, Cell.ThresholdFor(0));
    }

    [Fact]
    public void Validate_NamesTheParameterAndRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => (Cell with { IsppStep = double.NaN }).Validate());
        Assert.Contains("IsppStep must be in (0, 1]", e.Message, StringComparison.Ordinal);
        var t = Assert.Throws<ArgumentOutOfRangeException>(() => FloatingGateCellModel.ValidateTemperature(450));
        Assert.Contains("[233, 398] K", t.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => (Cell with { VtMin = 3 }).Validate());
    }

    [Fact]
    public void Preset_ShowsTheNumbersTheCodeRuns()
    {
        var p = MemristivePresets.FlashMythic40nm;
        Assert.Equal("flash-mythic-40nm", p.Name);
        Assert.Same(p.Model, new global::PnnKit.Memristive.Processor.AnalogMatrixProcessorConfig().Cell);
        Assert.Equal(p.Model.IsppStep, p.Parameters.Single(q => q.Name == "IsppStep").Value);
        Assert.Equal(p.Model.GMax, p.Parameters.Single(q => q.Name == "GMax").Value);
        Assert.All(p.Parameters, q => Assert.True(q.Unit.Length > 0 && q.Source.Length > 0, q.Name));
    }
}
