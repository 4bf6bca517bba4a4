using PnnKit.Core.Random;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;

namespace PnnKit.Memristive.Tests.Devices;

public class PcmTemperatureTests
{
    private const double K = 8.617333262e-5; // eV/K

    [Theory]
    [InlineData(250.0)]
    [InlineData(358.0)]
    [InlineData(400.0)]
    public void ConductanceFactor_IsTheArrheniusRatio_OfAmorphousConduction(double kelvin)
    {
        var pcm = new PcmNoiseModel();
        // Independent formula: G(T)/G(300 K) = exp(E_c/k · (1/300 − 1/T)), E_c = 0.333 eV. At 358 K: e^2.08 ≈ 8.0.
        double expected = Math.Exp(0.333 / K * ((1 / 300.0) - (1 / kelvin)));
        Assert.Equal(expected, pcm.ConductanceFactor(kelvin), 1e-12 * expected);
        if (kelvin == 358)
        {
            Assert.Equal(8.0, pcm.ConductanceFactor(kelvin), 0.1);
        }
    }

    [Fact]
    public void DriftAcceleration_IsTheArrheniusRatio_OfStructuralRelaxation()
    {
        var pcm = new PcmNoiseModel();
        double expected = Math.Exp(1.5 / K * ((1 / 300.0) - (1 / 358.0)));
        Assert.Equal(expected, pcm.DriftAcceleration(358), 1e-9 * expected);
        // A day at 358 K relaxes the glass as much as ≈ 32 years at 300 K.
        Assert.InRange(pcm.DriftAcceleration(358) * 86_400 / (365 * 86_400.0), 30, 35);
    }

    [Fact]
    public void At300K_DriftIsExactlyTheRoomTemperatureModel()
    {
        var pcm = new PcmNoiseModel();
        Assert.Equal(1.0, pcm.ConductanceFactor(300));
        Assert.Equal(1.0, pcm.DriftAcceleration(300));
        foreach (double age in new[] { 0.0, 1, 3600, 365 * 86_400.0 })
        {
            double g0 = 12e-6, nu = 0.06;
            Assert.Equal(g0 * Math.Pow((age + 20) / 20, -nu), pcm.Drift(g0, nu, age, 300), 0);
            Assert.Equal(pcm.Drift(g0, nu, age), pcm.Drift(g0, nu, age, 300), 0);
        }
    }

    [Fact]
    public void Drift_IsMonotonicInTemperature_HotterConductsMoreAndDecaysFaster()
    {
        var pcm = new PcmNoiseModel();
        double g0 = 12e-6, nu = 0.06, year = 365 * 86_400.0;
        double previousFactor = 0, previousDecay = double.MaxValue;
        for (double t = 200; t <= 400; t += 10)
        {
            // Conductance at age 0 rises with T; the drift decay G(1 y)/G(0) falls with T.
            double factor = pcm.Drift(g0, nu, 0, t) / g0;
            double decay = pcm.Drift(g0, nu, year, t) / pcm.Drift(g0, nu, 0, t);
            Assert.True(factor > previousFactor, $"conductance not increasing at {t} K");
            Assert.True(decay < previousDecay, $"drift not faster at {t} K");
            previousFactor = factor;
            previousDecay = decay;
        }
        // Independent check at 358 K: decay = ((a·1y + t₀)/t₀)^−ν.
        double a = Math.Exp(1.5 / K * ((1 / 300.0) - (1 / 358.0)));
        Assert.Equal(Math.Pow(((a * year) + 20) / 20, -nu), pcm.Drift(g0, nu, year, 358) / pcm.Drift(g0, nu, 0, 358), 1e-12);
    }

    [Theory]
    [InlineData(150.0)]
    [InlineData(450.0)]
    [InlineData(double.NaN)]
    public void Temperature_OutsideTheModelsRange_IsRefusedNamingTheRange(double kelvin)
    {
        var pcm = new PcmNoiseModel();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => pcm.Drift(1e-5, 0.05, 10, kelvin));
        Assert.Contains("[200, 400] K", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrossbarAt300K_IsTheRoomTemperatureState_AndHotterScalesEveryHealthyDevice()
    {
        var rng = new Rng(3);
        var w = Enumerable.Range(0, 48).Select(_ => (rng.NextDouble() * 2) - 1).ToArray();
        var design = new CrossbarDesign(w, 8, 6, new WeightMapping(), new PcmNoiseModel { ReadNoiseScale = 0 });
        var inst = design.Fabricate(DeviceVariation.None, 5);
        Assert.Equal(inst.At(3600).GPlus, inst.At(3600, 300).GPlus);
        // At age 0 drift has not started: the hot state is the room state times the Arrhenius factor.
        var cold = inst.At(0);
        var hot = inst.At(0, 358);
        double f = design.Noise.ConductanceFactor(358);
        for (int i = 0; i < cold.GPlus.Length; i++)
        {
            Assert.Equal(cold.GPlus[i] * f, hot.GPlus[i], 1e-12 * f * cold.GPlus[i] + 1e-18);
        }
    }

    [Fact]
    public void GlobalCompensation_UndoesTheUniformConductanceChange_OfAHotArray()
    {
        var rng = new Rng(4);
        var w = Enumerable.Range(0, 48).Select(_ => (rng.NextDouble() * 2) - 1).ToArray();
        var design = new CrossbarDesign(w, 8, 6, new WeightMapping(), new PcmNoiseModel { ReadNoiseScale = 0 });
        var inst = design.Fabricate(DeviceVariation.None, 6);
        // Reference read at programming (300 K); at 358 K and age 0 every conductance is f times larger: α = 1/f.
        var hot = inst.At(0, DriftCompensation.Global, 358);
        Assert.Equal(1 / design.Noise.ConductanceFactor(358), hot.CompensationFactors[0], 1e-12);
    }
}
