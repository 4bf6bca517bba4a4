using System.Numerics;

namespace PnnKit.Photonics.Linear;

/// <summary>The factors of A = U·diag(S)·V† for a square complex matrix.</summary>
/// <param name="U">Left singular vectors, n×n unitary, row-major.</param>
/// <param name="S">Singular values, non-negative, descending.</param>
/// <param name="V">Right singular vectors, n×n unitary, row-major (A = U·diag(S)·V†).</param>
public sealed record SvdResult(Complex[] U, double[] S, Complex[] V);

/// <summary>
/// Singular value decomposition of a square complex matrix by one-sided (Hestenes) Jacobi rotations:
/// pairs of columns are rotated by a unitary 2×2 until all columns are mutually orthogonal; the
/// column norms are the singular values (Demmel &amp; Veselić, SIAM J. Matrix Anal. Appl. 13, 1204
/// (1992)). Accurate to a few ulps relative to ‖A‖ in double; O(n³) per sweep, ~6–10 sweeps.
/// Left singular vectors of zero singular values are completed to an orthonormal basis.
/// </summary>
public static class ComplexSvd
{
    /// <summary>Decomposes the n×n row-major matrix <paramref name="a"/>.</summary>
    public static SvdResult Decompose(Complex[] a, int n)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Length != n * n)
        {
            throw new ArgumentException($"a has {a.Length} entries; an {n}×{n} matrix needs {n * n}.", nameof(a));
        }
        if (a.Any(z => !double.IsFinite(z.Real) || !double.IsFinite(z.Imaginary)))
        {
            throw new ArgumentException("a contains a non-finite entry.", nameof(a));
        }
        // Work column-major so each rotation touches two contiguous columns.
        var w = new Complex[n * n];
        var v = new Complex[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                w[(j * n) + i] = a[(i * n) + j];
            }
            v[(i * n) + i] = Complex.One;
        }
        for (int sweep = 0; sweep < 80; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    var cp = w.AsSpan(p * n, n);
                    var cq = w.AsSpan(q * n, n);
                    double alpha = 0, beta = 0;
                    Complex gamma = Complex.Zero;
                    for (int i = 0; i < n; i++)
                    {
                        alpha += (cp[i].Real * cp[i].Real) + (cp[i].Imaginary * cp[i].Imaginary);
                        beta += (cq[i].Real * cq[i].Real) + (cq[i].Imaginary * cq[i].Imaginary);
                        gamma += Complex.Conjugate(cp[i]) * cq[i];
                    }
                    double g = Complex.Abs(gamma);
                    if (alpha == 0 || beta == 0 || g <= 1e-300)
                    {
                        continue;
                    }
                    off = Math.Max(off, g / Math.Sqrt(alpha * beta));
                    if (g <= 1e-15 * Math.Sqrt(alpha * beta))
                    {
                        continue;
                    }
                    var e = Complex.FromPolarCoordinates(1, -gamma.Phase);
                    double zeta = (beta - alpha) / (2 * g);
                    double t = (zeta >= 0 ? 1 : -1) / (Math.Abs(zeta) + Math.Sqrt(1 + (zeta * zeta)));
                    double c = 1 / Math.Sqrt(1 + (t * t)), s = c * t;
                    Rotate(cp, cq, e, c, s);
                    Rotate(v.AsSpan(p * n, n), v.AsSpan(q * n, n), e, c, s);
                }
            }
            if (off < 1e-14)
            {
                break;
            }
        }
        var norms = new double[n];
        for (int j = 0; j < n; j++)
        {
            double s2 = 0;
            for (int i = 0; i < n; i++)
            {
                s2 += (w[(j * n) + i].Real * w[(j * n) + i].Real) + (w[(j * n) + i].Imaginary * w[(j * n) + i].Imaginary);
            }
            norms[j] = Math.Sqrt(s2);
        }
        var order = Enumerable.Range(0, n).OrderByDescending(j => norms[j]).ToArray();
        var sv = new double[n];
        var u = new Complex[n * n];
        var vOut = new Complex[n * n];
        double smax = norms[order[0]];
        var have = new List<int>();
        for (int k = 0; k < n; k++)
        {
            int j = order[k];
            sv[k] = norms[j];
            for (int i = 0; i < n; i++)
            {
                vOut[(i * n) + k] = v[(j * n) + i];
            }
            if (norms[j] > n * 1e-15 * smax && norms[j] > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    u[(i * n) + k] = w[(j * n) + i] / norms[j];
                }
                have.Add(k);
            }
        }
        Complete(u, n, have);
        return new SvdResult(u, sv, vOut);
    }

    private static void Rotate(Span<Complex> cp, Span<Complex> cq, Complex e, double c, double s)
    {
        for (int i = 0; i < cp.Length; i++)
        {
            Complex x = cp[i], y = cq[i] * e;
            cp[i] = (c * x) - (s * y);
            cq[i] = (s * x) + (c * y);
        }
    }

    // Fills the columns of u not in `have` with unit vectors orthogonal to the others (Gram–Schmidt twice).
    private static void Complete(Complex[] u, int n, List<int> have)
    {
        var done = new HashSet<int>(have);
        int candidate = 0;
        for (int k = 0; k < n; k++)
        {
            if (done.Contains(k))
            {
                continue;
            }
            while (true)
            {
                var x = new Complex[n];
                x[candidate++ % n] = Complex.One;
                for (int pass = 0; pass < 2; pass++)
                {
                    foreach (int j in done)
                    {
                        Complex dot = Complex.Zero;
                        for (int i = 0; i < n; i++)
                        {
                            dot += Complex.Conjugate(u[(i * n) + j]) * x[i];
                        }
                        for (int i = 0; i < n; i++)
                        {
                            x[i] -= dot * u[(i * n) + j];
                        }
                    }
                }
                double norm = Math.Sqrt(x.Sum(z => (z.Real * z.Real) + (z.Imaginary * z.Imaginary)));
                if (norm > 0.5)
                {
                    for (int i = 0; i < n; i++)
                    {
                        u[(i * n) + k] = x[i] / norm;
                    }
                    done.Add(k);
                    break;
                }
            }
        }
    }
}
