using System.Buffers;
using System.Numerics.Tensors;

namespace PnnKit.Networks.Solvers;

/// <summary>
/// Supernodal multifrontal sparse Cholesky A = Pᵀ L Lᵀ P of a symmetric positive-definite matrix
/// (Duff &amp; Reid 1983; Liu, "The multifrontal method for sparse matrix solution", SIAM Review 34,
/// 1992): each supernode's columns are assembled with its children's update matrices into a dense
/// front, factored by dense Cholesky, and its Schur complement passed up the elimination tree. The
/// ordering and structure come from a <see cref="SymbolicCholesky"/>, computed once per pattern and
/// reused when only the values change. Solve as many right-hand sides as wanted, one at a time or as a
/// block. A pivot below <see cref="PivotTolerance"/> × the original diagonal entry means a zero mode (a
/// floppy mechanism or a floating part): it throws <see cref="ZeroModeException"/> naming the unknown.
/// </summary>
public sealed class SparseCholesky
{
    /// <summary>Relative pivot threshold: a pivot this small against its diagonal entry is a zero mode.</summary>
    public const double PivotTolerance = 1e-10;

    /// <summary>Supernodes at least this wide form their Schur complement by dot products of factor rows, narrower ones by rank-1 updates.</summary>
    private const int DotUpdateWidth = 8;

    private readonly SymbolicCholesky _s;
    private readonly long[] _lStart; // per supernode, offset of its m × ncol row-major block of L
    private readonly double[] _l;

    /// <summary>Analyses and factors <paramref name="a"/> (symmetric, both triangles stored).</summary>
    public SparseCholesky(SparseMatrix a, Func<int, string>? describe = null)
        : this(SymbolicCholesky.Analyze(a), a, describe)
    {
    }

    /// <summary>Factors <paramref name="a"/> with a symbolic analysis of its pattern.</summary>
    /// <param name="symbolic">The analysis (from <see cref="SymbolicCholesky.Analyze"/> on this pattern).</param>
    /// <param name="a">The matrix: symmetric, both triangles stored, the analysed pattern.</param>
    /// <param name="describe">Names an unknown in error messages (e.g. "node 7, y").</param>
    public SparseCholesky(SymbolicCholesky symbolic, SparseMatrix a, Func<int, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(symbolic);
        ArgumentNullException.ThrowIfNull(a);
        if (!symbolic.Fits(a))
        {
            throw new ArgumentException($"The matrix ({a.Size} unknowns, {a.NonZeros} entries) does not have the analysed pattern ({symbolic.Size}, {symbolic.PatternNonZeros}).", nameof(a));
        }
        _s = symbolic;
        int ns = symbolic.SupernodeCount;
        _lStart = new long[ns + 1];
        int maxFront = 0;
        for (int s = 0; s < ns; s++)
        {
            int m = symbolic.SuperRows[s].Length, ncol = Width(s);
            _lStart[s + 1] = _lStart[s] + ((long)m * ncol);
            maxFront = Math.Max(maxFront, m);
        }
        _l = new double[_lStart[ns]];
        Factor(a.Values, maxFront, describe);
    }

    /// <summary>Unknowns.</summary>
    public int Size => _s.Size;

    /// <summary>The symbolic analysis in use.</summary>
    public SymbolicCholesky Symbolic => _s;

    /// <summary>Entries of the factor L (the fill, diagonal included).</summary>
    public long FactorEntries => _s.FactorEntries;

    private int Width(int s) => _s.SuperStart[s + 1] - _s.SuperStart[s];

