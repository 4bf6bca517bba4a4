namespace PnnKit.Networks.Solvers;

/// <summary>
/// Jacobi-preconditioned conjugate gradients for large symmetric positive-definite systems (Hestenes
/// &amp; Stiefel 1952; Saad, "Iterative Methods for Sparse Linear Systems", 2003, alg. 9.1). Memory is
/// O(nonzeros). Non-convergence — which on a network usually means a zero mode — throws.
/// </summary>
public static class ConjugateGradient
{
    /// <summary>Solves A x = b to relative residual <paramref name="tolerance"/>; returns the iterations used.</summary>
    public static int Solve(SparseMatrix a, ReadOnlySpan<double> b, Span<double> x, double tolerance = 1e-12, int maxIterations = 0)
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = a.Size;
        if (maxIterations <= 0)
        {
            maxIterations = 10 * n + 100;
        }
        var inv = a.Diagonal();
        for (int i = 0; i < n; i++)
        {
            if (!(inv[i] > 0))
            {
                throw new ZeroModeException(i, $"Conjugate gradients: diagonal entry {i} is {inv[i]:G3}; the matrix is not positive definite (a floating unknown).");
            }
            inv[i] = 1 / inv[i];
        }
        var r = new double[n];
        var z = new double[n];
        var p = new double[n];
        var q = new double[n];
        a.Multiply(x, q);
        double bnorm = 0;
        for (int i = 0; i < n; i++)
        {
            r[i] = b[i] - q[i];
            bnorm += b[i] * b[i];
        }
        bnorm = Math.Sqrt(bnorm);
        if (bnorm == 0)
        {
            x.Clear();
            return 0;
        }
        double rz = 0;
        for (int i = 0; i < n; i++)
        {
            z[i] = inv[i] * r[i];
            p[i] = z[i];
            rz += r[i] * z[i];
        }
        for (int it = 1; it <= maxIterations; it++)
        {
            a.Multiply(p, q);
            double pq = 0;
            for (int i = 0; i < n; i++)
            {
                pq += p[i] * q[i];
            }
            if (!(pq > 0))
            {
                throw new ZeroModeException($"Conjugate gradients met a direction of zero or negative curvature (pᵀAp = {pq:G3}): the network has a zero mode.");
            }
            double alpha = rz / pq, rr = 0;
            for (int i = 0; i < n; i++)
            {
                x[i] += alpha * p[i];
                r[i] -= alpha * q[i];
                rr += r[i] * r[i];
            }
            if (Math.Sqrt(rr) <= tolerance * bnorm)
            {
                return it;
            }
            double rzNew = 0;
            for (int i = 0; i < n; i++)
            {
                z[i] = inv[i] * r[i];
                rzNew += r[i] * z[i];
            }
            double beta = rzNew / rz;
            rz = rzNew;
            for (int i = 0; i < n; i++)
            {
                p[i] = z[i] + (beta * p[i]);
            }
        }
        throw new ZeroModeException($"Conjugate gradients did not reach relative residual {tolerance:G3} in {maxIterations} iterations: the system is singular or badly conditioned (a near-zero mode).");
    }
}
