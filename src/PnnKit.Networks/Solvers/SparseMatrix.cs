namespace PnnKit.Networks.Solvers;

/// <summary>
/// A square sparse matrix in compressed sparse row form (both triangles stored for a symmetric matrix),
/// assembled from (row, column, value) triplets with duplicates summed. Double precision only.
/// </summary>
public sealed class SparseMatrix
{
    private SparseMatrix(int n, int[] rowStart, int[] columns, double[] values)
    {
        Size = n;
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    /// <summary>Rows (= columns).</summary>
    public int Size { get; }

    /// <summary>Row pointers, length Size + 1.</summary>
    public int[] RowStart { get; }

    /// <summary>Column index of each stored entry (sorted within a row).</summary>
    public int[] Columns { get; }

    /// <summary>Value of each stored entry.</summary>
    public double[] Values { get; }

    /// <summary>Stored entries.</summary>
    public int NonZeros => Values.Length;

    /// <summary>Builds an n×n matrix from triplets, summing duplicates.</summary>
    public static SparseMatrix FromTriplets(int n, IReadOnlyList<(int Row, int Col, double Value)> triplets)
    {
        ArgumentNullException.ThrowIfNull(triplets);
        var count = new int[n + 1];
        foreach (var t in triplets)
        {
            if ((uint)t.Row >= (uint)n || (uint)t.Col >= (uint)n)
            {
                throw new ArgumentOutOfRangeException(nameof(triplets), $"Entry ({t.Row}, {t.Col}) lies outside a {n}×{n} matrix.");
            }
            count[t.Row + 1]++;
        }
        for (int i = 0; i < n; i++)
        {
            count[i + 1] += count[i];
        }
        var cols = new int[triplets.Count];
        var vals = new double[triplets.Count];
        var next = (int[])count.Clone();
        foreach (var t in triplets)
        {
            int p = next[t.Row]++;
            cols[p] = t.Col;
            vals[p] = t.Value;
        }
        // Sort each row by column and merge duplicates.
        var rowStart = new int[n + 1];
        var outCols = new List<int>(cols.Length);
        var outVals = new List<double>(cols.Length);
        for (int i = 0; i < n; i++)
        {
            int s = count[i], e = count[i + 1];
            Array.Sort(cols, vals, s, e - s);
            for (int p = s; p < e; p++)
            {
                if (outCols.Count > rowStart[i] && outCols[^1] == cols[p])
                {
                    outVals[^1] += vals[p];
                }
                else
                {
                    outCols.Add(cols[p]);
                    outVals.Add(vals[p]);
                }
            }
            rowStart[i + 1] = outCols.Count;
        }
        return new SparseMatrix(n, rowStart, [.. outCols], [.. outVals]);
    }

    /// <summary>The entry at (<paramref name="row"/>, <paramref name="col"/>), zero when not stored.</summary>
    public double this[int row, int col]
    {
        get
        {
            int p = IndexOf(row, col);
            return p >= 0 ? Values[p] : 0;
        }
    }

    /// <summary>y = A x.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < Size; i++)
        {
            double s = 0;
            for (int p = RowStart[i]; p < RowStart[i + 1]; p++)
            {
                s += Values[p] * x[Columns[p]];
            }
            y[i] = s;
        }
    }

    /// <summary>The submatrix on the index set <paramref name="keep"/> (in that order).</summary>
    public SparseMatrix Submatrix(ReadOnlySpan<int> keep) => Submatrix(keep, out _);

    /// <summary>
    /// The submatrix on <paramref name="keep"/>; <paramref name="source"/>[q] is the index in
    /// <see cref="Values"/> of its q-th stored entry, so a matrix with the same pattern and new values
    /// gives its submatrix by gathering (see <see cref="WithValues"/>).
    /// </summary>
    public SparseMatrix Submatrix(ReadOnlySpan<int> keep, out int[] source)
    {
        var map = new int[Size];
        Array.Fill(map, -1);
        for (int i = 0; i < keep.Length; i++)
        {
            if ((uint)keep[i] >= (uint)Size || map[keep[i]] >= 0)
            {
                throw new ArgumentException($"Index {keep[i]} (position {i}) is outside 0..{Size - 1} or repeated.", nameof(keep));
            }
            map[keep[i]] = i;
        }
        var rowStart = new int[keep.Length + 1];
        var cols = new List<int>();
        var src = new List<int>();
        for (int i = 0; i < keep.Length; i++)
        {
            int r = keep[i], first = cols.Count;
            for (int p = RowStart[r]; p < RowStart[r + 1]; p++)
            {
                if (map[Columns[p]] >= 0)
                {
                    cols.Add(map[Columns[p]]);
                    src.Add(p);
                }
            }
            // keep may be in any order: sort the row by its new column numbers.
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(cols)[first..];
            span.Sort(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(src)[first..]);
            rowStart[i + 1] = cols.Count;
        }
        source = [.. src];
        var values = new double[source.Length];
        for (int q = 0; q < values.Length; q++)
        {
            values[q] = Values[source[q]];
        }
        return new SparseMatrix(keep.Length, rowStart, [.. cols], values);
    }

    /// <summary>A matrix with this one's pattern and <paramref name="values"/> (one per stored entry, not copied).</summary>
    public SparseMatrix WithValues(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != NonZeros)
        {
            throw new ArgumentException($"Expected {NonZeros} values (one per stored entry), got {values.Length}.", nameof(values));
        }
        return new SparseMatrix(Size, RowStart, Columns, values);
    }

    /// <summary>Index in <see cref="Values"/> of entry (<paramref name="row"/>, <paramref name="col"/>), −1 when not stored.</summary>
    public int IndexOf(int row, int col)
    {
        int p = Array.BinarySearch(Columns, RowStart[row], RowStart[row + 1] - RowStart[row], col);
        return p >= 0 ? p : -1;
    }

    /// <summary>The diagonal.</summary>
    public double[] Diagonal()
    {
        var d = new double[Size];
        for (int i = 0; i < Size; i++)
        {
            d[i] = this[i, i];
        }
        return d;
    }
}
