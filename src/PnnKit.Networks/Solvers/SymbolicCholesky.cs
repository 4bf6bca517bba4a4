namespace PnnKit.Networks.Solvers;

/// <summary>
/// The symbolic analysis of a sparse Cholesky factorization, done once per sparsity pattern and reused
/// for every numeric factorization with that pattern (a network's stiffness pattern does not change
/// when its stiffnesses do): fill-reducing ordering, elimination tree, column counts of the factor,
/// and its supernodes — runs of columns with nested structure, factored as dense fronts (Liu,
/// "The role of elimination trees in sparse factorization", SIAM J. Matrix Anal. Appl. 11, 1990;
/// Davis, "Direct Methods for Sparse Linear Systems", SIAM 2006, ch. 4).
/// </summary>
public sealed class SymbolicCholesky
{
    private SymbolicCholesky(int n, int nonZeros, int[] perm)
    {
        Size = n;
        PatternNonZeros = nonZeros;
        Permutation = perm;
    }

    /// <summary>Widest supernode made by merging a child into its parent (relaxed amalgamation).</summary>
    public const int RelaxedWidth = 16;

    /// <summary>Unknowns.</summary>
    public int Size { get; }

    /// <summary>Stored entries of the analysed pattern (both triangles).</summary>
    public int PatternNonZeros { get; }

    /// <summary>The ordering: Permutation[newIndex] = oldIndex.</summary>
    public int[] Permutation { get; }

    /// <summary>Elimination-tree parent of each (permuted) column, −1 at a root.</summary>
    public int[] Parent { get; private set; } = [];

    /// <summary>Entries of each (permuted) column of the factor L, diagonal included.</summary>
    public int[] ColumnCounts { get; private set; } = [];

    /// <summary>Entries of L (the fill, diagonal included).</summary>
    public long FactorEntries { get; private set; }

    /// <summary>Floating-point operations of one numeric factorization (Σ column count², a standard estimate).</summary>
    public double FactorFlops { get; private set; }

    /// <summary>Number of supernodes.</summary>
    public int SupernodeCount => SuperStart.Length - 1;

    /// <summary>First column of each supernode, plus Size at the end.</summary>
    internal int[] SuperStart { get; private set; } = [];

    /// <summary>Row-index set of each supernode (its own columns first, then the rows below, ascending).</summary>
    internal int[][] SuperRows { get; private set; } = [];

    /// <summary>Supernode whose front receives each supernode's update matrix, −1 at a root.</summary>
    internal int[] SuperParent { get; private set; } = [];

    /// <summary>Children of each supernode.</summary>
    internal int[][] SuperChildren { get; private set; } = [];

    /// <summary>Per permuted column j, entries (row ≥ j) of the lower triangle of P A Pᵀ: [ColStart[j], ColStart[j+1]).</summary>
    internal int[] LowerStart { get; private set; } = [];

    /// <summary>Permuted row of each lower-triangle entry.</summary>
    internal int[] LowerRow { get; private set; } = [];

    /// <summary>Index into the matrix's <see cref="SparseMatrix.Values"/> of each lower-triangle entry.</summary>
    internal int[] LowerSource { get; private set; } = [];

    /// <summary>Index into <see cref="SparseMatrix.Values"/> of each permuted diagonal entry.</summary>
    internal int[] DiagonalSource { get; private set; } = [];

