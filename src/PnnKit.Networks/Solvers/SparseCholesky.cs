using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    /// <summary>Column block of the blocked dense kernel; narrower supernodes use rank-1 updates.</summary>
    private const int BlockWidth = 16;

    private readonly SymbolicCholesky _s;
    private readonly long[] _lStart; // per supernode, offset of its m × ncol row-major block of L
    private readonly double[] _l;
    private readonly int _maxFront; // rows of the largest supernode

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
        _maxFront = maxFront;
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
    /// triangle), leaving the Schur complement in the trailing block. Narrow supernodes use rank-1
    /// updates along rows; wide ones are blocked (left-looking over column blocks of
    /// <see cref="BlockWidth"/>) so the bulk of the work is <see cref="SubtractProducts"/>.
    /// </summary>
    private void PartialCholesky(Span<double> fr, int m, int ncol, int f, double[] column, double[] values, Func<int, string>? describe)
    {
        if (ncol < BlockWidth)
        {
            for (int p = 0; p < ncol; p++)
            {
                double inv = 1 / Pivot(fr, m, p, f, values, describe);
                for (int i = p + 1; i < m; i++)
                {
                    double v = fr[(i * m) + p] * inv;
                    fr[(i * m) + p] = v;
                    column[i] = v;
                }
                for (int i = p + 1; i < m; i++)
                {
                    var row = fr.Slice((i * m) + p + 1, i - p);
                    TensorPrimitives.MultiplyAdd(column.AsSpan(p + 1, i - p), -column[i], row, row);
                }
            }
            return;
        }
        for (int j0 = 0; j0 < ncol; j0 += BlockWidth)
        {
            int j1 = Math.Min(j0 + BlockWidth, ncol);
            // Bring columns j0..j1 up to date with every earlier column, then factor them.
            SubtractProducts(fr, m, j0, m, j0, j1, 0, j0);
            for (int p = j0; p < j1; p++)
            {
                double inv = 1 / Pivot(fr, m, p, f, values, describe);
                for (int i = p + 1; i < m; i++)
                {
                    double v = fr[(i * m) + p] * inv;
                    fr[(i * m) + p] = v;
                    int end = Math.Min(i, j1 - 1);
                    if (end > p)
                    {
                        // Row i's remaining block entries lose this column's contribution.
                        var row = fr.Slice((i * m) + p + 1, end - p);
                        for (int c = 0; c < row.Length; c++)
                        {
                            row[c] -= v * fr[((p + 1 + c) * m) + p];
                        }
                    }
                }
            }
        }
        SubtractProducts(fr, m, ncol, m, ncol, m, 0, ncol);
    }

    /// <summary>Checks and takes the square root of pivot <paramref name="p"/>; a vanishing pivot is a zero mode.</summary>
    private double Pivot(Span<double> fr, int m, int p, int f, double[] values, Func<int, string>? describe)
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
        double l = Math.Sqrt(pivot);
        fr[(p * m) + p] = l;
        return l;
    }

    /// <summary>
    /// fr[i, j] −= Σₖ fr[i, k]·fr[j, k] for r0 ≤ i &lt; r1, c0 ≤ j &lt; c1, j ≤ i, k0 ≤ k &lt; k1 (the
    /// k range lies left of the updated columns): a lower-triangular A·Aᵀ product in 4×4 register tiles.
    /// </summary>
    private static void SubtractProducts(Span<double> fr, int m, int r0, int r1, int c0, int c1, int k0, int k1)
    {
        int len = k1 - k0;
        if (len == 0)
        {
            return;
        }
        ref double f0 = ref MemoryMarshal.GetReference(fr);
        for (int i = r0; i < r1; i += 4)
        {
            int ni = Math.Min(4, r1 - i);
            int jEnd = Math.Min(c1, i + ni);
            for (int j = c0; j < jEnd; j += 4)
            {
                int nj = Math.Min(4, jEnd - j);
                if (ni == 4 && nj == 4)
                {
                    Tile(ref f0, m, i, j, k0, len);
                    continue;
                }
                for (int a = i; a < i + ni; a++)
                {
                    var ra = fr.Slice((a * m) + k0, len);
                    for (int c = j; c < j + nj && c <= a; c++)
                    {
                        fr[(a * m) + c] -= TensorPrimitives.Dot<double>(ra, fr.Slice((c * m) + k0, len));
                    }
                }
            }
        }
    }

    /// <summary>One 4×4 tile of <see cref="SubtractProducts"/>: rows i..i+3 against rows j..j+3 over len entries from k0.</summary>
    private static void Tile(ref double f0, int m, int i, int j, int k0, int len)
    {
        nuint a0 = (nuint)((i * m) + k0), a1 = a0 + (nuint)m, a2 = a1 + (nuint)m, a3 = a2 + (nuint)m;
        nuint b0 = (nuint)((j * m) + k0), b1 = b0 + (nuint)m, b2 = b1 + (nuint)m, b3 = b2 + (nuint)m;
        Vector256<double> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector256<double> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector256<double> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector256<double> s30 = default, s31 = default, s32 = default, s33 = default;
        int k = 0;
        for (; k + 4 <= len; k += 4)
        {
            nuint o = (nuint)k;
            var x0 = Vector256.LoadUnsafe(ref f0, a0 + o);
            var x1 = Vector256.LoadUnsafe(ref f0, a1 + o);
            var x2 = Vector256.LoadUnsafe(ref f0, a2 + o);
            var x3 = Vector256.LoadUnsafe(ref f0, a3 + o);
            var y = Vector256.LoadUnsafe(ref f0, b0 + o);
            s00 = Vector256.FusedMultiplyAdd(x0, y, s00);
            s10 = Vector256.FusedMultiplyAdd(x1, y, s10);
            s20 = Vector256.FusedMultiplyAdd(x2, y, s20);
            s30 = Vector256.FusedMultiplyAdd(x3, y, s30);
            y = Vector256.LoadUnsafe(ref f0, b1 + o);
            s01 = Vector256.FusedMultiplyAdd(x0, y, s01);
            s11 = Vector256.FusedMultiplyAdd(x1, y, s11);
            s21 = Vector256.FusedMultiplyAdd(x2, y, s21);
            s31 = Vector256.FusedMultiplyAdd(x3, y, s31);
            y = Vector256.LoadUnsafe(ref f0, b2 + o);
            s02 = Vector256.FusedMultiplyAdd(x0, y, s02);
            s12 = Vector256.FusedMultiplyAdd(x1, y, s12);
            s22 = Vector256.FusedMultiplyAdd(x2, y, s22);
            s32 = Vector256.FusedMultiplyAdd(x3, y, s32);
            y = Vector256.LoadUnsafe(ref f0, b3 + o);
            s03 = Vector256.FusedMultiplyAdd(x0, y, s03);
            s13 = Vector256.FusedMultiplyAdd(x1, y, s13);
            s23 = Vector256.FusedMultiplyAdd(x2, y, s23);
            s33 = Vector256.FusedMultiplyAdd(x3, y, s33);
        }
        Span<double> sum =
        [
            Vector256.Sum(s00), Vector256.Sum(s01), Vector256.Sum(s02), Vector256.Sum(s03),
            Vector256.Sum(s10), Vector256.Sum(s11), Vector256.Sum(s12), Vector256.Sum(s13),
            Vector256.Sum(s20), Vector256.Sum(s21), Vector256.Sum(s22), Vector256.Sum(s23),
            Vector256.Sum(s30), Vector256.Sum(s31), Vector256.Sum(s32), Vector256.Sum(s33),
        ];
        for (; k < len; k++)
        {
            for (int r = 0; r < 4; r++)
            {
                double x = Unsafe.Add(ref f0, (nint)a0 + (r * m) + k);
                for (int c = 0; c < 4; c++)
                {
                    sum[(r * 4) + c] += x * Unsafe.Add(ref f0, (nint)b0 + (c * m) + k);
                }
            }
        }
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4 && j + c <= i + r; c++)
            {
                Unsafe.Add(ref f0, ((i + r) * m) + j + c) -= sum[(r * 4) + c];
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
        var t = new double[_maxFront];
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
