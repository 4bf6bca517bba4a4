using PnnKit.Networks.Solvers;

namespace PnnKit.Networks;

/// <summary>Which linear solver an <see cref="EquilibriumSolver"/> uses.</summary>
public enum SolverKind
{
    /// <summary>Sparse Cholesky up to <see cref="EquilibriumNetwork.CholeskyLimit"/> unknowns, conjugate gradients beyond.</summary>
    Auto,

    /// <summary>Supernodal sparse Cholesky after nested dissection: factor once, many right-hand sides, exact zero-mode detection.</summary>
    Cholesky,

    /// <summary>Jacobi-preconditioned conjugate gradients: O(nonzeros) memory for very large graphs.</summary>
    ConjugateGradient,
}

/// <summary>
/// The shared engine of spring and resistor networks: a weighted graph Laplacian settling to
/// equilibrium. Each edge j has a compatibility row cⱼ (its elongation, or voltage drop, is
/// eⱼ = cⱼ·u) and a weight kⱼ (stiffness or conductance); the equilibrium matrix is
/// D = Cᵀ diag(k) C, the stored energy E = ½ Σ kⱼ eⱼ², and equilibrium is D u = f on the free
/// unknowns, with fixed nodes (and any prescribed unknowns) held.
/// With <c>vector</c> unknowns each node has <see cref="NetworkGraph.Dimension"/> displacement
/// components and cⱼ carries the bond's unit vector (a central-force bar network); otherwise each node
/// has one scalar unknown (a potential) and eⱼ = u_B − u_A (the voltage drop across a resistor).
/// </summary>
public sealed class EquilibriumNetwork
{
    /// <summary>Largest system the <see cref="SolverKind.Auto"/> choice factors directly.</summary>
    public const int CholeskyLimit = 60_000;

    /// <summary>
    /// Systems up to this many free unknowns are ordered by reverse Cuthill–McKee, larger ones by nested
    /// dissection. Below it a banded factor costs no more, and its rounding matches the envelope solver
    /// this engine used before (the reduced reproductions trained against it are sensitive at the last bit).
    /// </summary>
    public const int BandedLimit = 100;

    /// <summary>Free-unknown systems (one per set of held unknowns) kept with their symbolic analyses.</summary>
    private const int CachedSystems = 8;

    private readonly double[] _unit; // per edge, DofsPerNode components of the unit vector (1 for scalar)
    private readonly Lazy<(SparseMatrix Pattern, int[] Slots)> _assembly;
    private readonly List<FreeSystem> _systems = []; // most recently used first