    /// <summary>
    /// Analyses the pattern of <paramref name="a"/> (symmetric, both triangles stored, every diagonal
    /// entry present) under <paramref name="ordering"/>; <paramref name="coordinates"/>
    /// (<paramref name="dimension"/> per unknown) guide nested dissection when given.
    /// </summary>
    public static SymbolicCholesky Analyze(SparseMatrix a, CholeskyOrdering ordering = CholeskyOrdering.NestedDissection,
        ReadOnlySpan<double> coordinates = default, int dimension = 0)
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = a.Size;
        var perm = ordering switch
        {
            CholeskyOrdering.NestedDissection => NestedDissection.Order(a, coordinates, dimension),
            CholeskyOrdering.ReverseCuthillMcKee => ReverseCuthillMcKee.Order(a),
            CholeskyOrdering.Natural => Enumerable.Range(0, n).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(ordering), ordering, "Unknown ordering."),
        };
        var s = new SymbolicCholesky(n, a.NonZeros, perm);
        s.BuildLowerMap(a);
        var rows = s.RowsOfLower();
        s.BuildTree(rows);
        s.CountColumns(rows);
        s.FindSupernodes();
        return s;
    }

    /// <summary>The permuted lower triangle as column lists pointing back into the matrix's values.</summary>
    private void BuildLowerMap(SparseMatrix a)
    {
        int n = Size;
        var iperm = Inverse(Permutation);
        var count = new int[n + 1];
        var diag = new int[n];
        Array.Fill(diag, -1);
        for (int r = 0; r < n; r++)
        {
            for (int p = a.RowStart[r]; p < a.RowStart[r + 1]; p++)
            {
                int i = iperm[r], j = iperm[a.Columns[p]];
                if (j <= i)
                {
                    count[j + 1]++;
                }
                if (i == j)
                {
                    diag[j] = p;
                }
            }
        }
        for (int j = 0; j < n; j++)
        {
            if (diag[j] < 0)
            {
                throw new ArgumentException($"Diagonal entry {Permutation[j]} is not stored; the pattern must include every diagonal entry.", nameof(a));
            }
            count[j + 1] += count[j];
        }
        var next = (int[])count.Clone();
        var rows = new int[count[n]];
        var src = new int[count[n]];
        for (int r = 0; r < n; r++)
        {
            for (int p = a.RowStart[r]; p < a.RowStart[r + 1]; p++)
            {
                int i = iperm[r], j = iperm[a.Columns[p]];
                if (j <= i)
                {
                    int q = next[j]++;
                    rows[q] = i;
                    src[q] = p;
                }
            }
        }
        LowerStart = count;
        LowerRow = rows;
        LowerSource = src;
        DiagonalSource = diag;
    }

    /// <summary>Elimination tree by Liu's algorithm with path compression (Davis 2006, cs_etree).</summary>
    private void BuildTree(int[][] rowLists)
    {
        int n = Size;
        var parent = new int[n];
        var ancestor = new int[n];
        for (int k = 0; k < n; k++)
        {
            parent[k] = -1;
            ancestor[k] = -1;
            foreach (int i0 in rowLists[k])
            {
                int i = i0;
                while (i != -1 && i < k)
                {
                    int next = ancestor[i];
                    ancestor[i] = k;
                    if (next == -1)
                    {
                        parent[i] = k;
                    }
                    i = next;
                }
            }
        }
        Parent = parent;
    }

    /// <summary>For each permuted row k, the columns j &lt; k holding an entry of the lower triangle.</summary>
    private int[][] RowsOfLower()
    {
        int n = Size;
        var len = new int[n];
        for (int j = 0; j < n; j++)
        {
            for (int q = LowerStart[j]; q < LowerStart[j + 1]; q++)
            {
                if (LowerRow[q] > j)
                {
                    len[LowerRow[q]]++;
                }
            }
        }
        var rows = new int[n][];
        for (int k = 0; k < n; k++)
        {
            rows[k] = new int[len[k]];
            len[k] = 0;
        }
        for (int j = 0; j < n; j++)
        {
            for (int q = LowerStart[j]; q < LowerStart[j + 1]; q++)
            {
                int i = LowerRow[q];
                if (i > j)
                {
                    rows[i][len[i]++] = j;
                }
            }
        }
        return rows;
    }

    /// <summary>Column counts by walking each row subtree of the elimination tree: O(entries of L).</summary>
    private void CountColumns(int[][] rowLists)
    {
        int n = Size;
        var counts = new int[n];
        var mark = new int[n];
        Array.Fill(mark, -1);
        for (int k = 0; k < n; k++)
        {
            mark[k] = k;
            counts[k]++;
            foreach (int i0 in rowLists[k])
            {
                for (int j = i0; mark[j] != k; j = Parent[j])
                {
                    mark[j] = k;
                    counts[j]++;
                }
            }
        }
        ColumnCounts = counts;
        FactorEntries = counts.Sum(c => (long)c);
        FactorFlops = counts.Sum(c => (double)c * c);
    }

    /// <summary>
    /// Supernodes: column j+1 joins j's run when it is j's parent and L(:,j) = {j} ∪ L(:,j+1)
    /// (fundamental supernodes); then a run is merged into the next one when it is that run's child
    /// and the two together are at most <see cref="RelaxedWidth"/> columns wide (relaxed
    /// amalgamation, Ashcraft &amp; Grimes 1989): a few explicit zeros buy fewer, larger dense fronts.
    /// </summary>
    private void FindSupernodes()
    {
        int n = Size;
        var fundamental = new List<int>();
        for (int j = 0; j < n; j++)
        {
            if (j == 0 || !(Parent[j - 1] == j && ColumnCounts[j - 1] == ColumnCounts[j] + 1))
            {
                fundamental.Add(j);
            }
        }
        fundamental.Add(n);
        var starts = n == 0 ? [] : new List<int> { 0 };
        for (int t = 1; t + 1 < fundamental.Count; t++)
        {
            int groupStart = starts[^1], f = fundamental[t], next = fundamental[t + 1];
            if (!(Parent[f - 1] == f && next - groupStart <= RelaxedWidth))
            {
                starts.Add(f);
            }
        }
        var superOf = new int[n];
        for (int s = 0; s < starts.Count; s++)
        {
            int end = s + 1 < starts.Count ? starts[s + 1] : n;
            for (int j = starts[s]; j < end; j++)
            {
                superOf[j] = s;
            }
        }
        starts.Add(n);
        int ns = starts.Count - 1;
        var superParent = new int[ns];
        var children = new List<int>[ns];
        for (int s = 0; s < ns; s++)
        {
            children[s] = [];
        }
        for (int s = 0; s < ns; s++)
        {
            int p = Parent[starts[s + 1] - 1];
            superParent[s] = p < 0 ? -1 : superOf[p];
            if (p >= 0)
            {
                children[superParent[s]].Add(s);
            }
        }
        // Row sets: own columns, then the rows of the lower triangle below, and those of the children's updates.
        var rowsOf = new int[ns][];
        var mark = new int[n];
        Array.Fill(mark, -1);
        var extra = new List<int>();
        for (int s = 0; s < ns; s++)
        {
            int f = starts[s], l = starts[s + 1] - 1;
            extra.Clear();
            for (int j = f; j <= l; j++)
            {
                for (int q = LowerStart[j]; q < LowerStart[j + 1]; q++)
                {
                    int i = LowerRow[q];
                    if (i > l && mark[i] != s)
                    {
                        mark[i] = s;
                        extra.Add(i);
                    }
                }
            }
            foreach (int c in children[s])
            {
                foreach (int i in rowsOf[c])
                {
                    if (i > l && mark[i] != s)
                    {
                        mark[i] = s;
                        extra.Add(i);
                    }
                }
            }
            extra.Sort();
            var rows = new int[l - f + 1 + extra.Count];
            for (int j = f; j <= l; j++)
            {
                rows[j - f] = j;
            }
            extra.CopyTo(rows, l - f + 1);
            if (rows.Length < ColumnCounts[f])
            {
                throw new InvalidOperationException($"Symbolic analysis is inconsistent at supernode {s}: {rows.Length} rows against column count {ColumnCounts[f]}.");
            }
            rowsOf[s] = rows;
        }
        SuperStart = [.. starts];
        SuperRows = rowsOf;
        SuperParent = superParent;
        SuperChildren = children.Select(c => c.ToArray()).ToArray();
    }

    /// <summary>True when <paramref name="a"/> can use this analysis (same size and number of stored entries).</summary>
    public bool Fits(SparseMatrix a) => a is not null && a.Size == Size && a.NonZeros == PatternNonZeros;

    internal static int[] Inverse(int[] perm)
    {
        var iperm = new int[perm.Length];
        for (int i = 0; i < perm.Length; i++)
        {
            iperm[perm[i]] = i;
        }
        return iperm;
    }
}
