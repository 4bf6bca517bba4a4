using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Diffractive;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests;

public class DiffractiveTests(ITestOutputHelper output)
{
    // Lin et al. 2018: 0.4 THz (λ = 0.75 mm), pixel pitch 0.4 mm.
    private const double Lambda = 0.75e-3, Pitch = 0.4e-3;

    [Fact]
    public void Fft_MatchesDirectDft_AndInverts()
    {
        int n = 16;
        var r = new Rng(1);
        var re = new double[n];
        var im = new double[n];
        r.FillNormal(re.AsSpan(), 0, 1);
        r.FillNormal(im.AsSpan(), 0, 1);
        var fr = (double[])re.Clone();
        var fi = (double[])im.Clone();
        var fft = new Fft<double>(n);
        fft.Transform(fr, fi, inverse: false);
        for (int k = 0; k < n; k++)
        {
            Complex s = 0;
            for (int j = 0; j < n; j++)
            {
                s += new Complex(re[j], im[j]) * Complex.FromPolarCoordinates(1, -2 * Math.PI * j * k / n);
            }
            Assert.True(Complex.Abs(s - new Complex(fr[k], fi[k])) < 1e-12);
        }
        fft.Transform(fr, fi, inverse: true);
        for (int j = 0; j < n; j++)
        {
            Assert.Equal(re[j], fr[j], 1e-13);
            Assert.Equal(im[j], fi[j], 1e-13);
        }
    }

    [Fact]
    public void AngularSpectrum_PropagatesGaussianBeam_AsTheAnalyticFresnelSolution()
    {
        int n = 128;
        double w0 = 4e-3, z = 30e-3, k = 2 * Math.PI / Lambda, zr = k * w0 * w0 / 2;
        var prop = new AngularSpectrumPropagation<double>(n, Pitch, Lambda, z);
        var x = new Tensor<double>(1, 2, n * n);
        double Coord(int i) => (i - (n / 2)) * Pitch;
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                double rho2 = (Coord(r) * Coord(r)) + (Coord(c) * Coord(c));
                x[0, (r * n) + c] = Math.Exp(-rho2 / (w0 * w0));
            }
        }
        var y = prop.Forward(x, ForwardContext.Eval());
        var q = new Complex(z, -zr);
        var pre = new Complex(0, -zr) / q * Complex.FromPolarCoordinates(1, k * z);
        double maxErr = 0, peak = 0;
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                double rho2 = (Coord(r) * Coord(r)) + (Coord(c) * Coord(c));
                var analytic = pre * Complex.Exp(Complex.ImaginaryOne * k * rho2 / (2 * q));
                var numeric = new Complex(y[0, (r * n) + c], y[0, (n * n) + (r * n) + c]);
                maxErr = Math.Max(maxErr, Complex.Abs(numeric - analytic));
                peak = Math.Max(peak, Complex.Abs(analytic));
            }
        }
        output.WriteLine($"Gaussian beam, w0 = 4 mm, z = 30 mm, λ = 0.75 mm: max |E_ASM − E_Fresnel| / max|E| = {maxErr / peak:E2}");
        Assert.True(maxErr / peak < 5e-3, $"relative error {maxErr / peak:E2}");
    }

    [Fact]
    public void AngularSpectrum_ConservesPower_ForBandLimitedField_AndNeverGains()
    {
        int n = 32;
        var prop = new AngularSpectrumPropagation<double>(n, Pitch, Lambda, 5e-3);
        var x = new Tensor<double>(3, 2, n * n);
        new Rng(2).FillNormal(x.Span, 0, 1);
        var y = prop.Forward(x, ForwardContext.Eval());
        double pin = x.Data.Sum(v => v * v), pout = y.Data.Sum(v => v * v);
        Assert.True(pout <= pin * (1 + 1e-12));
    }

    [Fact]
    public void AngularSpectrum_RefusesAliasingSetup_AndSuggestsPadding()
    {
        var e = Assert.Throws<ArgumentException>(() => new AngularSpectrumPropagation<double>(64, Pitch, Lambda, 2.0));
        Assert.Equal("distance", e.ParamName);
        Assert.Contains("padding", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AngularSpectrumPropagation<double>(64, Pitch, Lambda, 1e-2, padding: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AngularSpectrumPropagation<double>(64, double.NaN, Lambda, 1e-2));
    }

    [Fact]
    public void DiffractiveStack_GradientsMatchFiniteDifferences()
    {
        int n = 8;
        var model = new Sequential<double>(
            new PhaseMask<double>(n, new Rng(1), "mask0"),
            new AngularSpectrumPropagation<double>(n, Pitch, Lambda, 3e-3),
            new PhaseMask<double>(n, new Rng(2), "mask1"),
            new AngularSpectrumPropagation<double>(n, Pitch, Lambda, 3e-3),
            new DetectorRegions<double>(n, 4, 2, gain: 5));
        var x = new Tensor<double>(2, 2, n * n);
        new Rng(3).FillNormal(x.Span, 0, 1);
        GradientCheck.Run(model, x, maxEntries: 40).AssertWithin(1e-6);
    }

    [Fact]
    public void PhaseMask_QuantizesToFabricationLevels_AndRejectsNaN()
    {
        var mask = new PhaseMask<double>(2) { Levels = 4 };
        mask.Phase.Value[0] = 0.7;
        mask.Phase.Value[1] = 2.0;
        var x = new Tensor<double>(1, 2, 4);
        x.Fill(1);
        var y = mask.Forward(x, ForwardContext.Eval());
        // 0.7 rad rounds to level 0 (phase 0), 2.0 rad to level 1 (π/2): Re(e^{iφ}·(1 + i)) = cos φ − sin φ.
        Assert.Equal(1, y[0, 0], 12);
        Assert.Equal(-1, y[0, 1], 12);
        mask.Phase.Value[2] = double.NaN;
        var e = Assert.Throws<InvalidOperationException>(() => mask.Forward(x, ForwardContext.Eval()));
        Assert.Contains("phase[2]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectorRegions_AreDisjoint_AndInsideThePlane()
    {
        var d = new DetectorRegions<double>(28, 10, 3);
        var all = Enumerable.Range(0, 10).SelectMany(k => d.Region(k)).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(all, p => Assert.InRange(p, 0, (28 * 28) - 1));
        Assert.Throws<ArgumentException>(() => new DetectorRegions<double>(8, 10, 3));
    }

    [Fact]
    public void ComplexMask_IsPassive_AndGradientsMatchFiniteDifferences()
    {
        int n = 4;
        var mask = new ComplexMask<double>(n, new Rng(2));
        new Rng(3).FillNormal(mask.AmplitudeLogit.Value.Span, 0, 1.5);
        var x = new Tensor<double>(3, 2, n * n);
        new Rng(4).FillNormal(x.Span, 0, 1);
        var y = mask.Forward(x, ForwardContext.Eval());
        Assert.True(y.Data.Sum(v => v * v) < x.Data.Sum(v => v * v));
        GradientCheck.Run(mask, x).AssertWithin(1e-7);
    }
}
