namespace PnnKit.Networks;

/// <summary>Ready-made graphs: triangular lattices for spring networks, random graphs for resistor networks.</summary>
public static class Lattices
{
    /// <summary>
    /// A triangular lattice of stacked rows, row r holding <paramref name="rows"/>[r] nodes at unit
    /// spacing, each row shifted by half a spacing and raised by √3/2 (rows must shrink by one or stay
    /// equal-length alternately offset; the paper's lattice is rows 5/4/3/2, Li &amp; Mao 2024).
    /// Nodes are numbered row by row from the bottom. <paramref name="fixedNodes"/> are pinned.
    /// </summary>
    public static NetworkGraph TriangularRows(IReadOnlyList<int> rows, IEnumerable<int> fixedNodes, double spacing = 1.0)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var pos = new List<double>();
        var start = new int[rows.Count + 1];
        for (int r = 0; r < rows.Count; r++)
        {
            if (r > 0 && rows[r] != rows[r - 1] - 1)
            {
                throw new NetworkException($"Row {r} has {rows[r]} nodes; this builder needs each row one shorter than the last (e.g. 5/4/3/2).");
            }
            start[r + 1] = start[r] + rows[r];
            for (int i = 0; i < rows[r]; i++)
            {
                pos.Add(spacing * (i + (0.5 * r)));
                pos.Add(spacing * r * Math.Sqrt(3) / 2);
            }
        }
        var edges = new List<Edge>();
        for (int r = 0; r < rows.Count; r++)
        {
            for (int i = 0; i + 1 < rows[r]; i++)
            {
                edges.Add(new Edge(start[r] + i, start[r] + i + 1));
            }
            if (r + 1 < rows.Count)
            {
                for (int i = 0; i < rows[r + 1]; i++)
                {
                    edges.Add(new Edge(start[r] + i, start[r + 1] + i));
                    edges.Add(new Edge(start[r] + i + 1, start[r + 1] + i));
                }
            }
        }
        return new NetworkGraph(start[^1], edges, fixedNodes, 2, [.. pos]);
    }

    /// <summary>
    /// A rectangular patch of triangular lattice, <paramref name="nx"/> × <paramref name="ny"/> nodes,
    /// odd rows shifted by half a spacing; the bottom row is pinned.
    /// </summary>
    public static NetworkGraph TriangularGrid(int nx, int ny, double spacing = 1.0)
    {
        if (nx < 2 || ny < 2)
        {
            throw new NetworkException($"A triangular grid needs at least 2×2 nodes, got {nx}×{ny}.");
        }
        var pos = new double[2 * nx * ny];
        var edges = new List<Edge>(3 * nx * ny);
        int Id(int i, int j) => (j * nx) + i;
        for (int j = 0; j < ny; j++)
        {
            for (int i = 0; i < nx; i++)
            {
                pos[2 * Id(i, j)] = spacing * (i + (0.5 * (j % 2)));
                pos[(2 * Id(i, j)) + 1] = spacing * j * Math.Sqrt(3) / 2;
                if (i + 1 < nx)
                {
                    edges.Add(new Edge(Id(i, j), Id(i + 1, j)));
                }
                if (j + 1 < ny)
                {
                    edges.Add(new Edge(Id(i, j), Id(i, j + 1)));
                    int diag = j % 2 == 0 ? i - 1 : i + 1;
                    if (diag >= 0 && diag < nx)
                    {
                        edges.Add(new Edge(Id(i, j), Id(diag, j + 1)));
                    }
                }
            }
        }
        return new NetworkGraph(nx * ny, edges, Enumerable.Range(0, nx), 2, pos);
    }

    /// <summary>
    /// A connected random graph of <paramref name="nodeCount"/> nodes and <paramref name="edgeCount"/> edges, the kind
    /// of disordered network coupled learning was first simulated on (Stern et al., PRX 2021): a random spanning tree
    /// (each node joined to an earlier one) keeps every node connected, then random extra edges are added. No self
    /// loops, no duplicate edges, and no edge that <paramref name="allowed"/> rejects (e.g. source to output directly).
    /// </summary>
    public static NetworkGraph RandomConnected(int nodeCount, int edgeCount, ulong seed, IEnumerable<int> fixedNodes, Func<int, int, bool>? allowed = null)
    {
        if (nodeCount < 2 || edgeCount < nodeCount - 1 || edgeCount > (long)nodeCount * (nodeCount - 1) / 4)
        {
            throw new NetworkException($"A random connected graph needs nodeCount ≥ 2 and nodeCount − 1 ≤ edgeCount ≤ nodeCount(nodeCount − 1)/4, got {nodeCount} nodes and {edgeCount} edges.");
        }
        allowed ??= (_, _) => true;
        var rng = new PnnKit.Core.Random.Rng(seed);
        var seen = new HashSet<(int, int)>();
        var edges = new List<Edge>(edgeCount);
        bool TryAdd(int a, int b)
        {
            var key = (Math.Min(a, b), Math.Max(a, b));
            if (a == b || !allowed(a, b) || !seen.Add(key))
            {
                return false;
            }
            edges.Add(new Edge(key.Item1, key.Item2));
            return true;
        }
        // Spanning tree: join each waiting node to a random connected one; a node with no allowed partner yet waits for the next round.
        var connected = new List<int>();
        var waiting = new Queue<int>(rng.Permutation(nodeCount));
        connected.Add(waiting.Dequeue());
        for (int sinceProgress = 0; waiting.Count > 0;)
        {
            int node = waiting.Dequeue();
            bool joined = false;
            for (int t = 0; t < 4 * connected.Count && !joined; t++)
            {
                joined = TryAdd(node, connected[rng.NextInt(connected.Count)]);
            }
            if (joined)
            {
                connected.Add(node);
                sinceProgress = 0;
            }
            else if (++sinceProgress > waiting.Count + 1)
            {
                throw new NetworkException($"No allowed edge joins node {node} to the rest; relax the allowed-edge rule.");
            }
            else
            {
                waiting.Enqueue(node);
            }
        }
        for (long tries = 0; edges.Count < edgeCount; tries++)
        {
            if (tries > 100L * edgeCount * nodeCount)
            {
                throw new NetworkException($"Could not place {edgeCount} allowed edges among {nodeCount} nodes.");
            }
            TryAdd(rng.NextInt(nodeCount), rng.NextInt(nodeCount));
        }
        return new NetworkGraph(nodeCount, edges, fixedNodes);
    }
}
