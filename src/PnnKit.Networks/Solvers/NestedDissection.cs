namespace PnnKit.Networks.Solvers;

/// <summary>
/// Nested-dissection fill-reducing ordering (George 1973; George &amp; Liu, "Computer Solution of Large
/// Sparse Positive Definite Systems", 1981, ch. 8): split the graph by a small separator, order the two
/// halves recursively, the separator last. With coordinates the split is a median cut across the
/// widest axis (the separator is one lattice row or column); without them it is the middle level of a
/// breadth-first level structure from a pseudo-peripheral node ("automatic nested dissection").
/// On a 2D lattice of n unknowns the Cholesky factor then has O(n log n) entries and costs O(n^1.5)
/// flops, against O(n²) for a banded or envelope ordering.
/// </summary>
public static class NestedDissection
{
    /// <summary>Subgraphs this small are not split further (their factor is dense and tiny anyway).</summary>
    public const int LeafSize = 16;

    /// <summary>
    /// The permutation perm[newIndex] = oldIndex for the symmetric pattern of <paramref name="a"/>;
    /// <paramref name="coordinates"/> optionally holds <paramref name="dimension"/> coordinates per unknown.
    /// </summary>
    public static int[] Order(SparseMatrix a, ReadOnlySpan<double> coordinates = default, int dimension = 0)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (coordinates.Length != 0 && (dimension <= 0 || coordinates.Length != a.Size * dimension))
        {
            throw new ArgumentException($"Expected {a.Size} × {dimension} coordinates, got {coordinates.Length}.", nameof(coordinates));
        }
        var state = new State(a, coordinates.Length == 0 ? null : coordinates.ToArray(), coordinates.Length == 0 ? 0 : dimension);
        state.Dissect(Enumerable.Range(0, a.Size).ToArray());
        return [.. state.Output];
    }

    private sealed class State(SparseMatrix a, double[]? coords, int dim)
    {
        private readonly int[] _label = NewFilled(a.Size, -1);
        private readonly int[] _level = new int[a.Size];
        private readonly int[] _side = new int[a.Size]; // stamp of the split that put an unknown on side A
        private readonly int[] _seen = new int[a.Size]; // stamp of the search that reached an unknown
        private int _stamp;
        private int _searches;

        public List<int> Output { get; } = new(a.Size);

        public void Dissect(int[] set)
        {
            if (set.Length <= LeafSize)
            {
                Output.AddRange(set);
                return;
            }
            var (partA, partB, separator) = coords is not null ? CoordinateSplit(set) ?? LevelSplit(set) : LevelSplit(set);
            if (partA.Length == 0 && partB.Length == 0)
            {
                Output.AddRange(separator); // no useful split (e.g. a clique): keep as one block
                return;
            }
            Dissect(partA);
            Dissect(partB);
            Output.AddRange(separator);
        }

        private void Mark(int[] set)
        {
            _stamp++;
            foreach (int v in set)
            {
                _label[v] = _stamp;
            }
        }

        /// <summary>Median cut across the widest axis; null when every unknown has the same coordinates.</summary>
        private (int[], int[], int[])? CoordinateSplit(int[] set)
        {
            int axis = -1;
            double widest = 0;
            for (int d = 0; d < dim; d++)
            {
                double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
                foreach (int v in set)
                {
                    lo = Math.Min(lo, coords![(v * dim) + d]);
                    hi = Math.Max(hi, coords[(v * dim) + d]);
                }
                if (hi - lo > widest)
                {
                    widest = hi - lo;
                    axis = d;
                }
            }
            if (axis < 0)
            {
                return null;
            }
            var x = set.Select(v => coords![(v * dim) + axis]).ToArray();
            var sorted = (double[])x.Clone();
            Array.Sort(sorted);
            double cut = sorted[sorted.Length / 2];
            // Unknowns below the cut form side A; if ties at the minimum leave A empty, cut above instead.
            bool below = sorted[0] < cut;
            Mark(set);
            var inA = new bool[set.Length];
            for (int i = 0; i < set.Length; i++)
            {
                inA[i] = below ? x[i] < cut : x[i] <= cut;
                if (inA[i])
                {
                    _side[set[i]] = _stamp;
                }
            }
            // The separator is the side-B boundary: side-B unknowns with a neighbour on side A.
            var partA = new List<int>();
            var partB = new List<int>();
            var separator = new List<int>();
            for (int i = 0; i < set.Length; i++)
            {
                int v = set[i];
                if (inA[i])
                {
                    partA.Add(v);
                }
                else if (HasNeighbourOnSideA(v))
                {
                    separator.Add(v);
                }
                else
                {
                    partB.Add(v);
                }
            }
            return ([.. partA], [.. partB], [.. separator]);
        }

        private bool HasNeighbourOnSideA(int v)
        {
            for (int p = a.RowStart[v]; p < a.RowStart[v + 1]; p++)
            {
                int w = a.Columns[p];
                if (_label[w] == _stamp && _side[w] == _stamp)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Splits at the middle level of a level structure; disconnected sets are dissected part by part.</summary>
        private (int[], int[], int[]) LevelSplit(int[] set)
        {
            Mark(set);
            var components = new List<int[]>();
            int stamp = _stamp;
            foreach (int v in set)
            {
                if (_label[v] == stamp)
                {
                    components.Add(Bfs(v, stamp, out _));
                    foreach (int w in components[^1])
                    {
                        _label[w] = stamp - 1; // visited; never equal to a later stamp
                    }
                }
            }
            if (components.Count > 1)
            {
                foreach (var c in components)
                {
                    Dissect(c);
                }
                return ([], [], []);
            }
            // One connected set: find a pseudo-peripheral root, then cut at the level holding the median.
            Mark(set);
            int root = set[0], height = -1;
            int[] order = [];
            for (int iter = 0; iter < 8; iter++)
            {
                order = Bfs(root, _stamp, out int h);
                if (h <= height)
                {
                    break;
                }
                height = h;
                root = order[^1];
            }
            order = Bfs(root, _stamp, out height);
            int middle = _level[order[order.Length / 2]];
            if (middle == height)
            {
                middle--;
            }
            if (middle < 0)
            {
                return ([], [], set);
            }
            var partA = new List<int>();
            var partB = new List<int>();
            var separator = new List<int>();
            foreach (int v in order)
            {
                int lv = _level[v];
                if (lv < middle)
                {
                    partA.Add(v);
                }
                else if (lv > middle)
                {
                    partB.Add(v);
                }
                else if (TouchesLevel(v, middle + 1))
                {
                    separator.Add(v);
                }
                else
                {
                    partA.Add(v);
                }
            }
            return ([.. partA], [.. partB], [.. separator]);
        }

        private bool TouchesLevel(int v, int level)
        {
            for (int p = a.RowStart[v]; p < a.RowStart[v + 1]; p++)
            {
                int w = a.Columns[p];
                if (_label[w] == _stamp && _level[w] == level)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Breadth-first search over unknowns labelled <paramref name="stamp"/>; fills levels, returns the visit order.</summary>
        private int[] Bfs(int root, int stamp, out int height)
        {
            var order = new List<int> { root };
            int search = ++_searches;
            _seen[root] = search;
            _level[root] = 0;
            for (int head = 0; head < order.Count; head++)
            {
                int v = order[head];
                for (int p = a.RowStart[v]; p < a.RowStart[v + 1]; p++)
                {
                    int w = a.Columns[p];
                    if (_label[w] == stamp && _seen[w] != search)
                    {
                        _seen[w] = search;
                        _level[w] = _level[v] + 1;
                        order.Add(w);
                    }
                }
            }
            height = _level[order[^1]];
            return [.. order];
        }

        private static int[] NewFilled(int n, int value)
        {
            var x = new int[n];
            Array.Fill(x, value);
            return x;
        }
    }
}
