using System.Numerics.Tensors;

namespace PnnKit.Networks.Solvers;

/// <summary>
/// Sparse Cholesky factorization A = P Lᵀ… of a symmetric positive-definite matrix in envelope
/// (profile) storage after a reverse Cuthill–McKee ordering (George &amp; Liu, "Computer Solution of
/// Large Sparse Positive Definite Systems", 1981, ch. 4). Factor once per parameter update, then
/// <see cref="Solve(ReadOnlySpan{double}, Span{double})"/> for as many right-hand sides as needed.
/// A pivot below <see cref="PivotTolerance"/> × the original diagonal entry means a zero mode (a
/// floppy mechanism or a floating part): it throws <see cref="ZeroModeException"/> instead of
/// returning garbage. Work grows as n·b² for envelope width b (~√n on a 2D lattice).
/// </summary>
public sealed class EnvelopeCholesky
{
    /// <summary>Relative pivot threshold: a pivot this small against its diagonal entry is a zero mode.</summary>
    public const double PivotTolerance = 1e-10;

    private readonly int[] _perm;
    private readonly int[] _first;
    private readonly long[] _start;
    private readonly double[] _env;

    /// <summary>Factors <paramref name="a"/> (symmetric, both triangles stored).</summary>
    /// <param name="a">The matrix.</param>
    /// <param name="describe">Names an unknown in error messages (e.g. "node 7, y").</param>
    public EnvelopeCholesky(SparseMatrix a, Func<int, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = a.Size;
        Size = n;
        _perm = ReverseCuthillMcKee.Order(a);
        var iperm = new int[n];
        for (int i = 0; i < n; i++)
        {
            iperm[_perm[i]] = i;
        }
        _first = new int[n];
        for (int i = 0; i < n; i++)
        {
            int r = _perm[i], f = i;
            for (int p = a.RowStart[r]; p < a.RowStart[r + 1]; p++)
            {
                f = Math.Min(f, iperm[a.Columns[p]]);
            }
            _first[i] = f;
        }
        _start = new long[n + 1];
        for (int i = 0; i < n; i++)
        {
            _start[i + 1] = _start[i] + (i - _first[i] + 1);
        }
        _env = new double[_start[n]];
        for (int i = 0; i < n; i++)
        {
            int r = _perm[i];
            for (int p = a.RowStart[r]; p < a.RowStart[r + 1]; p++)
            {
                int j = iperm[a.Columns[p]];
                if (j <= i)
                {
                    _env[_start[i] + (j - _first[i])] = a.Values[p];
                }
            }
        }
        for (int i = 0; i < n; i++)
        {
            int fi = _first[i];
            var row = _env.AsSpan((int)_start[i], i - fi + 1);
            double diag = row[i - fi];
            for (int j = fi; j < i; j++)
            {
                int k0 = Math.Max(fi, _first[j]);
                int len = j - k0;
                double dot = len > 0
                    ? TensorPrimitives.Dot<double>(row.Slice(k0 - fi, len), _env.AsSpan((int)_start[j] + (k0 - _first[j]), len))
                    : 0;
                row[j - fi] = (row[j - fi] - dot) / _env[_start[j + 1] - 1];
            }
            var off = row[..(i - fi)];
            double pivot = diag - TensorPrimitives.Dot<double>(off, off);
            if (!(pivot > PivotTolerance * Math.Abs(diag)) || !double.IsFinite(pivot))
            {
                string what = describe?.Invoke(_perm[i]) ?? $"unknown {_perm[i]}";
                throw new ZeroModeException(_perm[i],
                    $"Zero mode: the matrix is singular or not positive definite at {what} (pivot {pivot:G3} against diagonal {diag:G3}). " +
                    "The network is under-constrained there — a floppy mechanism (e.g. after a bond was cut) or a floating part.");
            }
            row[i - fi] = Math.Sqrt(pivot);
        }
    }

    /// <summary>Unknowns.</summary>
    public int Size { get; }

    /// <summary>Stored entries of the factor (a measure of fill).</summary>
    public long FactorEntries => _env.LongLength;

    /// <summary>Solves A x = b.</summary>
    public void Solve(ReadOnlySpan<double> b, Span<double> x)
    {
        int n = Size;
        var z = new double[n];
        for (int i = 0; i < n; i++)
        {
            z[i] = b[_perm[i]];
        }
        for (int i = 0; i < n; i++)
        {
            int fi = _first[i];
            var row = _env.AsSpan((int)_start[i], i - fi + 1);
            double dot = TensorPrimitives.Dot<double>(row[..(i - fi)], z.AsSpan(fi, i - fi));
            z[i] = (z[i] - dot) / row[i - fi];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            int fi = _first[i];
            var row = _env.AsSpan((int)_start[i], i - fi + 1);
            double xi = z[i] / row[i - fi];
            z[i] = xi;
            var head = z.AsSpan(fi, i - fi);
            TensorPrimitives.MultiplyAdd(row[..(i - fi)], -xi, head, head);
        }
        for (int i = 0; i < n; i++)
        {
            x[_perm[i]] = z[i];
        }
    }

    /// <summary>Solves A x = b.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var x = new double[Size];
        Solve(b, x);
        return x;
    }
}