    /// <summary>An engine over <paramref name="graph"/>; <paramref name="vector"/> selects bar-network displacements.</summary>
    public EquilibriumNetwork(NetworkGraph graph, bool vector)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (vector && graph.Dimension == 0)
        {
            throw new NetworkException("A bar (spring) network needs node positions: give the graph a dimension of 1, 2 or 3.");
        }
        Graph = graph;
        DofsPerNode = vector ? graph.Dimension : 1;
        DofCount = graph.NodeCount * DofsPerNode;
        _unit = new double[graph.EdgeCount * DofsPerNode];
        for (int j = 0; j < graph.EdgeCount; j++)
        {
            if (!vector)
            {
                _unit[j] = 1;
                continue;
            }
            var e = graph.Edges[j];
            double len = graph.EdgeLength(j);
            var pa = graph.Position(e.A);
            var pb = graph.Position(e.B);
            for (int d = 0; d < DofsPerNode; d++)
            {
                _unit[(j * DofsPerNode) + d] = (pb[d] - pa[d]) / len;
            }
        }
        _assembly = new(BuildAssemblyPattern);
    }

    /// <summary>The graph.</summary>
    public NetworkGraph Graph { get; }

    /// <summary>Unknowns per node (dimension for bars, 1 for potentials).</summary>
    public int DofsPerNode { get; }

    /// <summary>Unknowns in all (fixed ones included).</summary>
    public int DofCount { get; }

    /// <summary>Number of edges.</summary>
    public int EdgeCount => Graph.EdgeCount;

    /// <summary>Index of component <paramref name="axis"/> of node <paramref name="node"/>.</summary>
    public int Dof(int node, int axis = 0) => (node * DofsPerNode) + axis;

    /// <summary>Names an unknown for messages ("node 7, y").</summary>
    public string DescribeDof(int dof)
    {
        int node = dof / DofsPerNode;
        return DofsPerNode == 1 ? $"node {node}" : $"node {node}, {"xyz"[dof % DofsPerNode]}";
    }

    /// <summary>Unit vector of edge <paramref name="edge"/> (a single 1 for scalar networks).</summary>
    public ReadOnlySpan<double> Direction(int edge) => _unit.AsSpan(edge * DofsPerNode, DofsPerNode);

    /// <summary>eⱼ = cⱼ·u: the elongation (or voltage drop u_B − u_A) of edge <paramref name="edge"/>.</summary>
    public double Elongation(int edge, ReadOnlySpan<double> u)
    {
        var e = Graph.Edges[edge];
        double s = 0;
        for (int d = 0; d < DofsPerNode; d++)
        {
            s += _unit[(edge * DofsPerNode) + d] * (u[Dof(e.B, d)] - u[Dof(e.A, d)]);
        }
        return s;
    }

    /// <summary>All elongations e = C u.</summary>
    public double[] Elongations(ReadOnlySpan<double> u)
    {
        var e = new double[EdgeCount];
        for (int j = 0; j < e.Length; j++)
        {
            e[j] = Elongation(j, u);
        }
        return e;
    }

    /// <summary>Adds Cᵀ t (the nodal forces of edge tensions t) into <paramref name="f"/>.</summary>
    public void AddTransposed(ReadOnlySpan<double> t, Span<double> f)
    {
        for (int j = 0; j < EdgeCount; j++)
        {
            var e = Graph.Edges[j];
            for (int d = 0; d < DofsPerNode; d++)
            {
                double c = _unit[(j * DofsPerNode) + d] * t[j];
                f[Dof(e.B, d)] += c;
                f[Dof(e.A, d)] -= c;
            }
        }
    }

    /// <summary>Checks every weight is positive and finite; the message names the edge.</summary>
    public void CheckWeights(ReadOnlySpan<double> k, string what = "stiffness")
    {
        if (k.Length != EdgeCount)
        {
            throw new NetworkException($"Expected {EdgeCount} edge {what} values, got {k.Length}.");
        }
        for (int j = 0; j < k.Length; j++)
        {
            if (!(k[j] > 0) || !double.IsFinite(k[j]))
            {
                var e = Graph.Edges[j];
                throw new NetworkException($"Edge {j} ({e.A}–{e.B}) has {what} {k[j]:G4}; it must be positive and finite.");
            }
        }
    }

    /// <summary>
    /// The full equilibrium matrix D = Cᵀ diag(k) C over all unknowns, plus optional grounded springs
    /// <paramref name="groundSprings"/> (one per unknown) on the diagonal. The pattern is the same for
    /// every k (it holds every diagonal entry), so it is built once and only the values are summed here.
    /// </summary>
    public SparseMatrix Assemble(ReadOnlySpan<double> k, ReadOnlySpan<double> groundSprings = default)
    {
        CheckWeights(k);
        if (groundSprings.Length > DofCount)
        {
            throw new ArgumentException($"Expected at most {DofCount} grounded springs (one per unknown), got {groundSprings.Length}.", nameof(groundSprings));
        }
        var (pattern, slots) = _assembly.Value;
        int m = DofsPerNode;
        var values = new double[pattern.NonZeros];
        int t = 0;
        for (int j = 0; j < EdgeCount; j++)
        {
            for (int p = 0; p < m; p++)
            {
                for (int q = 0; q < m; q++)
                {
                    double v = k[j] * _unit[(j * m) + p] * _unit[(j * m) + q];
                    values[slots[t++]] += v;
                    values[slots[t++]] += v;
                    values[slots[t++]] -= v;
                    values[slots[t++]] -= v;
                }
            }
        }
        for (int i = 0; i < groundSprings.Length; i++)
        {
            values[slots[t + i]] += groundSprings[i];
        }
        return pattern.WithValues(values);
    }

    /// <summary>The pattern of D and, in the order <see cref="Assemble"/> visits them, the slot of each contribution.</summary>
    private (SparseMatrix, int[]) BuildAssemblyPattern()
    {
        int m = DofsPerNode;
        var trip = new List<(int Row, int Col, double Value)>((EdgeCount * 4 * m * m) + DofCount);
        for (int j = 0; j < EdgeCount; j++)
        {
            var e = Graph.Edges[j];
            for (int p = 0; p < m; p++)
            {
                for (int q = 0; q < m; q++)
                {
                    trip.Add((Dof(e.A, p), Dof(e.A, q), 0));
                    trip.Add((Dof(e.B, p), Dof(e.B, q), 0));
                    trip.Add((Dof(e.A, p), Dof(e.B, q), 0));
                    trip.Add((Dof(e.B, p), Dof(e.A, q), 0));
                }
            }
        }
        // Every diagonal entry is present (grounded springs land there), so the pattern is complete.
        for (int i = 0; i < DofCount; i++)
        {
            trip.Add((i, i, 0));
        }
        var pattern = SparseMatrix.FromTriplets(DofCount, trip);
        var slots = new int[trip.Count];
        for (int t = 0; t < slots.Length; t++)
        {
            slots[t] = pattern.IndexOf(trip[t].Row, trip[t].Col);
        }
        return (pattern, slots);
    }

    /// <summary>
    /// The free-unknown system for the held set <paramref name="constrained"/>: its pattern, where its
    /// entries come from in the full matrix, and (computed on first use) its symbolic Cholesky analysis,
    /// ordered by nested dissection on the node positions when there are any. Cached, so retraining
    /// with new weights reuses the analysis.
    /// </summary>
    internal FreeSystem FreeSystemFor(bool[] constrained)
    {
        lock (_systems)
        {
            int hit = _systems.FindIndex(sys => sys.Constrained.AsSpan().SequenceEqual(constrained));
            if (hit >= 0)
            {
                var found = _systems[hit];
                _systems.RemoveAt(hit);
                _systems.Insert(0, found);
                return found;
            }
        }
        var free = Enumerable.Range(0, DofCount).Where(i => !constrained[i]).ToArray();
        var pattern = _assembly.Value.Pattern.Submatrix(free, out var source);
        int dim = Graph.Dimension;
        var coords = new double[dim == 0 ? 0 : free.Length * dim];
        for (int i = 0; dim > 0 && i < free.Length; i++)
        {
            Graph.Position(free[i] / DofsPerNode).CopyTo(coords.AsSpan(i * dim, dim));
        }
        var system = new FreeSystem((bool[])constrained.Clone(), free, source, pattern,
            new Lazy<SymbolicCholesky>(() => SymbolicCholesky.Analyze(pattern, free.Length <= BandedLimit ? CholeskyOrdering.ReverseCuthillMcKee : CholeskyOrdering.NestedDissection, coords, dim)));
        lock (_systems)
        {
            _systems.Insert(0, system);
            if (_systems.Count > CachedSystems)
            {
                _systems.RemoveAt(_systems.Count - 1);
            }
        }
        return system;
    }

    /// <summary>
    /// Assembles and factors the equilibrium matrix for weights <paramref name="k"/>. Unknowns of fixed
    /// nodes are held at zero; <paramref name="prescribed"/> lists further unknowns whose values the
    /// caller imposes at solve time (voltage sources, clamped outputs, imposed displacements).
    /// Throws <see cref="ZeroModeException"/> when the free part is singular.
    /// </summary>
    public EquilibriumSolver Factor(ReadOnlySpan<double> k, IEnumerable<int>? prescribed = null, SolverKind kind = SolverKind.Auto, ReadOnlySpan<double> groundSprings = default) =>
        new(this, Assemble(k, groundSprings), prescribed, kind);
}

