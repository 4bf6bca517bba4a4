using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Converters;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Networks;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests;

public class ConverterTests(ITestOutputHelper output)
{
    [Fact]
    public void Photodetector_GradientsMatchFiniteDifferences()
    {
        GradientCheck.Run(new Photodetector<double>(5, gain: 3), MeshTests.RandomField(4, 5, 1)).AssertWithin(1e-7);
    }

    [Fact]
    public void Modulator_GradientsMatchFiniteDifferences()
    {
        var x = new Tensor<double>(3, 2);
        new Rng(2).FillNormal(x.Span, 0, 1);
        GradientCheck.Run(new AmplitudeModulator<double>(2, 4), x).AssertWithin(1e-7);
    }

    [Fact]
    public void MzmModulator_HasTheSineTransfer_BoundedByItsDriveRange()
    {
        // Intensity sin²(π·V/(2V_π)): 0 at V = 0, ½ at V_π/2, 1 at V_π; clipped outside [0, V_π].
        var mod = new AmplitudeModulator<double>(5, 5, inputDomain: Domain.Electrical) { DriveVPi = 2.0 };
        var x = new Tensor<double>(1, 5);
        double[] drive = [-1, 0, 1, 2, 7];
        drive.CopyTo(x.Span);
        var y = mod.Forward(x, ForwardContext.Eval());
        double[] intensity = [0, 0, 0.5, 1, 1];
        for (int m = 0; m < 5; m++)
        {
            Assert.Equal(intensity[m], y.Row(0)[m] * y.Row(0)[m], 1e-12);
            Assert.Equal(0.0, y.Row(0)[5 + m]);
        }
        Assert.Equal("DriveVPi", Assert.Throws<ArgumentOutOfRangeException>(() => new AmplitudeModulator<double>(2, 2) { DriveVPi = 0 }).ParamName);
    }

    [Fact]
    public void MzmModulator_GradientsMatchFiniteDifferences_InsideAndOutsideTheDriveRange()
    {
        // Drives spread over [−0.5, 2.5] with V_π = 2: inside the range the slope is π/(2V_π)·cos(π·V/(2V_π)), outside 0.
        var x = new Tensor<double>(6, 4);
        new Rng(5).FillUniform(x.Span, -0.5, 2.5);
        var mod = new AmplitudeModulator<double>(4, 4, inputDomain: Domain.Electrical) { DriveVPi = 2.0 };
        var result = GradientCheck.Run(mod, x);
        output.WriteLine($"MZM modulator vs finite differences: {result}");
        result.AssertWithin(1e-7);
    }

    [Fact]
    public void MeshNetwork_WithMzmsBetweenLayers_GradientsMatchFiniteDifferences()
    {
        var meshes = Enumerable.Range(0, 2).Select(l => (MziMesh<double>)new ClementsMesh<double>(4, new Rng(30 + (ulong)l), name: $"mesh{l}")).ToList();
        var model = MeshClassifier.Build(meshes, 3, outputGain: 2);
        Assert.Equal(MeshClassifier.DefaultInterLayerVPi, model.Layers.OfType<AmplitudeModulator<double>>().Last().DriveVPi);
        var x = new Tensor<double>(4, 3);
        new Rng(6).FillNormal(x.Span, 0, 0.5);
        var result = GradientCheck.Run(model, x);
        output.WriteLine($"2-layer mesh network with MZMs vs finite differences: {result}");
        foreach (var e in result.Entries.Where(e => e.Name != "output_phase"))
        {
            Assert.True(e.RelativeError < 1e-6 && e.AnalyticNorm > 0, result.ToString());
        }
        // The detectors cannot see the output phase screens: their gradients vanish.
        Assert.All(result.Entries.Where(e => e.Name == "output_phase"), e => Assert.True(e.AnalyticNorm < 1e-12));
    }

    [Fact]
    public void ModulatorMeshDetector_Chain_GradientsMatchFiniteDifferences()
    {
        var model = new Sequential<double>(new AmplitudeModulator<double>(3, 4), new ClementsMesh<double>(4, new Rng(3)), new Photodetector<double>(4));
        Assert.Equal(Domain.Digital, model.InputDomain);
        Assert.Equal(Domain.Electrical, model.OutputDomain);
        var x = new Tensor<double>(5, 3);
        new Rng(4).FillNormal(x.Span, 0, 1);
        var result = GradientCheck.Run(model, x);
        foreach (var e in result.Entries.Where(e => e.Name != "output_phase"))
        {
            Assert.True(e.RelativeError < 1e-6 && e.AnalyticNorm > 0, result.ToString());
        }
        // Square-law detection cannot see the output phase screen: its gradient must vanish.
        Assert.True(result.Entries.Single(e => e.Name == "output_phase").AnalyticNorm < 1e-12);
    }

