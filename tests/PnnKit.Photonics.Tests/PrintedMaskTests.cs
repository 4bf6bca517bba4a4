using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Diffractive;

namespace PnnKit.Photonics.Tests;

public class PrintedMaskTests
{
    // Lin et al. 2018: 0.4 THz (λ = 0.75 mm), pixel pitch 0.4 mm.
    private const double Lambda = 0.75e-3, Pitch = 0.4e-3;

    private static Tensor<double> Ones(int nn)
    {
        var x = new Tensor<double>(1, 2, nn);
        x.Data.AsSpan(0, nn).Fill(1);
        return x;
    }

    [Fact]
    public void ResinMask_AmplitudeFollowsBeerLambert_OfThePrintedHeight()
    {
        var resin = PrintingResin.VeroBlackPlus;
        double[] phases = [0.3, Math.PI, 5.9, 2 * Math.PI + 1.0, -1.0];
        var mask = new PhaseMask<double>(3) { Resin = resin, Wavelength = Lambda };
        for (int i = 0; i < 9; i++)
        {
            mask.Phase.Value[i] = phases[i % phases.Length];
        }
        var y = mask.Forward(Ones(9), ForwardContext.Eval());
        double alpha = 4 * Math.PI * 0.031 / Lambda; // intensity absorption coefficient of the resin, 1/m
        for (int i = 0; i < 9; i++)
        {
            double wrapped = ((phases[i % phases.Length] % (2 * Math.PI)) + (2 * Math.PI)) % (2 * Math.PI);
            double h = wrapped * Lambda / (2 * Math.PI * (1.7227 - 1));
            double amplitude = Math.Sqrt((y.Data[i] * y.Data[i]) + (y.Data[9 + i] * y.Data[9 + i]));
            Assert.Equal(Math.Exp(-alpha * h / 2), amplitude, 1e-12);
        }
        // φ = π: exp(−π·0.031/0.7227) = 0.87393.
        Assert.Equal(0.87393, Math.Sqrt((y.Data[1] * y.Data[1]) + (y.Data[10] * y.Data[10])), 1e-5);
    }

    [Fact]
    public void ResinMask_IsPassive_AndDiffersFromTheLosslessMask()
    {
        var rng = new Rng(3);
        var lossy = new PhaseMask<double>(6, rng.Split(1)) { Resin = PrintingResin.VeroBlackPlus with { BaseThickness = 0.5e-3 }, Wavelength = Lambda };
        var lossless = new PhaseMask<double>(6);
        lossy.Phase.Value.Span.CopyTo(lossless.Phase.Value.Span);
        var x = new Tensor<double>(2, 2, 36);
        rng.FillNormal(x.Span, 0, 1);
        var a = lossy.Forward(x, ForwardContext.Eval());
        var b = lossless.Forward(x, ForwardContext.Eval());
        double pin = 0, pa = 0, pb = 0;
        for (int i = 0; i < x.Data.Length; i++)
        {
            pin += x.Data[i] * x.Data[i];
            pa += a.Data[i] * a.Data[i];
            pb += b.Data[i] * b.Data[i];
        }
        Assert.True(pa < pin);
        Assert.Equal(pin, pb, 1e-9); // lossless phase-only: unitary per pixel
        // The base plate alone: exp(−2π·0.031·0.5 mm/0.75 mm) = exp(−0.12985) = 0.87822.
        Assert.Equal(0.87822, (PrintingResin.VeroBlackPlus with { BaseThickness = 0.5e-3 }).BaseAmplitude(Lambda), 1e-5);
    }

    [Fact]
    public void ResinMask_GradientMatchesFiniteDifferences()
    {
        int n = 8;
        var mask = new PhaseMask<double>(n) { Resin = PrintingResin.VeroBlackPlus, Wavelength = Lambda };
        // Away from the 2π wrap, where the printed height (and so the amplitude) jumps.
        new Rng(1).FillUniform(mask.Phase.Value.Span, 0.2, 6.0);
        var model = new Sequential<double>(
            new ImagePlane<double>(4, 2, n),
            mask,
            new AngularSpectrumPropagation<double>(n, Pitch, Lambda, 3e-3),
            new DetectorRegions<double>(n, 4, 2, gain: 5));
        var x = new Tensor<double>(2, 16);
        new Rng(2).FillUniform(x.Span, 0, 1);
        GradientCheck.Run(model, x).AssertWithin(1e-6);
    }