/// <summary>The free part of an equilibrium problem for one set of held unknowns (see <see cref="EquilibriumNetwork.FreeSystemFor"/>).</summary>
internal sealed record FreeSystem(bool[] Constrained, int[] Free, int[] Source, SparseMatrix Pattern, Lazy<SymbolicCholesky> Symbolic);

/// <summary>
/// A factored equilibrium problem: solves D u = f for the free unknowns, for as many load vectors as
/// wanted, with constrained unknowns held at given values.
/// </summary>
public sealed class EquilibriumSolver
{
    private readonly EquilibriumNetwork _net;
    private readonly bool[] _constrained;
    private readonly int[] _free;
    private readonly SparseCholesky? _chol;
    private readonly SparseMatrix? _freeMatrix;

    internal EquilibriumSolver(EquilibriumNetwork net, SparseMatrix full, IEnumerable<int>? prescribed, SolverKind kind)
    {
        _net = net;
        Matrix = full;
        _constrained = new bool[net.DofCount];
        foreach (int node in net.Graph.FixedNodes)
        {
            for (int d = 0; d < net.DofsPerNode; d++)
            {
                _constrained[net.Dof(node, d)] = true;
            }
        }
        foreach (int dof in prescribed ?? [])
        {
            if ((uint)dof >= (uint)net.DofCount)
            {
                throw new NetworkException($"Prescribed unknown {dof} does not exist (the network has {net.DofCount}).");
            }
            _constrained[dof] = true;
        }
        var system = net.FreeSystemFor(_constrained);
        _free = system.Free;
        var values = new double[system.Source.Length];
        for (int q = 0; q < values.Length; q++)
        {
            values[q] = full.Values[system.Source[q]];
        }
        var kff = system.Pattern.WithValues(values);
        Kind = kind == SolverKind.Auto ? (_free.Length <= EquilibriumNetwork.CholeskyLimit ? SolverKind.Cholesky : SolverKind.ConjugateGradient) : kind;
        if (Kind == SolverKind.Cholesky)
        {
            _chol = new SparseCholesky(system.Symbolic.Value, kff, i => net.DescribeDof(_free[i]));
        }
        else
        {
            _freeMatrix = kff;
        }
    }