    [Fact]
    public void Photodetector_MeasuresPower_AndNoiseHasTheStatedVariance()
    {
        var field = new Tensor<double>(20000, 2, 1);
        for (int b = 0; b < field.Rows; b++)
        {
            field[b, 0] = 0.6;
            field[b, 1] = 0.8;
        }
        var clean = new Photodetector<double>(1).Forward(field, ForwardContext.Eval());
        Assert.Equal(1.0, clean[0], 14);
        var noisy = new Photodetector<double>(1, noise: new PhotodetectorNoise(0.01, 0.03)).Forward(field, ForwardContext.Eval(5));
        double mean = noisy.Data.Average(), var = noisy.Data.Select(v => (v - mean) * (v - mean)).Average();
        Assert.Equal(1.0, mean, 2);
        Assert.Equal(0.01 + 0.0009, var, 3);
        var rin = new Photodetector<double>(1, noise: new PhotodetectorNoise(0, 0, 0.04)).Forward(field, ForwardContext.Eval(6));
        double m2 = rin.Data.Average();
        // 20 000 samples: the variance estimate has a relative std of √(2/20 000) = 1 %.
        Assert.InRange(rin.Data.Select(v => (v - m2) * (v - m2)).Average(), 0.04 * 0.96, 0.04 * 1.04);
    }

    [Fact]
    public void PhotodetectorNoise_DarkCurrentAndRin_AddTheirTerms()
    {
        var none = PhotodetectorNoise.FromPhysics(1e-3, 10e9, darkCurrent: 0, rinPerHz: 0);
        var dark = PhotodetectorNoise.FromPhysics(1e-3, 10e9, darkCurrent: 1e-6, rinPerHz: 0);
        var rin = PhotodetectorNoise.FromPhysics(1e-3, 10e9, darkCurrent: 0);
        Assert.Equal(0, none.RinFactor);
        Assert.True(dark.ThermalNoiseStd > none.ThermalNoiseStd);
        Assert.Equal(PhotodetectorNoise.DefaultRinPerHz * 10e9, rin.RinFactor, 15);
    }

    [Fact]
    public void PhotodetectorNoise_FromPhysics_GivesShotNoiseOf2qB()
    {
        // 1 mW on a 1 A/W detector over 10 GHz: σ_I² = 2·q·I·B = 3.2e-12 A²; in mW units (P in mW):
        var n = PhotodetectorNoise.FromPhysics(wattsPerUnit: 1e-3, bandwidthHz: 10e9);
        double varianceW2 = n.ShotNoiseFactor * 1.0 * 1e-6;
        double expected = 2 * PhotodetectorNoise.ElementaryCharge * 1e-3 * 10e9;
        Assert.Equal(1.0, varianceW2 / expected, 12);
    }

    [Fact]
    public void Modulator_RejectsWrongFeatureCount()
    {
        var e = Assert.Throws<ArgumentException>(() => new AmplitudeModulator<double>(2, 4).Forward(new Tensor<double>(1, 3), ForwardContext.Eval()));
        Assert.Contains("expected 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PhaseModulator_And_CoherentReceiver_GradientsMatchFiniteDifferences()
    {
        var x = new Tensor<double>(3, 4);
        new Rng(9).FillNormal(x.Span, 0, 1);
        GradientCheck.Run(new PhaseModulator<double>(4), x).AssertWithin(1e-7);
        GradientCheck.Run(new CoherentReceiver<double>(4, gain: 2), MeshTests.RandomField(3, 4, 1)).AssertWithin(1e-7);
        var model = new Sequential<double>(new PhaseModulator<double>(4), new ClementsMesh<double>(4, new Rng(2)), new CoherentReceiver<double>(4));
        GradientCheck.Run(model, x).AssertWithin(1e-6);
    }

    [Fact]
    public void Adc_QuantizesToItsLevels_ClipsOutOfRange_AndPassesGradientInside()
    {
        var adc = new AnalogToDigitalConverter<double>(2, 0, 3);
        var x = Tensor<double>.FromArray([0.4, 1.6, 2.2, 5.0, -1.0], 1, 5);
        var y = adc.Forward(x, ForwardContext.Eval());
        Assert.Equal([0.0, 2.0, 2.0, 3.0, 0.0], y.Data);
        var g = adc.Backward(Tensor<double>.FromArray([1.0, 1, 1, 1, 1], 1, 5));
        Assert.Equal([1.0, 1, 1, 0, 0], g.Data);
        var chain = new Sequential<double>(new AmplitudeModulator<double>(2, 2), new Photodetector<double>(2), adc);
        Assert.Equal(Domain.Digital, chain.OutputDomain);
    }

    [Fact]
    public void Modulator_WithDac_QuantizesAndClips()
    {
        var mod = new AmplitudeModulator<double>(4, 4) { DacBits = 2, FullScale = 1.5 };
        var x = Tensor<double>.FromArray([0.2, -0.9, 3.0, 0.6], 1, 4);
        var y = mod.Forward(x, ForwardContext.Eval());
        // Levels: −1.5, −0.5, 0.5, 1.5.
        Assert.Equal([0.5, -0.5, 1.5, 0.5], y.Row(0)[..4].ToArray());
        var g = mod.Backward(new Tensor<double>(1, 2, 4) { [0] = 1, [1] = 1, [2] = 1, [3] = 1 });
        Assert.Equal([1.0, 1, 0, 1], g.Data);
    }
}
