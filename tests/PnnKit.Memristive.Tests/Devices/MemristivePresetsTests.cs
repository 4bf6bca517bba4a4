using PnnKit.Core.Random;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;
using PnnKit.Memristive.Periphery;

namespace PnnKit.Memristive.Tests.Devices;

public sealed class MemristivePresetsTests
{
    [Fact]
    public void PcmPreset_IsTheDefaultModel_WithTheValuesTheCodeUsedBefore()
    {
        var m = MemristivePresets.PcmJoshi2020.Model;
        var fresh = new PcmNoiseModel();
        Assert.Equal(fresh.GMax, m.GMax);
        Assert.Equal(fresh.ProgrammingCoefficients, m.ProgrammingCoefficients);
        Assert.Equal((fresh.T0, fresh.TRead, fresh.ConductionActivationEnergy, fresh.DriftActivationEnergy), (m.T0, m.TRead, m.ConductionActivationEnergy, m.DriftActivationEnergy));
        Assert.Equal((fresh.ProgrammingNoiseScale, fresh.ReadNoiseScale, fresh.DriftScale), (m.ProgrammingNoiseScale, m.ReadNoiseScale, m.DriftScale));
        // The values before presets existed (aihwkit PCMLikeNoiseModel; Muneer 2018; our E_d assumption).
        Assert.Equal(25e-6, m.GMax);
        Assert.Equal([0.26348, 1.9650, -1.1731], m.ProgrammingCoefficients);
        Assert.Equal((20.0, 250e-9, 0.333, 1.5), (m.T0, m.TRead, m.ConductionActivationEnergy, m.DriftActivationEnergy));
    }

    [Fact]
    public void RramPreset_IsTheDefaultRecord()
    {
        Assert.Equal(new RramDeviceModel(), MemristivePresets.RramYao2020.Model);
        Assert.Equal((2e-6, 20e-6, 8, 0.2), (MemristivePresets.RramYao2020.Model.GMin, MemristivePresets.RramYao2020.Model.GMax, MemristivePresets.RramYao2020.Model.Levels, MemristivePresets.RramYao2020.Model.ReadVoltage));
        MemristivePresets.RramYao2020.Model.Validate();
    }

    [Fact]
    public void AnalogConfig_DefaultsAreThePresets()
    {
        var c = new AnalogConfig();
        Assert.Same(MemristivePresets.PcmJoshi2020.Model, c.Device);
        Assert.Same(MemristivePresets.AdcSarMurmann.Model, c.AdcCost);
        Assert.Equal((10e-15, 100e6), (c.AdcCost.WaldenFomJoules, c.AdcCost.SampleRate));
    }

    [Fact]
    public void CrossbarDesign_WithoutNoise_UsesThePcmPreset()
    {
        var design = new CrossbarDesign(new double[] { 0.5, -0.5 }, 2, 1, new WeightMapping());
        Assert.Same(MemristivePresets.PcmJoshi2020.Model, design.Noise);
        var scaled = new CrossbarDesign(new double[] { 0.5, -0.5 }, 2, 1, new WeightMapping(gMax: 10e-6));
        Assert.Equal(10e-6, scaled.Noise.GMax);
        Assert.Equal(new PcmNoiseModel(10e-6).ProgrammingSigma(5e-6), scaled.Noise.ProgrammingSigma(5e-6));
    }

    [Fact]
    public void WithGMax_KeepsEveryOtherStatistic()
    {
        var m = new PcmNoiseModel(30e-6)
        {
            ProgrammingCoefficients = [0.1, 0.2],
            T0 = 5,
            TRead = 1e-6,
            ConductionActivationEnergy = 0.2,
            DriftActivationEnergy = 1.0,
            ProgrammingNoiseScale = 2,
            ReadNoiseScale = 3,
            DriftScale = 0.5,
        };
        var r = m.WithGMax(10e-6);
        Assert.Equal(10e-6, r.GMax);
        Assert.Equal(m.ProgrammingCoefficients, r.ProgrammingCoefficients);
        Assert.Equal((5.0, 1e-6, 0.2, 1.0, 2.0, 3.0, 0.5), (r.T0, r.TRead, r.ConductionActivationEnergy, r.DriftActivationEnergy, r.ProgrammingNoiseScale, r.ReadNoiseScale, r.DriftScale));
        Assert.Equal(7.0, m.WithGMax(30e-6, 7).ProgrammingNoiseScale);
        Assert.Same(m, m.WithGMax(30e-6));
    }

    [Fact]
    public void AnalogLinear_ProgramsWithItsConfiguredDevice()
    {
        var device = new PcmNoiseModel() { T0 = 5 };
        var layer = new AnalogLinear<float>(2, 1, new Rng(1), new AnalogConfig { Device = device, Mapping = new WeightMapping(gMax: 10e-6) });
        var noise = layer.ToDesign().Noise;
        Assert.Equal((5.0, 10e-6), (noise.T0, noise.GMax));
        Assert.Equal(20.0, new AnalogLinear<float>(2, 1, new Rng(1)).ToDesign().Noise.T0);
    }

    [Fact]
    public void EveryMemristivePreset_HasUnitsAndSources()
    {
        Assert.Equal(["pcm-joshi-2020", "rram-yao-2020", "flash-mythic-40nm", "adc-sar-murmann"], MemristivePresets.All.Select(p => p.Name));
        Assert.All(MemristivePresets.All.SelectMany(p => p.Parameters), q => Assert.True(q.Unit.Length > 0 && q.Source.Length > 0, q.Name));
        Assert.Contains(MemristivePresets.AdcSarMurmann.Parameters, q => q.Name == "Walden figure of merit" && q.Value == new AdcCostModel().WaldenFomJoules);
    }
}
