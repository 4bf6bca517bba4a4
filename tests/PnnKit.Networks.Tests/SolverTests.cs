using PnnKit.Core.Random;
using PnnKit.Networks.Solvers;
using Xunit.Abstractions;

namespace PnnKit.Networks.Tests;

public class SolverTests
{
    private readonly ITestOutputHelper _output;

    public SolverTests(ITestOutputHelper output) => _output = output;

    private static (EquilibriumNetwork Net, EquilibriumSolver Solver, double[] K) Lattice(int nx, int ny, ulong seed, SolverKind kind = SolverKind.Cholesky)
    {
        var net = new EquilibriumNetwork(Lattices.TriangularGrid(nx, ny), vector: true);
        var k = TestNetworks.RandomWeights(net.EdgeCount, seed);
        return (net, net.Factor(k, kind: kind), k);
    }

    [Fact]
    public void StiffnessMatrix_IsSymmetricAndPositiveDefinite_WithBoundaryConditions()
    {
        var (_, solver, _) = Lattice(6, 5, 1);
        var kff = solver.Matrix.Submatrix(solver.FreeDofs.ToArray());
        for (int i = 0; i < kff.Size; i++)
        {
            for (int p = kff.RowStart[i]; p < kff.RowStart[i + 1]; p++)
            {
                Assert.Equal(kff.Values[p], kff[kff.Columns[p], i], 14);
            }
        }
        var rng = new Rng(2);
        var y = new double[kff.Size];
        for (int trial = 0; trial < 50; trial++)
        {
            var x = new double[kff.Size];
            rng.FillNormal<double>(x, 0, 1);
            kff.Multiply(x, y);
            double q = 0;
            for (int i = 0; i < x.Length; i++)
            {
                q += x[i] * y[i];
            }
            Assert.True(q > 0, $"xᵀKx = {q} at trial {trial}");
        }
    }

    [Fact]
    public void FullStiffness_IsSingular_WithoutBoundaryConditions()
    {
        // The unconstrained D = Cᵀ diag(k) C has the three rigid-body modes of the plane in its kernel.
        var (net, solver, _) = Lattice(4, 3, 3);
        var shift = new double[net.DofCount];
        for (int n = 0; n < net.Graph.NodeCount; n++)
        {
            var p = net.Graph.Position(n);
            shift[net.Dof(n, 0)] = 1 - p[1]; // translation in x plus a small rotation
            shift[net.Dof(n, 1)] = p[0];
        }
        var f = new double[net.DofCount];
        solver.Matrix.Multiply(shift, f);
        Assert.True(f.Max(Math.Abs) < 1e-12);
    }

    [Fact]
    public void SparseCholesky_MatchesDenseReference()
    {
        var (net, solver, _) = Lattice(7, 6, 4);
        var free = solver.FreeDofs.ToArray();
        var kff = solver.Matrix.Submatrix(free);
        var dense = new double[free.Length, free.Length];
        for (int i = 0; i < free.Length; i++)
        {
            for (int j = 0; j < free.Length; j++)
            {
                dense[i, j] = kff[i, j];
            }
        }
        var rng = new Rng(5);
        var loads = new double[net.DofCount];
        rng.FillNormal<double>(loads, 0, 1);
        var u = solver.Solve(loads);
        var reference = TestNetworks.DenseSolve(dense, free.Select(d => loads[d]).ToArray());
        Assert.True(TestNetworks.RelativeError(free.Select(d => u[d]).ToArray(), reference) < 1e-10);
    }

    [Fact]
    public void ConjugateGradient_AgreesWithCholesky()
    {
        var (net, chol, k) = Lattice(12, 10, 6);
        var cg = net.Factor(k, kind: SolverKind.ConjugateGradient);
        var loads = new double[net.DofCount];
        new Rng(7).FillNormal<double>(loads, 0, 1);
        Assert.True(TestNetworks.RelativeError(cg.Solve(loads), chol.Solve(loads)) < 1e-8);
    }

