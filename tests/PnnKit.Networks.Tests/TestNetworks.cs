using PnnKit.Core.Random;

namespace PnnKit.Networks.Tests;

/// <summary>Shared fixtures: the paper's 5/4/3/2 lattice and random weights.</summary>
internal static class TestNetworks
{
    /// <summary>The 14-node triangular lattice of Li &amp; Mao 2024 with the two bottom corners pinned.</summary>
    public static NetworkGraph PaperLattice() => PnnKit.Networks.Reproductions.MechanicalIris.Lattice();

    public static double[] RandomWeights(int count, ulong seed, double lo = 0.5, double hi = 2.0)
    {
        var rng = new Rng(seed);
        var k = new double[count];
        for (int j = 0; j < count; j++)
        {
            k[j] = rng.Uniform(lo, hi);
        }
        return k;
    }

    /// <summary>Dense Gaussian elimination with partial pivoting: the reference solver.</summary>
    public static double[] DenseSolve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int c = 0; c < n; c++)
        {
            int p = c;
            for (int r = c + 1; r < n; r++)
            {
                if (Math.Abs(m[r, c]) > Math.Abs(m[p, c]))
                {
                    p = r;
                }
            }
            for (int k = 0; k < n; k++)
            {
                (m[c, k], m[p, k]) = (m[p, k], m[c, k]);
            }
            (x[c], x[p]) = (x[p], x[c]);
            for (int r = c + 1; r < n; r++)
            {
                double f = m[r, c] / m[c, c];
                for (int k = c; k < n; k++)
                {
                    m[r, k] -= f * m[c, k];
                }
                x[r] -= f * x[c];
            }
        }
        for (int r = n - 1; r >= 0; r--)
        {
            double s = x[r];
            for (int k = r + 1; k < n; k++)
            {
                s -= m[r, k] * x[k];
            }
            x[r] = s / m[r, r];
        }
        return x;
    }

    /// <summary>The element-wise mean of <paramref name="draws"/> vectors from <paramref name="draw"/> (e.g. noisy in-situ gradients).</summary>
    public static double[] MeanOf(int draws, Func<double[]> draw)
    {
        double[]? mean = null;
        for (int k = 0; k < draws; k++)
        {
            var g = draw();
            mean ??= new double[g.Length];
            for (int j = 0; j < g.Length; j++)
            {
                mean[j] += g[j] / draws;
            }
        }
        return mean ?? [];
    }

    public static double RelativeError(ReadOnlySpan<double> a, ReadOnlySpan<double> reference)
    {
        double num = 0, den = 0;
        for (int i = 0; i < a.Length; i++)
        {
            num += (a[i] - reference[i]) * (a[i] - reference[i]);
            den += reference[i] * reference[i];
        }
        return Math.Sqrt(num / den);
    }

    public static double Cosine(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.Sqrt(aa * bb);
    }
}
