using PnnKit.Core.Random;
using PnnKit.Spintronics;
using Xunit.Abstractions;

namespace PnnKit.Spintronics.Tests;

public class OscillatorTests(ITestOutputHelper output)
{
    [Fact]
    public void Llg_ConservesNorm_WithoutDamping_UnderFieldAndSpinTorque()
    {
        var p = new MacrospinParameters { Damping = 0, AppliedField = (0.05, 0.02, 0.3) };
        var llg = new MacrospinLlg(p, (0.3, 0.2, 0.9));
        llg.M[0] = 0.6;
        llg.M[1] = 0;
        llg.M[2] = 0.8;
        llg.Run(1e-14, 100_000, 2e-3, 300, new Rng(1));
        output.WriteLine($"|m| - 1 after 1e5 steps: {llg.Norm - 1:E2}; m = ({llg.M[0]:F3}, {llg.M[1]:F3}, {llg.M[2]:F3})");
        Assert.True(Math.Abs(llg.Norm - 1) < 1e-6, $"{llg.Norm}");
        Assert.True(Math.Abs(llg.M[2] - 0.8) > 1e-3, "magnetisation should have moved");
    }

    [Fact]
    public void Llg_PrecessesAtLarmorFrequency_InAFieldAlongZ()
    {
        // No anisotropy, no demag: m precesses about B ẑ at ω = γ B.
        var p = new MacrospinParameters { Damping = 0, AnisotropyField = 0, DemagField = 0, AppliedField = (0, 0, 0.1) };
        var llg = new MacrospinLlg(p);
        double omega = MacrospinParameters.Gamma * 0.1, t = 0.3 * 2 * Math.PI / omega;
        int steps = 20_000;
        llg.Run(t / steps, steps, 0, 0, new Rng(1));
        double phase = Math.Atan2(llg.M[1], llg.M[0]);
        // dm/dt = −γ m × B: for m = x̂, B = Bẑ, dm/dt = +γB ŷ, so the angle advances by ω t.
        Assert.Equal(0.3 * 2 * Math.PI, phase, 4);
    }

    [Fact]
    public void Llg_DampingRelaxesTowardTheField()
    {
        var p = new MacrospinParameters { Damping = 0.1, AnisotropyField = 0, DemagField = 0, AppliedField = (0, 0, 0.5) };
        var llg = new MacrospinLlg(p);
        llg.Run(1e-13, 20_000, 0, 0, new Rng(1));
        Assert.True(llg.M[2] > 0.99, $"m_z = {llg.M[2]}");
    }

    [Theory]
    [InlineData(0.8, false)]
    [InlineData(1.2, true)]
    public void Llg_SmallPrecessionGrowsOnlyAboveTheThresholdCurrent(double ratio, bool grows)
    {
        var p = new MacrospinParameters { AppliedField = (0.05, 0, 0) };
        var llg = new MacrospinLlg(p);
        double ith = llg.ThresholdCurrent();
        llg.M[0] = Math.Cos(0.1);
        llg.M[1] = Math.Sin(0.1);
        double before = 1 - llg.M[0];
        llg.Run(1e-13, 150_000, -ratio * ith, 0, new Rng(1));
        double after = 1 - llg.M[0];
        output.WriteLine($"I = {ratio} I_th ({ratio * ith * 1e3:F3} mA): 1 − m_x {before:E2} → {after:E2}");
        Assert.Equal(grows, after > before);
        Assert.True(grows ? after > 2 * before : after < 0.5 * before, $"{before} → {after}");
    }

    [Fact]
    public void ReducedModel_MatchesLlg_OnThePowerDecayRateBelowThreshold()
    {
        // Full model: in-plane macrospin, m ∥ p = x̂, at half the threshold current; small precession decays.
        var mp = new MacrospinParameters { AppliedField = (0.05, 0, 0) };
        var llg = new MacrospinLlg(mp);
        double ith = llg.ThresholdCurrent();
        llg.M[0] = Math.Cos(0.05);
        llg.M[1] = Math.Sin(0.05);
        double dt = 1e-13;
        int window = 2400; // 0.24 ns ≈ two precession periods, to average the elliptical orbit
        double Mean()
        {
            double s = 0;
            for (int k = 0; k < window; k++)
            {
                llg.Run(dt, 1, -0.5 * ith, 0, new Rng(1));
                s += 1 - llg.M[0];
            }
            return s / window;
        }
        double p1 = Mean();
        llg.Run(dt, 10_000, -0.5 * ith, 0, new Rng(1));
        double p2 = Mean();
        double measured = Math.Log(p1 / p2) / ((window + 10_000) * dt);
        // Reduced model with the matching linear damping Γ_G = α γ (B_x + B_k + B_d/2): power decays at 2 Γ_G (1 − ζ).
        double omegaEff = MacrospinParameters.Gamma * (0.05 + mp.AnisotropyField + (mp.DemagField / 2));
        var osc = new AutoOscillator(new AutoOscillatorParameters { FrequencyHz = omegaEff / (2 * Math.PI), Damping = mp.Damping, ThresholdCurrentAmps = ith, Temperature = 0 });
        double predicted = -osc.RelaxationRate(0.5 * ith);
        output.WriteLine($"power decay rate at ζ = 0.5: LLG {measured:E3} /s, reduced model 2Γ_G(1 − ζ) = {predicted:E3} /s");
        Assert.InRange(measured / predicted, 0.95, 1.05);
    }