    private void Factor(double[] values, int maxFront, Func<int, string>? describe)
    {
        int ns = _s.SupernodeCount;
        var map = new int[Size];
        var front = new double[(long)maxFront * maxFront];
        var column = new double[maxFront];
        var updates = new double[ns][];
        var pool = ArrayPool<double>.Shared;
        for (int s = 0; s < ns; s++)
        {
            int f = _s.SuperStart[s], ncol = Width(s);
            var rows = _s.SuperRows[s];
            int m = rows.Length;
            for (int k = 0; k < m; k++)
            {
                map[rows[k]] = k;
            }
            var fr = front.AsSpan(0, m * m);
            fr.Clear();
            // Original entries of the supernode's columns (lower triangle).
            for (int c = 0; c < ncol; c++)
            {
                int j = f + c;
                for (int q = _s.LowerStart[j]; q < _s.LowerStart[j + 1]; q++)
                {
                    fr[(map[_s.LowerRow[q]] * m) + c] += values[_s.LowerSource[q]];
                }
            }
            // Extend-add the children's update matrices.
            foreach (int child in _s.SuperChildren[s])
            {
                var crows = _s.SuperRows[child];
                int cw = Width(child), mu = crows.Length - cw;
                var u = updates[child];
                for (int x = 0; x < mu; x++)
                {
                    int rx = map[crows[cw + x]] * m;
                    for (int y = 0; y <= x; y++)
                    {
                        fr[rx + map[crows[cw + y]]] += u[(x * mu) + y];
                    }
                }
                pool.Return(u);
                updates[child] = null!;
            }
            PartialCholesky(fr, m, ncol, f, column, values, describe);
            // Keep the factor columns (rows × ncol) and pass the Schur complement up.
            var block = _l.AsSpan((int)_lStart[s], m * ncol);
            for (int i = 0; i < m; i++)
            {
                fr.Slice(i * m, ncol).CopyTo(block.Slice(i * ncol, ncol));
            }
            int mu2 = m - ncol;
            if (mu2 > 0 && _s.SuperParent[s] >= 0)
            {
                var u = pool.Rent(mu2 * mu2);
                for (int x = 0; x < mu2; x++)
                {
                    fr.Slice(((ncol + x) * m) + ncol, x + 1).CopyTo(u.AsSpan(x * mu2, x + 1));
                }
                updates[s] = u;
            }
        }
    }

    /// <summary>
    /// Dense Cholesky of the first <paramref name="ncol"/> columns of the m×m row-major front (lower
    /// triangle), leaving the Schur complement in the trailing block.
    /// </summary>
    private void PartialCholesky(Span<double> fr, int m, int ncol, int f, double[] column, double[] values, Func<int, string>? describe)
    {
        bool dotUpdate = ncol >= DotUpdateWidth;
        int limit = dotUpdate ? ncol : m; // columns the rank-1 updates reach
        for (int p = 0; p < ncol; p++)
        {
            double pivot = fr[(p * m) + p];
            double diag = values[_s.DiagonalSource[f + p]];
            if (!(pivot > PivotTolerance * Math.Abs(diag)) || !double.IsFinite(pivot))
            {
                int unknown = _s.Permutation[f + p];
                string what = describe?.Invoke(unknown) ?? $"unknown {unknown}";
                throw new ZeroModeException(unknown,
                    $"Zero mode: the matrix is singular or not positive definite at {what} (pivot {pivot:G3} against diagonal {diag:G3}). " +
                    "The network is under-constrained there — a floppy mechanism (e.g. after a bond was cut) or a floating part.");
            }
            double lpp = Math.Sqrt(pivot);
            fr[(p * m) + p] = lpp;
            double inv = 1 / lpp;
            for (int i = p + 1; i < m; i++)
            {
                double v = fr[(i * m) + p] * inv;
                fr[(i * m) + p] = v;
                column[i] = v;
            }
            for (int i = p + 1; i < m; i++)
            {
                int end = Math.Min(i + 1, limit);
                if (end > p + 1)
                {
                    var row = fr.Slice((i * m) + p + 1, end - p - 1);
                    TensorPrimitives.MultiplyAdd(column.AsSpan(p + 1, end - p - 1), -column[i], row, row);
                }
            }
        }
        if (dotUpdate)
        {
            // Schur complement: F22 −= L21 L21ᵀ, each entry one dot product of two factor rows.
            for (int x = ncol; x < m; x++)
            {
                var lx = fr.Slice(x * m, ncol);
                for (int y = ncol; y <= x; y++)
                {
                    fr[(x * m) + y] -= TensorPrimitives.Dot<double>(lx, fr.Slice(y * m, ncol));
                }
            }
        }
    }

    /// <summary>Solves A x = b.</summary>
    public void Solve(ReadOnlySpan<double> b, Span<double> x) => Solve(b, x, 1);