    [Fact]
    public void SpringNetwork_IsInForceBalance_AtEquilibrium()
    {
        var graph = TestNetworks.PaperLattice();
        var springs = new SpringNetwork(graph);
        var net = springs.Engine;
        var k = TestNetworks.RandomWeights(net.EdgeCount, 8);
        var loads = new double[net.DofCount];
        new Rng(9).FillNormal<double>(loads, 0, 1);
        foreach (int f in graph.FixedNodes)
        {
            loads[net.Dof(f, 0)] = loads[net.Dof(f, 1)] = 0;
        }
        var u = springs.Displacements(k, loads);
        // Internal forces Cᵀ t from bond tensions balance the applied load at every free node.
        var internalForce = new double[net.DofCount];
        net.AddTransposed(springs.Tensions(k, u), internalForce);
        double scale = loads.Max(Math.Abs);
        for (int n = 0; n < graph.NodeCount; n++)
        {
            if (!graph.IsFixed(n))
            {
                for (int d = 0; d < 2; d++)
                {
                    Assert.True(Math.Abs(internalForce[net.Dof(n, d)] - loads[net.Dof(n, d)]) < 1e-10 * scale);
                }
            }
        }
        // Reactions at the pins plus the loads: zero net force and zero net moment.
        double fx = 0, fy = 0, moment = 0;
        for (int n = 0; n < graph.NodeCount; n++)
        {
            // External force: the applied load at free nodes, the support reaction (= D u there) at pins.
            double ex = graph.IsFixed(n) ? internalForce[net.Dof(n, 0)] : loads[net.Dof(n, 0)];
            double ey = graph.IsFixed(n) ? internalForce[net.Dof(n, 1)] : loads[net.Dof(n, 1)];
            fx += ex;
            fy += ey;
            var p = graph.Position(n);
            moment += (p[0] * ey) - (p[1] * ex);
        }
        Assert.True(Math.Abs(fx) < 1e-10 * scale && Math.Abs(fy) < 1e-10 * scale && Math.Abs(moment) < 1e-9 * scale, $"net force ({fx}, {fy}), moment {moment}");
    }

    [Fact]
    public void CuttingABond_SplitsPaperLatticeBonds_IntoRedundantAndCritical_AndIsolatingANode_IsAZeroMode()
    {
        var graph = TestNetworks.PaperLattice();
        var k = TestNetworks.RandomWeights(graph.EdgeCount, 10);
        var critical = new List<int>();
        for (int j = 0; j < graph.EdgeCount; j++)
        {
            var cut = new SpringNetwork(graph.WithoutEdge(j));
            if (!cut.IsRigid(k.Where((_, i) => i != j).ToArray()))
            {
                critical.Add(j);
            }
        }
        _output.WriteLine($"critical bonds (cutting one makes the lattice floppy): {string.Join(", ", critical.Select(j => $"{j} ({graph.Edges[j].A}–{graph.Edges[j].B})"))}");
        // With the two bottom corners pinned, bond 0–5 is critical: without it the lattice can rotate about
        // node 4, node 1 moving perpendicular to the collinear bottom bond 0–1 (an infinitesimal mechanism).
        int bond05 = Enumerable.Range(0, graph.EdgeCount).Single(j => graph.Edges[j] == new Edge(0, 5));
        Assert.Contains(bond05, critical);
        // An interior bond is redundant: the lattice stays rigid without it.
        int bond67 = Enumerable.Range(0, graph.EdgeCount).Single(j => graph.Edges[j] == new Edge(6, 7));
        Assert.DoesNotContain(bond67, critical);
        Assert.True(critical.Count < graph.EdgeCount / 2);
        // The apex (node 13) hangs on bonds to 12, 10 and 11; leave it only one and it swings freely.
        int apex = 13;
        var bonds = Enumerable.Range(0, graph.EdgeCount).Where(j => graph.Edges[j].A == apex || graph.Edges[j].B == apex).ToArray();
        Assert.Equal(3, bonds.Length);
        var damaged = graph.WithoutEdge(bonds[2]).WithoutEdge(bonds[1]);
        var springs = new SpringNetwork(damaged);
        var kd = TestNetworks.RandomWeights(damaged.EdgeCount, 11);
        var ex = Assert.Throws<ZeroModeException>(() => springs.Engine.Factor(kd));
        Assert.Contains("Zero mode", ex.Message, StringComparison.Ordinal);
        Assert.False(springs.IsRigid(kd));
    }

    [Fact]
    public void CollinearChain_HasAZeroMode_NamedByNode()
    {
        // Three collinear nodes, ends pinned: the middle one moves freely sideways (a floppy mode).
        var g = new NetworkGraph(3, [new Edge(0, 1), new Edge(1, 2)], [0, 2], 2, [0, 0, 1, 0, 2, 0]);
        var ex = Assert.Throws<ZeroModeException>(() => new SpringNetwork(g).Engine.Factor([1.0, 1.0]));
        Assert.Contains("node 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LargeLattice_TenThousandNodes_Solves()
    {
        var graph = Lattices.TriangularGrid(100, 100);
        var net = new EquilibriumNetwork(graph, vector: true);
        var k = TestNetworks.RandomWeights(net.EdgeCount, 12);
        var solver = net.Factor(k);
        var loads = new double[net.DofCount];
        loads[net.Dof(graph.NodeCount - 1, 0)] = 1;
        var u = solver.Solve(loads);
        var r = solver.Residual(u, loads);
        double worst = solver.FreeDofs.Max(d => Math.Abs(r[d]));
        Assert.Equal(SolverKind.Cholesky, solver.Kind);
        Assert.True(worst < 1e-9, $"free-node force residual {worst}");
        Assert.True(u[net.Dof(graph.NodeCount - 1, 0)] > 0);
    }
}
