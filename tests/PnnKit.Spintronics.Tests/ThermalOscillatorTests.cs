using PnnKit.Core.Random;
using PnnKit.Spintronics;
using Xunit.Abstractions;

namespace PnnKit.Spintronics.Tests;

/// <summary>Thermal noise in the reduced auto-oscillator against the formulas of Slavin &amp; Tiberkevich 2009.</summary>
public class ThermalOscillatorTests(ITestOutputHelper output)
{
    private const double KB = 1.380649e-23;

    // k_B T / E(p0) with E(p0) = 2 M_s V (ω0/γ) p0, written out here independently of EnergyPerPower.
    private static double ThermalRatio(AutoOscillatorParameters o, double p0) =>
        KB * o.Temperature / (2 * o.MagneticMoment * (2 * Math.PI * o.FrequencyHz / 1.760859630e11) * p0);

    [Fact]
    public void PhaseDiffusion_GivesTheGenerationLinewidth_GammaPlusKTOverE_Times1PlusNuSquared()
    {
        // ζ = 2, Q = 2: p0 = 1/4, Γ_eff = Γ_G (ζ − 1) = Γ_G; N = 8 Γ_G gives ν = N p0 / Γ_eff = 2, so the line is 5× the ν = 0 line.
        var o0 = new AutoOscillatorParameters();
        var o = o0 with { FrequencyShift = 8 * o0.LinearDampingRate };
        double ith = o.ThresholdCurrentAmps, i = 2 * ith, p0 = 0.25, gp = 2 * o.LinearDampingRate;
        double expected = o.LinearDampingRate * (1 + (2 * p0)) * ThermalRatio(o, p0) * (1 + 4);
        const int Copies = 2000;
        double t1 = 10 / gp, t2 = 50 / gp;
        var rng = new Rng(5);
        var phase1 = new double[Copies];
        var phase2 = new double[Copies];
        for (int k = 0; k < Copies; k++)
        {
            var osc = new AutoOscillator(o, p0, rng.Split((ulong)k));
            osc.Advance(i, t1, 500);
            phase1[k] = osc.Phase;
            osc.Advance(i, t2 - t1, 2000);
            phase2[k] = osc.Phase;
        }
        // Var[φ(t)] grows as 2Δω · t once t ≫ 1/Γ_p (Lorentzian line of full width 2Δω); the slope between t1 and t2 drops the offset.
        double measured = (Variance(phase2) - Variance(phase1)) / (t2 - t1);
        output.WriteLine($"linewidth FWHM: phase diffusion {measured / (2 * Math.PI) / 1e6:F3} MHz, formula {expected / (2 * Math.PI) / 1e6:F3} MHz, Linewidth() {new AutoOscillator(o, thermal: rng).Linewidth(i) / (2 * Math.PI) / 1e6:F3} MHz; Γ_p/2π = {gp / (2 * Math.PI) / 1e6:F1} MHz");
        Assert.InRange(measured / expected, 0.88, 1.12); // ±3σ of 2,000 copies; without the ν² term the ratio would be 5
        Assert.Equal(expected, new AutoOscillator(o, thermal: rng).Linewidth(i), expected * 1e-12);
    }

    [Fact]
    public void PowerFluctuations_InTheLinearRegime_HaveVarianceGammaPlusOverGammaEffTimesKTOverE()
    {
        // Linearised: dδp = −Γ_p δp dt + 2√p0 dW_∥ with ⟨dW_∥²⟩ = Γ_+ η dt, so ⟨δp²⟩/p0² = (Γ_+(p0)/Γ_eff)(k_B T/E(p0)), Γ_eff = Γ_p/2.
        var o = new AutoOscillatorParameters { Temperature = 30 }; // relative power spread ≈ 3.5 %: linear
        double ith = o.ThresholdCurrentAmps, i = 2 * ith, p0 = 0.25, gp = 2 * o.LinearDampingRate;
        double expected = (1 + (2 * p0)) / 1.0 * ThermalRatio(o, p0);
        var osc = new AutoOscillator(o, p0, new Rng(7));
        osc.Advance(i, 20 / gp, 400);
        const int Samples = 8000;
        var p = new double[Samples];
        for (int s = 0; s < Samples; s++)
        {
            p[s] = osc.Advance(i, 1 / gp, 20);
        }
        double relative = Variance(p) / (p0 * p0);
        output.WriteLine($"⟨δp²⟩/p0²: simulated {relative:E4}, formula {expected:E4}; mean power {p.Average():F5} vs p0 {p0}");
        Assert.InRange(relative / expected, 0.9, 1.1);
        Assert.InRange(p.Average(), p0 * 0.995, p0 * 1.005);
    }