    /// <summary>Solves A x = b.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var x = new double[Size];
        Solve(b, x, 1);
        return x;
    }

    /// <summary>
    /// Solves A X = B for <paramref name="count"/> right-hand sides at once; B and X are Size ×
    /// <paramref name="count"/> row-major (entry (i, r) at i·count + r), so each sweep over the factor
    /// serves every right-hand side.
    /// </summary>
    public void Solve(ReadOnlySpan<double> b, Span<double> x, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        int n = Size;
        if (b.Length != n * count || x.Length != n * count)
        {
            throw new ArgumentException($"Right-hand sides and solutions need {n} × {count} entries, got {b.Length} and {x.Length}.");
        }
        var perm = _s.Permutation;
        var z = new double[n * count];
        for (int i = 0; i < n; i++)
        {
            b.Slice(perm[i] * count, count).CopyTo(z.AsSpan(i * count, count));
        }
        if (count == 1)
        {
            ForwardSingle(z);
            BackwardSingle(z);
        }
        else
        {
            ForwardBlock(z, count);
            BackwardBlock(z, count);
        }
        for (int i = 0; i < n; i++)
        {
            z.AsSpan(i * count, count).CopyTo(x.Slice(perm[i] * count, count));
        }
    }

    private void ForwardSingle(double[] z)
    {
        for (int s = 0; s < _s.SupernodeCount; s++)
        {
            int f = _s.SuperStart[s], ncol = Width(s);
            var rows = _s.SuperRows[s];
            var block = _l.AsSpan((int)_lStart[s], rows.Length * ncol);
            var zs = z.AsSpan(f, ncol);
            for (int c = 0; c < ncol; c++)
            {
                var lc = block.Slice(c * ncol, c + 1);
                zs[c] = (zs[c] - TensorPrimitives.Dot<double>(lc[..c], zs[..c])) / lc[c];
            }
            for (int i = ncol; i < rows.Length; i++)
            {
                z[rows[i]] -= TensorPrimitives.Dot<double>(block.Slice(i * ncol, ncol), zs);
            }
        }
    }

    private void BackwardSingle(double[] z)
    {
        var t = new double[_s.SuperRows.Length == 0 ? 0 : _s.SuperRows.Max(r => r.Length)];
        for (int s = _s.SupernodeCount - 1; s >= 0; s--)
        {
            int f = _s.SuperStart[s], ncol = Width(s);
            var rows = _s.SuperRows[s];
            var block = _l.AsSpan((int)_lStart[s], rows.Length * ncol);
            var ts = t.AsSpan(0, ncol);
            z.AsSpan(f, ncol).CopyTo(ts);
            for (int i = ncol; i < rows.Length; i++)
            {
                TensorPrimitives.MultiplyAdd(block.Slice(i * ncol, ncol), -z[rows[i]], ts, ts);
            }
            for (int c = ncol - 1; c >= 0; c--)
            {
                var lc = block.Slice(c * ncol, c + 1);
                double v = ts[c] / lc[c];
                z[f + c] = v;
                TensorPrimitives.MultiplyAdd(lc[..c], -v, ts[..c], ts[..c]);
            }
        }
    }

    private void ForwardBlock(double[] z, int r)
    {
        for (int s = 0; s < _s.SupernodeCount; s++)
        {
            int f = _s.SuperStart[s], ncol = Width(s);
            var rows = _s.SuperRows[s];
            var block = _l.AsSpan((int)_lStart[s], rows.Length * ncol);
            for (int c = 0; c < ncol; c++)
            {
                var zc = z.AsSpan((f + c) * r, r);
                for (int k = 0; k < c; k++)
                {
                    TensorPrimitives.MultiplyAdd(z.AsSpan((f + k) * r, r), -block[(c * ncol) + k], zc, zc);
                }
                TensorPrimitives.Multiply(zc, 1 / block[(c * ncol) + c], zc);
            }
            for (int i = ncol; i < rows.Length; i++)
            {
                var zi = z.AsSpan(rows[i] * r, r);
                for (int k = 0; k < ncol; k++)
                {
                    TensorPrimitives.MultiplyAdd(z.AsSpan((f + k) * r, r), -block[(i * ncol) + k], zi, zi);
                }
            }
        }
    }

    private void BackwardBlock(double[] z, int r)
    {
        for (int s = _s.SupernodeCount - 1; s >= 0; s--)
        {
            int f = _s.SuperStart[s], ncol = Width(s);
            var rows = _s.SuperRows[s];
            var block = _l.AsSpan((int)_lStart[s], rows.Length * ncol);
            for (int i = ncol; i < rows.Length; i++)
            {
                var zi = z.AsSpan(rows[i] * r, r);
                for (int k = 0; k < ncol; k++)
                {
                    var zk = z.AsSpan((f + k) * r, r);
                    TensorPrimitives.MultiplyAdd(zi, -block[(i * ncol) + k], zk, zk);
                }
            }
            for (int c = ncol - 1; c >= 0; c--)
            {
                var zc = z.AsSpan((f + c) * r, r);
                TensorPrimitives.Multiply(zc, 1 / block[(c * ncol) + c], zc);
                for (int k = 0; k < c; k++)
                {
                    var zk = z.AsSpan((f + k) * r, r);
                    TensorPrimitives.MultiplyAdd(zc, -block[(c * ncol) + k], zk, zk);
                }
            }
        }
    }
}
