using PnnKit.Core.Random;
using PnnKit.Memristive.Periphery;

namespace PnnKit.Memristive.Tests.Periphery;

public class GaussianNoiseTests
{
    private const int Samples = 400_000;

    [Fact]
    public void Ziggurat_MatchesTheStandardNormalsMoments()
    {
        var rng = new Rng(11);
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        for (int i = 0; i < Samples; i++)
        {
            double z = GaussianNoise.Next(rng);
            s1 += z;
            s2 += z * z;
            s3 += z * z * z;
            s4 += z * z * z * z;
        }
        // Standard errors over n samples: mean 1/√n, variance √(2/n), skewness √(15/n), kurtosis √(96/n); allow 5σ.
        double n = Samples, tol = 5 / Math.Sqrt(n);
        Assert.InRange(s1 / n, -tol, tol);
        Assert.InRange((s2 / n) - 1, -tol * Math.Sqrt(2), tol * Math.Sqrt(2));
        Assert.InRange(s3 / n, -tol * Math.Sqrt(15), tol * Math.Sqrt(15));
        Assert.InRange((s4 / n) - 3, -tol * Math.Sqrt(96), tol * Math.Sqrt(96));
    }

    [Theory]
    [InlineData(1.0, 0.682689492137086)]
    [InlineData(2.0, 0.954499736103642)]
    [InlineData(3.0, 0.997300203936740)]
    [InlineData(3.6, 0.999681782868)]
    public void Ziggurat_CentralProbabilities_MatchTheNormalCdf_IncludingTheTailBeyondR(double k, double inside)
    {
        // k = 3.6 lies beyond the ziggurat's tail start r ≈ 3.44: checks the tail sampler.
        var rng = new Rng(12);
        int count = 0;
        for (int i = 0; i < Samples; i++)
        {
            if (Math.Abs(GaussianNoise.Next(rng)) <= k)
            {
                count++;
            }
        }
        double p = 1 - inside, observed = 1 - ((double)count / Samples);
        double se = Math.Sqrt(p * (1 - p) / Samples);
        Assert.InRange(observed, p - (5 * se), p + (5 * se));
    }

    [Fact]
    public void Add_ScalesByStd_AndIsReproducibleFromTheStream()
    {
        var a = new double[100_000];
        Array.Fill(a, 2.0);
        GaussianNoise.Add(a, 0.25, new Rng(3));
        double mean = a.Average(), std = Math.Sqrt(a.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, 2 - (5 * 0.25 / Math.Sqrt(a.Length)), 2 + (5 * 0.25 / Math.Sqrt(a.Length)));
        Assert.InRange(std, 0.25 * 0.98, 0.25 * 1.02);
        var b = new double[100_000];
        Array.Fill(b, 2.0);
        GaussianNoise.Add(b, 0.25, new Rng(3));
        Assert.Equal(a, b);
        Assert.Equal("std", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianNoise.Add(a, -1, new Rng(1))).ParamName);
    }
}
