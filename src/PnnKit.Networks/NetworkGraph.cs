namespace PnnKit.Networks;

/// <summary>A network that cannot be built or solved as given; the message names the node or edge.</summary>
public sealed class NetworkException : Exception
{
    /// <summary>An exception with <paramref name="message"/>.</summary>
    public NetworkException(string message) : base(message) { }

    /// <summary>An exception with <paramref name="message"/> and an inner cause.</summary>
    public NetworkException(string message, Exception inner) : base(message, inner) { }

    /// <summary>An exception with no message.</summary>
    public NetworkException() { }
}

/// <summary>One edge (bond or resistor) between nodes <see cref="A"/> and <see cref="B"/>.</summary>
public readonly record struct Edge(int A, int B);

/// <summary>
/// An undirected graph of nodes (optionally with 1D/2D/3D positions) and edges, with fixed (grounded)
/// nodes. Validated on construction: edges to missing nodes, self loops, duplicate edges, disconnected
/// parts and a missing fixed node (floating, rigid-body modes) are rejected with a message naming the
/// node or edge. Immutable: <see cref="WithoutEdge"/> returns a damaged copy.
/// </summary>
public sealed class NetworkGraph
{
    private readonly double[] _positions;
    private readonly Edge[] _edges;
    private readonly bool[] _isFixed;
    private readonly int[] _fixed;

    /// <summary>
    /// A graph of <paramref name="nodeCount"/> nodes; <paramref name="positions"/> holds
    /// <paramref name="dimension"/> coordinates per node (empty when <paramref name="dimension"/> is 0,
    /// as for a resistor network).
    /// </summary>
    public NetworkGraph(int nodeCount, IEnumerable<Edge> edges, IEnumerable<int> fixedNodes, int dimension = 0, double[]? positions = null)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(fixedNodes);
        if (nodeCount <= 0)
        {
            throw new NetworkException($"A network needs at least one node, got {nodeCount}.");
        }
        if (dimension is < 0 or > 3)
        {
            throw new NetworkException($"Node positions must be 1D, 2D or 3D (or none), got dimension {dimension}.");
        }
        positions ??= [];
        if (positions.Length != nodeCount * dimension)
        {
            throw new NetworkException($"Expected {nodeCount * dimension} coordinates ({nodeCount} nodes × {dimension}), got {positions.Length}.");
        }
        for (int i = 0; i < positions.Length; i++)
        {
            if (!double.IsFinite(positions[i]))
            {
                throw new NetworkException($"Node {i / Math.Max(dimension, 1)} has a non-finite coordinate {positions[i]}.");
            }
        }
        NodeCount = nodeCount;
        Dimension = dimension;
        _positions = (double[])positions.Clone();
        _edges = edges.ToArray();
        var seen = new Dictionary<(int, int), int>();
        for (int j = 0; j < _edges.Length; j++)
        {
            var (a, b) = (_edges[j].A, _edges[j].B);
            foreach (int n in new[] { a, b })
            {
                if (n < 0 || n >= nodeCount)
                {
                    throw new NetworkException($"Edge {j} ({a}–{b}) refers to missing node {n}; the graph has nodes 0..{nodeCount - 1}.");
                }
            }
            if (a == b)
            {
                throw new NetworkException($"Edge {j} connects node {a} to itself.");
            }
            var key = (Math.Min(a, b), Math.Max(a, b));
            if (seen.TryGetValue(key, out int first))
            {
                throw new NetworkException($"Duplicate edge: edges {first} and {j} both connect nodes {key.Item1} and {key.Item2}.");
            }
            seen[key] = j;
            if (dimension > 0 && EdgeLength(j) == 0)
            {
                throw new NetworkException($"Edge {j} ({a}–{b}) has zero length: nodes {a} and {b} share a position.");
            }
        }
        _isFixed = new bool[nodeCount];
        var fixedList = new List<int>();
        foreach (int f in fixedNodes)
        {
            if (f < 0 || f >= nodeCount)
            {
                throw new NetworkException($"Fixed node {f} does not exist; the graph has nodes 0..{nodeCount - 1}.");
            }
            if (!_isFixed[f])
            {
                _isFixed[f] = true;
                fixedList.Add(f);
            }
        }
        if (fixedList.Count == 0)
        {
            throw new NetworkException("No fixed (grounded) node: the network floats, so its equilibrium is not unique (rigid-body / floating modes). Fix at least one node.");
        }
        _fixed = [.. fixedList];
        CheckConnected();
    }

    /// <summary>Number of nodes.</summary>
    public int NodeCount { get; }

    /// <summary>Coordinates per node (0 when positions are not used).</summary>
    public int Dimension { get; }

    /// <summary>The edges, in index order.</summary>
    public IReadOnlyList<Edge> Edges => _edges;

    /// <summary>Number of edges.</summary>
    public int EdgeCount => _edges.Length;

    /// <summary>Fixed (grounded) nodes.</summary>
    public IReadOnlyList<int> FixedNodes => _fixed;

    /// <summary>True when <paramref name="node"/> is fixed.</summary>
    public bool IsFixed(int node) => _isFixed[node];

    /// <summary>Coordinates of <paramref name="node"/>.</summary>
    public ReadOnlySpan<double> Position(int node) => _positions.AsSpan(node * Dimension, Dimension);

    /// <summary>Length of edge <paramref name="edge"/> (needs positions).</summary>
    public double EdgeLength(int edge)
    {
        var (a, b) = (_edges[edge].A, _edges[edge].B);
        double s = 0;
        for (int d = 0; d < Dimension; d++)
        {
            double x = _positions[(b * Dimension) + d] - _positions[(a * Dimension) + d];
            s += x * x;
        }
        return Math.Sqrt(s);
    }

    /// <summary>A copy with edge <paramref name="edge"/> cut (a broken bond); throws if that disconnects the graph.</summary>
    public NetworkGraph WithoutEdge(int edge)
    {
        if (edge < 0 || edge >= _edges.Length)
        {
            throw new NetworkException($"Cannot cut edge {edge}: the graph has edges 0..{_edges.Length - 1}.");
        }
        return new NetworkGraph(NodeCount, _edges.Where((_, j) => j != edge), _fixed, Dimension, _positions);
    }

    private void CheckConnected()
    {
        var adj = new List<int>[NodeCount];
        for (int i = 0; i < NodeCount; i++)
        {
            adj[i] = [];
        }
        foreach (var e in _edges)
        {
            adj[e.A].Add(e.B);
            adj[e.B].Add(e.A);
        }
        var seen = new bool[NodeCount];
        var stack = new Stack<int>();
        stack.Push(0);
        seen[0] = true;
        while (stack.Count > 0)
        {
            int n = stack.Pop();
            foreach (int m in adj[n])
            {
                if (!seen[m])
                {
                    seen[m] = true;
                    stack.Push(m);
                }
            }
        }
        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
        {
            int count = seen.Count(s => !s);
            throw new NetworkException($"The graph is disconnected: node {missing} (and {count - 1} other node(s)) cannot be reached from node 0.");
        }
    }
}