    [Fact]
    public void NegativeDamping_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MacrospinLlg(new MacrospinParameters { Damping = -0.01 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AutoOscillator(new AutoOscillatorParameters { Damping = -0.01 }));
    }

    [Fact]
    public void ReducedModel_ReachesSteadyPower_AndRelaxesAtGammaP()
    {
        var osc = new AutoOscillator(new AutoOscillatorParameters { Temperature = 0 }); // the deterministic power equation
        double ith = osc.Parameters.ThresholdCurrentAmps, i = 2 * ith;
        osc.Advance(i, 200e-9, 4000);
        double p0 = osc.SteadyPower(i);
        Assert.Equal(p0, osc.Power, 9);
        // Kick by 0.01 % (linear regime) and measure the decay rate of the deviation over 0.5 ns.
        osc.Power = p0 * 1.0001;
        double t = 0.5e-9;
        osc.Advance(i, t, 1000);
        double measured = -Math.Log((osc.Power - p0) / (1e-4 * p0)) / t;
        output.WriteLine($"relaxation rate measured {measured:E4} /s, predicted 2Γ_G(ζ−1) = {osc.RelaxationRate(i):E4} /s");
        Assert.InRange(measured / osc.RelaxationRate(i), 0.995, 1.005);
        Assert.Equal(0, osc.SteadyPower(0.5 * ith));
    }

    [Fact]
    public void Reservoir_ClassifiesSineSquare_Above99Percent_AtZeroKelvin_AndLosesMostOfItToThermalNoise()
    {
        var cold = PnnKit.Spintronics.Reproductions.SpintronicDemos.SineSquare(temperature: 0);
        var warm = PnnKit.Spintronics.Reproductions.SpintronicDemos.SineSquare();
        output.WriteLine($"sine/square: 0 K {cold.Reservoir:P2}, 300 K {warm.Reservoir:P2} (validation {warm.ReservoirValidation:P2}), linear readout on the input alone {cold.LinearOnInput:P2}");
        Assert.True(cold.Reservoir > 0.99, $"reservoir accuracy {cold.Reservoir}");
        Assert.Equal(1.0, cold.ReservoirValidation, 1e-12);
        Assert.Equal(0.533, cold.LinearOnInput, 0.03); // as printed today
        Assert.Equal(new Core.Data.SplitSizes(944, 240, 1200), cold.Splits);
        Assert.Equal(300, warm.Temperature);
        Assert.Equal(0.7025, warm.Reservoir, 0.01); // as printed today: thermal power noise of ±11 % rms (SpintronicDemos.ThermalSpread)
        Assert.Equal(0.771, warm.ReservoirValidation, 0.01);
        Assert.True(warm.Reservoir > warm.LinearOnInput + 0.1, "still above the linear readout of the input");
    }

    [Fact]
    public void Reservoir_OnNarma10_ReportsNmse_BelowTheLinearBaseline_AtZeroKelvin_AndAboveItAt300K()
    {
        var cold = PnnKit.Spintronics.Reproductions.SpintronicDemos.Narma(temperature: 0);
        var warm = PnnKit.Spintronics.Reproductions.SpintronicDemos.Narma();
        output.WriteLine($"NARMA-10: 0 K NMSE {cold.Reservoir:F4}, 300 K {warm.Reservoir:F4} (validation {warm.ReservoirValidation:F4}), linear readout on the input alone {cold.LinearOnInput:F4}");
        Assert.True(cold.Reservoir < cold.LinearOnInput, $"{cold.Reservoir} vs {cold.LinearOnInput}");
        Assert.Equal(0.6810884831577216, cold.Reservoir, 1e-12); // the deterministic figure from before thermal noise, unchanged
        Assert.Equal(0.6668316839581454, cold.ReservoirValidation, 1e-12);
        Assert.Equal(0.768, warm.Reservoir, 0.01); // as printed today
        Assert.Equal(0.729, warm.ReservoirValidation, 0.01);
        Assert.True(warm.Reservoir > warm.LinearOnInput, "at 300 K the macrospin's power noise leaves it behind a linear readout of the input");
    }