    [Fact]
    public void BelowThreshold_WithoutCurrent_ThePowerIsInEquilibrium_MeanPEqualsKTOverEn()
    {
        // No current and linear damping only (Q = 0): c is an Ornstein–Uhlenbeck process, p = |c|² is exponential with
        // mean k_B T / E_n, the Boltzmann distribution of the mode energy E_n p (equipartition).
        var o = new AutoOscillatorParameters { NonlinearDamping = 0 };
        double en = 2 * o.MagneticMoment * (2 * Math.PI * o.FrequencyHz / 1.760859630e11), expected = KB * o.Temperature / en;
        var osc = new AutoOscillator(o, expected, new Rng(9));
        double rate = 2 * o.LinearDampingRate;
        const int Samples = 10_000;
        double sum = 0, sum2 = 0;
        for (int s = 0; s < Samples; s++)
        {
            double p = osc.Advance(0, 2 / rate, 40);
            sum += p;
            sum2 += p * p;
        }
        double mean = sum / Samples, std = Math.Sqrt((sum2 / Samples) - (mean * mean));
        output.WriteLine($"⟨p⟩ = {mean:E4}, k_B T/E_n = {expected:E4}; std/mean = {std / mean:F3} (exponential: 1)");
        Assert.InRange(mean / expected, 0.95, 1.05);
        Assert.InRange(std / mean, 0.93, 1.07);
    }

    [Fact]
    public void AtZeroKelvin_TheOscillatorIsTheDeterministicPowerEquation_Exactly()
    {
        // T = 0: a thermal Rng, if given, is never drawn from, and the power is the RK4 solution of dp/dt = −2[Γ_+ − Γ_−]p.
        var o = new AutoOscillatorParameters { Temperature = 0 };
        var a = new AutoOscillator(o, 0.01, new Rng(3));
        var b = new AutoOscillator(o, 0.01);
        double g = o.LinearDampingRate, q = o.NonlinearDamping, z = 1.7, h = 1e-10, p = 0.01;
        double F(double x) => -2 * ((g * (1 + (q * x))) - (g * z * (1 - x))) * x;
        for (int s = 0; s < 50; s++)
        {
            double k1 = F(p), k2 = F(p + (0.5 * h * k1)), k3 = F(p + (0.5 * h * k2)), k4 = F(p + (h * k3));
            p += h / 6 * (k1 + (2 * k2) + (2 * k3) + k4);
        }
        a.Advance(z * o.ThresholdCurrentAmps, 50 * h, 50);
        b.Advance(z * o.ThresholdCurrentAmps, 50 * h, 50);
        Assert.Equal(p, a.Power);
        Assert.Equal(p, b.Power);
        Assert.Equal(0, a.Phase); // N = 0: no phase drift, and no noise at 0 K

        // The reservoir demonstration at 0 K is the deterministic one, run for run.
        var cold = PnnKit.Spintronics.Reproductions.SpintronicDemos.Narma(temperature: 0);
        Assert.Equal(cold, PnnKit.Spintronics.Reproductions.SpintronicDemos.Narma(temperature: 0));
    }

    [Fact]
    public void ThermalNoise_NeedsAnRng_AndATemperatureAtOrAboveZero()
    {
        Assert.Equal("thermal", Assert.Throws<ArgumentNullException>(() => new AutoOscillator(new AutoOscillatorParameters())).ParamName);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AutoOscillator(new AutoOscillatorParameters { Temperature = -1 }, thermal: new Rng(1)));
        Assert.Equal(nameof(AutoOscillatorParameters.Temperature), e.ParamName);
        Assert.Contains("≥ 0 K", e.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(AutoOscillatorParameters.MagneticMoment), Assert.Throws<ArgumentOutOfRangeException>(() => new AutoOscillator(new AutoOscillatorParameters { MagneticMoment = 0 }, thermal: new Rng(1))).ParamName);
        Assert.Equal("thermal", Assert.Throws<ArgumentNullException>(() => new ReservoirSystem<double>(new AutoOscillatorParameters(), 4, 1e-10, 3, 0, 2)).ParamName);
    }

    private static double Variance(double[] x)
    {
        double m = x.Average();
        return x.Sum(v => (v - m) * (v - m)) / (x.Length - 1);
    }
}
