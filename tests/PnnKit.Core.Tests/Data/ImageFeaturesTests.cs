using System.Numerics;
using PnnKit.Core.Data;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Tests.Data;

public class ImageFeaturesTests
{
    private static Tensor<double> RandomImages(int n, int h, int w, int seed)
    {
        var r = new System.Random(seed);
        var t = new Tensor<double>(n, h * w);
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = r.NextDouble();
        }
        return t;
    }

    [Fact]
    public void Downsample_AveragesBlocks_For28To14And7()
    {
        var img = RandomImages(2, 28, 28, 1);
        var d14 = ImageFeatures.Downsample(img, 28, 28, 14, 14);
        var d7 = ImageFeatures.Downsample(img, 28, 28, 7, 7);
        double block = (img[1, (10 * 28) + 6] + img[1, (10 * 28) + 7] + img[1, (11 * 28) + 6] + img[1, (11 * 28) + 7]) / 4;
        Assert.Equal(block, d14[1, (5 * 14) + 3], 12);
        double sum = 0;
        for (int y = 4; y < 8; y++)
        {
            for (int x = 24; x < 28; x++)
            {
                sum += img[0, (y * 28) + x];
            }
        }
        Assert.Equal(sum / 16, d7[0, (1 * 7) + 6], 12);
    }

    [Fact]
    public void Downsample_ConservesMeanBrightness_ForNonDivisibleSizes()
    {
        var img = RandomImages(3, 28, 28, 2);
        var d = ImageFeatures.Downsample(img, 28, 28, 10, 9);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(img.Row(i).ToArray().Average(), d.Row(i).ToArray().Average(), 10);
        }
    }

    [Fact]
    public void LowFrequencyFourier_MatchesDirectDft_InFftshiftCropOrder()
    {
        var img = RandomImages(2, 28, 28, 3);
        const int r = 2;
        var f = ImageFeatures.LowFrequencyFourier(img, 28, 28, r, normalize: false);
        Assert.Equal(16, f.N);
        for (int i = 0; i < 2; i++)
        {
            int j = 0;
            for (int u = -r; u < r; u++)
            {
                for (int v = -r; v < r; v++, j++)
                {
                    Complex want = 0;
                    for (int y = 0; y < 28; y++)
                    {
                        for (int x = 0; x < 28; x++)
                        {
                            want += img[i, (y * 28) + x] * Complex.Exp(new Complex(0, -2 * Math.PI * (((double)u * y / 28) + ((double)v * x / 28))));
                        }
                    }
                    Assert.Equal(want.Real, f.Get(i, j).Real, 9);
                    Assert.Equal(want.Imaginary, f.Get(i, j).Imaginary, 9);
                }
            }
        }
        // DC sits at (u, v) = (0, 0): row r, column r of the 2r×2r block.
        Assert.Equal(img.Row(0).ToArray().Sum(), f.Get(0, (r * 4) + r).Real, 9);
    }

    [Fact]
    public void LowFrequencyFourier_Normalized_HasMeanMagnitudeOne_AndIgnoresInkScale()
    {
        var img = RandomImages(1, 28, 28, 4);
        var twice = Tensor<double>.FromArray(img.Data.Select(v => 2 * v).ToArray(), 1, 784);
        var a = ImageFeatures.FourierFeatures(img, 28, 28, 4, FourierOutput.Magnitude);
        var b = ImageFeatures.FourierFeatures(twice, 28, 28, 4, FourierOutput.Magnitude);
        Assert.Equal(64, a.RowLength);
        Assert.Equal(1, a.Data.Average(), 12);
        for (int k = 0; k < 64; k++)
        {
            Assert.Equal(a[k], b[k], 10);
        }
    }

    [Fact]
    public void FourierFeatures_RealImag_IsComplexRowLayout_AndMagnitudesAreConjugateSymmetric()
    {
        var img = RandomImages(1, 28, 28, 5);
        var c = ImageFeatures.LowFrequencyFourier(img, 28, 28, 2);
        var ri = ImageFeatures.FourierFeatures(img, 28, 28, 2, FourierOutput.RealImag);
        Assert.Equal(32, ri.RowLength);
        Assert.Equal(c.Get(0, 5).Real, ri[0, 5], 12);
        Assert.Equal(c.Get(0, 5).Imaginary, ri[0, 16 + 5], 12);
        // F(−u,−v) = conj F(u,v): (u,v)=(−1,1) is index (1·4)+3, (1,−1) is (3·4)+1.
        Assert.Equal(c.Get(0, 7).Real, c.Get(0, 13).Real, 10);
        Assert.Equal(c.Get(0, 7).Imaginary, -c.Get(0, 13).Imaginary, 10);
    }

    [Fact]
    public void FourierFeatures_OfMnistSubset_GivesRequestedCount()
    {
        var d = BundledData.MnistSubset<float>(DataPart.Test);
        var f = ImageFeatures.FourierFeatures(d, 16, FourierOutput.RealImag);
        Assert.Equal((2000, 32), (f.Count, f.FeatureCount));
        Assert.Equal(d.Labels, f.Labels);
        Assert.Equal(-1, f.Features.IndexOfNonFinite());
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFeatures.FourierFeatures(d, 20, FourierOutput.Magnitude));
    }

    [Fact]
    public void ImageFeatures_RejectWrongImageSize()
    {
        var img = new Tensor<float>(2, 100);
        Assert.Throws<ArgumentException>(() => ImageFeatures.Downsample(img, 28, 28, 14, 14));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFeatures.LowFrequencyFourier(new Tensor<float>(1, 784), 28, 28, 15));
    }
}