    [Fact]
    public void ReservoirSweeps_ChooseTheDefaults_OnValidation_AtEachTemperature()
    {
        foreach (double temperature in new[] { 300.0, 0.0 })
        {
            var sine = PnnKit.Spintronics.Reproductions.SpintronicDemos.SineSquareSweep(temperature: temperature);
            Assert.Equal(24, sine.Grid.Count);
            Assert.Equal(temperature == 0 ? (0.1, 1e-10) : (10, 1e-10), (sine.Chosen.NodeTime, sine.Chosen.Lambda));
            Assert.Equal(PnnKit.Spintronics.Reproductions.SpintronicDemos.SineSquare(temperature: temperature), sine.Chosen);
            var narma = PnnKit.Spintronics.Reproductions.SpintronicDemos.NarmaSweep(temperature: temperature);
            Assert.Equal(temperature == 0 ? (0.03, 1e-6) : (0.1, 1e-6), (narma.Chosen.NodeTime, narma.Chosen.Lambda));
            Assert.Equal(narma.Grid.Where(p => !double.IsNaN(p.Validation)).Min(p => p.Validation), narma.Chosen.ReservoirValidation);
            Assert.Equal(PnnKit.Spintronics.Reproductions.SpintronicDemos.Narma(temperature: temperature), narma.Chosen);
        }
    }

    [Fact]
    public void Ridge_RecoversALinearMap()
    {
        var rng = new Rng(3);
        int rows = 200, f = 3;
        var x = new double[rows * f];
        var y = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < f; k++)
            {
                x[(r * f) + k] = rng.Normal();
            }
            y[r] = (2 * x[r * f]) - x[(r * f) + 1] + (0.5 * x[(r * f) + 2]) + 3;
        }
        var ridge = new RidgeRegression();
        ridge.Fit(x, y, f, 1e-9);
        Assert.Equal(3 + 2 - 1 + 0.5, ridge.Predict([1, 1, 1]), 6);
        Assert.Equal(3 - 2, ridge.Predict([-1, 0, 0]), 6);
    }
}

public class OscillatorModelsTests(ITestOutputHelper output)
{
    [Fact]
    public void ReducedModel_MatchesLlg_OnAmplitudeResponseAndStepRelaxationTime()
    {
        var r = PnnKit.Spintronics.Reproductions.OscillatorModels.Run(PnnKit.Spintronics.Reproductions.OscillatorModelsOptions.Quick);
        foreach (var p in r.Power)
        {
            output.WriteLine($"ζ = {p.Supercriticality}: LLG power {p.Llg:F4}, reduced {p.Reduced:F4}");
        }
        output.WriteLine($"fitted Q = {r.FittedQ:F3}; step relaxation: LLG {r.LlgRelaxationSeconds * 1e9:F3} ns, reduced {r.ReducedRelaxationSeconds * 1e9:F3} ns, small-signal 1/Γ_p {r.LinearRelaxationSeconds * 1e9:F3} ns");
        // Below threshold both rest; above, one fitted Q carries the whole curve.
        Assert.True(r.Power[0].Supercriticality < 1 && r.Power[0].Llg < 1e-3 && r.Power[0].Reduced == 0, $"below threshold: {r.Power[0]}");
        Assert.True(r.FittedQ > -0.98 && r.FittedQ < 9.9, $"Q = {r.FittedQ} sits on the search bound");
        Assert.True(r.MaxPowerError < 0.05, $"largest power difference {r.MaxPowerError}");
        Assert.True(r.Power.Where(p => p.Supercriticality > 1).Select(p => p.Llg).Zip(r.Power.Where(p => p.Supercriticality > 1).Skip(1).Select(p => p.Llg)).All(p => p.Second > p.First), "LLG power should rise with current");
        // The step response is a prediction (nothing fitted to it).
        Assert.InRange(r.ReducedRelaxationSeconds / r.LlgRelaxationSeconds, 0.9, 1.1);
    }
}