    [Fact]
    public void Resin_RejectsUnphysicalIndices_NamingTheField()
    {
        Assert.Equal("RefractiveIndex", Assert.Throws<ArgumentOutOfRangeException>(() => new PrintingResin(0.9, 0.01).Validate()).ParamName);
        Assert.Equal("ExtinctionCoefficient", Assert.Throws<ArgumentOutOfRangeException>(() => new PrintingResin(1.7, -0.01).Validate()).ParamName);
        Assert.Equal("BaseThickness", Assert.Throws<ArgumentOutOfRangeException>(() => new PrintingResin(1.7, 0.01, -1).Validate()).ParamName);
    }

    [Fact]
    public void AngularSpectrum_PropagatingZ1ThenZ2_EqualsZ1PlusZ2()
    {
        int n = 32;
        var x = new Tensor<double>(1, 2, n * n);
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                double dr = r - 15.5, dc = c - 15.5;
                x.Data[(r * n) + c] = Math.Exp(-((dr * dr) + (dc * dc)) / (2 * 3.0 * 3.0));
            }
        }
        var ctx = ForwardContext.Eval();
        var two = new AngularSpectrumPropagation<double>(n, Pitch, Lambda, 4e-3).Forward(new AngularSpectrumPropagation<double>(n, Pitch, Lambda, 2e-3).Forward(x, ctx), ctx);
        var one = new AngularSpectrumPropagation<double>(n, Pitch, Lambda, 6e-3).Forward(x, ctx);
        double diff = 0, norm = 0;
        for (int i = 0; i < one.Data.Length; i++)
        {
            diff += (one.Data[i] - two.Data[i]) * (one.Data[i] - two.Data[i]);
            norm += one.Data[i] * one.Data[i];
        }
        Assert.True(Math.Sqrt(diff / norm) < 1e-3, $"relative difference {Math.Sqrt(diff / norm)}");
    }

    [Fact]
    public void AxialMisalignment_ZeroStdReproducesTheAlignedOutput_AndOffsetsKeepTheEndPlanes()
    {
        var geometry = new DiffractiveGeometry { N = 16, Layers = 3, LayerDistance = 3e-3, Classes = 4, RegionSize = 3 };
        var model = DiffractiveNetwork.Build<double>(geometry, new Rng(5));
        var x = new Tensor<double>(2, 256);
        new Rng(6).FillUniform(x.Span, 0, 1);
        var aligned = model.Forward(x, ForwardContext.Eval()).Data.ToArray();
        var same = DiffractiveNetwork.WithAxialMisalignment(model, 0, new Rng(7)).Forward(x, ForwardContext.Eval()).Data.ToArray();
        Assert.Equal(aligned, same);
        var moved = DiffractiveNetwork.WithAxialMisalignment(model, 0.2e-3, new Rng(7));
        var gaps = moved.Layers.OfType<AngularSpectrumPropagation<double>>().Select(p => p.Distance).ToArray();
        // The masks move; the input and detector planes do not, so the gaps still add up to 4 × 3 mm.
        Assert.Equal(4 * 3e-3, gaps.Sum(), 1e-12);
        Assert.Contains(gaps, g => Math.Abs(g - 3e-3) > 1e-6);
        Assert.NotEqual(aligned, moved.Forward(x, ForwardContext.Eval()).Data.ToArray());
        Assert.Equal("std", Assert.Throws<ArgumentOutOfRangeException>(() => DiffractiveNetwork.WithAxialMisalignment(model, -1, new Rng(1))).ParamName);
    }

    [Fact]
    public void ScalarTheoryWarning_StatesTheLimitWhereThePitchNearsTheWavelength()
    {
        Assert.Contains("below λ:", new DiffractiveGeometry().ScalarTheoryWarning(), StringComparison.Ordinal); // Lin et al.: 0.53 λ
        Assert.Contains("evanescent", new DiffractiveGeometry { Pitch = 0.3e-3 }.ScalarTheoryWarning(), StringComparison.Ordinal);
        Assert.Null(new DiffractiveGeometry { Pitch = 0.8e-3 }.ScalarTheoryWarning());
    }
}
