using PnnKit.Memristive.Periphery;

namespace PnnKit.Memristive.Tests.Periphery;

public class VectorGaussianTests
{
    private const int Samples = 400_000;

    private static double[] Draw(ulong key)
    {
        // Through float, as the analog read uses it, in spans of odd length to cover the chunk edges.
        var f = new float[Samples];
        VectorGaussian.Fill<float>(f.AsSpan(0, 1001), key);
        VectorGaussian.Fill<float>(f.AsSpan(1001), key + 1);
        return [.. f.Select(v => (double)v)];
    }

    [Fact]
    public void Fill_MatchesTheStandardNormalsMoments()
    {
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        foreach (double z in Draw(11))
        {
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
    public void Fill_CentralProbabilities_MatchTheNormalCdf_IntoTheTail(double k, double inside)
    {
        var z = Draw(12);
        double p = 1 - inside, observed = (double)z.Count(v => Math.Abs(v) > k) / Samples;
        double se = Math.Sqrt(p * (1 - p) / Samples);
        Assert.InRange(observed, p - (5 * se), p + (5 * se));
    }

    [Fact]
    public void Fill_IsSymmetric_AndPairsAreUncorrelated_AndTheTailIsCutAtTheDocumentedBound()
    {
        var z = Draw(13);
        double n = Samples, tol = 5 / Math.Sqrt(n);
        // Sign balance and the correlation of consecutive values (cosine and sine halves of Box–Muller pairs meet here).
        Assert.InRange((z.Count(v => v > 0) / n) - 0.5, -tol / 2, tol / 2);
        double c = 0;
        for (int i = 1; i < z.Length; i++)
        {
            c += z[i] * z[i - 1];
        }
        Assert.InRange(c / (n - 1), -tol, tol);
        Assert.All(z, v => Assert.True(Math.Abs(v) <= VectorGaussian.MaxMagnitude + 1e-5));
        Assert.True(z.Max(Math.Abs) > 4.0, "400k normals should reach beyond 4σ");
    }

    [Fact]
    public void Fill_IsReproducibleFromTheKey_AndKeysGiveDifferentStreams_InFloatAndDouble()
    {
        var a = new double[1000];
        var b = new double[1000];
        VectorGaussian.Fill<double>(a, 42);
        VectorGaussian.Fill<double>(b, 42);
        Assert.Equal(a, b);
        var f = new float[1000];
        VectorGaussian.Fill<float>(f, 42);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i], f[i], 1e-5);
        }
        VectorGaussian.Fill<double>(b, 43);
        Assert.True(a.Zip(b).Count(p => p.First == p.Second) < 5);
    }

    [Fact]
    public void Add_ScalesByStd_AndRejectsANegativeStd()
    {
        var a = new double[100_000];
        Array.Fill(a, 2.0);
        VectorGaussian.Add<double>(a, 0.25, 3);
        double mean = a.Average(), std = Math.Sqrt(a.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, 2 - (5 * 0.25 / Math.Sqrt(a.Length)), 2 + (5 * 0.25 / Math.Sqrt(a.Length)));
        Assert.InRange(std, 0.25 * 0.98, 0.25 * 1.02);
        Assert.Equal("std", Assert.Throws<ArgumentOutOfRangeException>(() => VectorGaussian.Add<double>(a, -1, 1)).ParamName);
    }
}