    /// <summary>The solver in use.</summary>
    public SolverKind Kind { get; }

    /// <summary>The full equilibrium matrix (all unknowns).</summary>
    public SparseMatrix Matrix { get; }

    /// <summary>Free unknowns, in order.</summary>
    public IReadOnlyList<int> FreeDofs => _free;

    /// <summary>True when unknown <paramref name="dof"/> is held (fixed or prescribed).</summary>
    public bool IsConstrained(int dof) => _constrained[dof];

    /// <summary>
    /// The equilibrium state u (all unknowns) for loads <paramref name="loads"/> (one per unknown; loads
    /// on constrained unknowns are ignored) and held values <paramref name="held"/> (one per unknown, read
    /// only at prescribed unknowns; fixed nodes are always zero; empty means all zero).
    /// </summary>
    public double[] Solve(ReadOnlySpan<double> loads, ReadOnlySpan<double> held = default)
    {
        int n = _net.DofCount;
        if (loads.Length != n || (held.Length != 0 && held.Length != n))
        {
            throw new ArgumentException($"Loads and held values need one entry per unknown ({n}).");
        }
        var u = new double[n];
        if (held.Length != 0)
        {
            for (int i = 0; i < n; i++)
            {
                if (_constrained[i] && !_net.Graph.IsFixed(i / _net.DofsPerNode))
                {
                    u[i] = held[i];
                }
            }
        }
        var ku = new double[n];
        Matrix.Multiply(u, ku);
        var rhs = new double[_free.Length];
        for (int i = 0; i < _free.Length; i++)
        {
            rhs[i] = loads[_free[i]] - ku[_free[i]];
        }
        var x = new double[_free.Length];
        if (_chol is not null)
        {
            _chol.Solve(rhs, x);
        }
        else
        {
            ConjugateGradient.Solve(_freeMatrix!, rhs, x);
        }
        for (int i = 0; i < _free.Length; i++)
        {
            u[_free[i]] = x[i];
        }
        return u;
    }

    /// <summary>Net force (or current) D u − f on every unknown: reactions at constrained ones, ≈ 0 at free ones.</summary>
    public double[] Residual(ReadOnlySpan<double> u, ReadOnlySpan<double> loads)
    {
        var r = new double[_net.DofCount];
        Matrix.Multiply(u, r);
        for (int i = 0; i < r.Length; i++)
        {
            r[i] -= loads[i];
        }
        return r;
    }
}
