using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Diffractive;

namespace PnnKit.Photonics.Tests;

public class D2nnBuildingBlockTests
{
    // Lin et al. 2018: 0.4 THz (λ = 0.75 mm), pixel pitch 0.4 mm.
    private const double Lambda = 0.75e-3, Pitch = 0.4e-3;

    [Fact]
    public void ImagePlane_WritesEachPixelAsACentredBlockOfRealAmplitude()
    {
        var plane = new ImagePlane<double>(2, 3, 10);
        var x = Tensor<double>.FromArray([1, 2, 3, 4], 1, 4);
        var y = plane.Forward(x, ForwardContext.Eval());
        // The 6×6 image sits at rows/columns 2..7; pixel (r, c) of the image fills a 3×3 block.
        for (int r = 0; r < 10; r++)
        {
            for (int c = 0; c < 10; c++)
            {
                bool inside = r is >= 2 and < 8 && c is >= 2 and < 8;
                double expected = inside ? x[0, ((r - 2) / 3 * 2) + ((c - 2) / 3)] : 0;
                Assert.Equal(expected, y.Data[(r * 10) + c]);
                Assert.Equal(0, y.Data[100 + (r * 10) + c]);
            }
        }
    }

    [Fact]
    public void ImagePlane_GradientMatchesFiniteDifferences_InFrontOfPropagation()
    {
        int n = 8;
        var model = new Sequential<double>(
            new ImagePlane<double>(3, 2, n),
            new PhaseMask<double>(n, new Rng(1)),
            new AngularSpectrumPropagation<double>(n, Pitch, Lambda, 3e-3),
            new DetectorRegions<double>(n, 4, 2, gain: 5));
        var x = new Tensor<double>(2, 9);
        new Rng(2).FillUniform(x.Span, 0, 1);
        GradientCheck.Run(model, x).AssertWithin(1e-6);
    }

    [Fact]
    public void ImagePlane_RejectsImagesThatDoNotFit_AndWrongShapes()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ImagePlane<double>(28, 4, 100));
        Assert.Equal("scale", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImagePlane<double>(0, 1, 10));
        var plane = new ImagePlane<double>(3, 1, 5);
        Assert.Throws<ArgumentException>(() => plane.Forward(new Tensor<double>(1, 8), ForwardContext.Eval()));
    }

    [Fact]
    public void Fft_ColumnPasses_MatchOneDimensionalTransforms_AndTransposeIsExact()
    {
        int n = 16;
        var fft = new Fft<double>(n);
        var re = new double[n * n];
        var im = new double[n * n];
        var r = new Rng(3);
        r.FillNormal(re.AsSpan(), 0, 1);
        r.FillNormal(im.AsSpan(), 0, 1);
        var cr = (double[])re.Clone();
        var ci = (double[])im.Clone();
        // Columns 3..12 only; the others must stay untouched.
        fft.TransformColumns(cr, ci, 3, 10, inverse: false);
        for (int c = 0; c < n; c++)
        {
            var colRe = Enumerable.Range(0, n).Select(k => re[(k * n) + c]).ToArray();
            var colIm = Enumerable.Range(0, n).Select(k => im[(k * n) + c]).ToArray();
            if (c is >= 3 and < 13)
            {
                fft.Transform(colRe, colIm, inverse: false);
            }
            for (int k = 0; k < n; k++)
            {
                Assert.Equal(colRe[k], cr[(k * n) + c], 1e-12);
                Assert.Equal(colIm[k], ci[(k * n) + c], 1e-12);
            }
        }
        // Unnormalized inverse: forward then inverse gives n times the input on the transformed columns.
        fft.TransformColumns(cr, ci, 3, 10, inverse: true);
        Assert.Equal(n * re[(5 * n) + 4], cr[(5 * n) + 4], 1e-11);
        Assert.Equal(re[(5 * n) + 1], cr[(5 * n) + 1]);
        var t = new double[n * n];
        Fft<double>.Transpose(re, t, n, 0, n, 0, n);
        Assert.Equal(re[(2 * n) + 7], t[(7 * n) + 2]);
    }

    [Fact]
    public void ComplexMask_RejectsNaNPhase_NamingThePixel()
    {
        var mask = new ComplexMask<double>(2);
        mask.Phase.Value[3] = double.NaN;
        var e = Assert.Throws<InvalidOperationException>(() => mask.Forward(new Tensor<double>(1, 2, 4), ForwardContext.Eval()));
        Assert.Contains("pixel 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AngularSpectrum_RefusesLinGeometryOverMetres_AndSaysHowMuchPadding()
    {
        // Lin et al.'s λ and pitch over 1 m on a 200-pixel grid alias at padding 2.
        var e = Assert.Throws<ArgumentException>(() => new AngularSpectrumPropagation<float>(200, Pitch, Lambda, 1.0));
        Assert.Equal("distance", e.ParamName);
        Assert.Contains("increase padding to at least", e.Message, StringComparison.Ordinal);
        // The suggested padding works.
        string suggested = e.Message.Split("at least ")[1].Split(' ')[0];
        var fixedUp = new AngularSpectrumPropagation<float>(200, Pitch, Lambda, 1.0, padding: double.Parse(suggested, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(fixedUp.PaddedSize >= 400);
    }
}
