using CsCheck;
using PnnKit.Core.Random;
using PnnKit.Networks.Solvers;

namespace PnnKit.Networks.Tests;

/// <summary>The supernodal sparse Cholesky and its orderings against dense references, on random grounded graph Laplacians and lattices.</summary>
public class SparseCholeskyTests
{
    /// <summary>
    /// A random connected weighted graph on n nodes (a random spanning tree plus about extra·n more
    /// edges), its Laplacian with grounded springs at a few nodes (the boundary condition that makes it
    /// positive definite), and random 2D positions.
    /// </summary>
    private static (SparseMatrix A, double[,] Dense, double[] Coords) GroundedLaplacian(int n, int extra, int seed, bool connected = true)
    {
        var rng = new Random(seed);
        var trip = new List<(int, int, double)>();
        var dense = new double[n, n];
        void Add(int a, int b, double w)
        {
            trip.Add((a, a, w));
            trip.Add((b, b, w));
            trip.Add((a, b, -w));
            trip.Add((b, a, -w));
            dense[a, a] += w;
            dense[b, b] += w;
            dense[a, b] -= w;
            dense[b, a] -= w;
        }
        for (int i = 1; i < n; i++)
        {
            if (connected || rng.Next(4) > 0)
            {
                Add(i, rng.Next(i), 0.5 + (1.5 * rng.NextDouble()));
            }
        }
        for (int e = 0; e < extra * n; e++)
        {
            int a = rng.Next(n), b = rng.Next(n);
            if (a != b)
            {
                Add(a, b, 0.5 + (1.5 * rng.NextDouble())); // repeats sum, as parallel conductances do
            }
        }
        for (int i = 0; i < n; i++)
        {
            double g = i % 7 == 0 || !connected ? 0.1 + rng.NextDouble() : 0;
            trip.Add((i, i, g));
            dense[i, i] += g;
        }
        var coords = new double[2 * n];
        for (int i = 0; i < coords.Length; i++)
        {
            coords[i] = rng.NextDouble();
        }
        return (SparseMatrix.FromTriplets(n, trip), dense, coords);
    }

    private static SymbolicCholesky Analyze(SparseMatrix a, double[] coords, int variant) => variant switch
    {
        0 => SymbolicCholesky.Analyze(a, CholeskyOrdering.NestedDissection),
        1 => SymbolicCholesky.Analyze(a, CholeskyOrdering.NestedDissection, coords, 2),
        2 => SymbolicCholesky.Analyze(a, CholeskyOrdering.ReverseCuthillMcKee),
        _ => SymbolicCholesky.Analyze(a, CholeskyOrdering.Natural),
    };

    private static double[] Column(double[] block, int count, int r) => Enumerable.Range(0, block.Length / count).Select(i => block[(i * count) + r]).ToArray();

    [Fact]
    public void RandomGroundedLaplacians_MatchDenseReference_UnderEveryOrdering()
    {
        var gen = Gen.Select(Gen.Int[1, 150], Gen.Int[0, 4], Gen.Int[0, 3], Gen.Int[0, 1_000_000]);
        gen.Sample((n, extra, variant, seed) =>
        {
            var (a, dense, coords) = GroundedLaplacian(n, extra, seed);
            var factor = new SparseCholesky(Analyze(a, coords, variant), a);
            const int count = 3;
            var rng = new Random(seed + 1);
            var b = Enumerable.Range(0, n * count).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var x = new double[b.Length];
            factor.Solve(b, x, count);
            for (int r = 0; r < count; r++)
            {
                var reference = TestNetworks.DenseSolve(dense, Column(b, count, r));
                Assert.True(TestNetworks.RelativeError(Column(x, count, r), reference) < 1e-9, $"n {n}, extra {extra}, ordering {variant}, rhs {r}");
                // One right-hand side at a time gives the same answer as the block.
                Assert.True(TestNetworks.RelativeError(factor.Solve(Column(b, count, r)), reference) < 1e-9);
            }
        }, iter: 120);
    }

    [Fact]
    public void Orderings_ArePermutations_AlsoOfDisconnectedGraphs()
    {
        var gen = Gen.Select(Gen.Int[1, 200], Gen.Int[0, 3], Gen.Int[0, 2], Gen.Bool, Gen.Int[0, 1_000_000]);
        gen.Sample((n, extra, variant, connected, seed) =>
        {
            var (a, _, coords) = GroundedLaplacian(n, extra, seed, connected);
            var perm = Analyze(a, coords, variant).Permutation;
            Assert.Equal(Enumerable.Range(0, n), perm.Order());
        }, iter: 150);
    }

    [Fact]
    public void DenseFront_UsesTheBlockedKernel_AndMatchesDense()
    {
        // A complete graph is one dense front of 70 columns: the blocked path with ragged 4×4 tiles.
        const int n = 70;
        var rng = new Random(3);
        var dense = new double[n, n];
        var trip = new List<(int, int, double)>();
        for (int i = 0; i < n; i++)
        {
            dense[i, i] = 0.5; // grounded
            for (int j = 0; j < i; j++)
            {
                double w = 0.5 + rng.NextDouble();
                dense[i, j] = dense[j, i] = -w;
                dense[i, i] += w;
                dense[j, j] += w;
            }
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                trip.Add((i, j, dense[i, j]));
            }
        }
        var a = SparseMatrix.FromTriplets(n, trip);
        var symbolic = SymbolicCholesky.Analyze(a, CholeskyOrdering.Natural);
        Assert.Equal(n * (n + 1L) / 2, symbolic.FactorEntries);
        Assert.Equal(1, symbolic.SupernodeCount);
        var b = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();
        Assert.True(TestNetworks.RelativeError(new SparseCholesky(symbolic, a).Solve(b), TestNetworks.DenseSolve(dense, b)) < 1e-10);
    }

    [Fact]
    public void SymbolicAnalysis_IsReused_ForNewValues_AndRefusesAnotherPattern()
    {
        var net = new EquilibriumNetwork(Lattices.TriangularGrid(9, 8), vector: true);
        var free = Enumerable.Range(0, net.DofCount).Where(d => !net.Graph.IsFixed(d / 2)).ToArray();
        var a1 = net.Assemble(TestNetworks.RandomWeights(net.EdgeCount, 1)).Submatrix(free);
        var a2 = net.Assemble(TestNetworks.RandomWeights(net.EdgeCount, 2)).Submatrix(free);
        var symbolic = SymbolicCholesky.Analyze(a1);
        var b = Enumerable.Range(0, a1.Size).Select(i => Math.Cos(i)).ToArray();
        var reused = new SparseCholesky(symbolic, a2).Solve(b);
        var fresh = new SparseCholesky(a2).Solve(b);
        Assert.True(TestNetworks.RelativeError(reused, fresh) < 1e-12);
        var other = net.Assemble(TestNetworks.RandomWeights(net.EdgeCount, 3)).Submatrix(free.AsSpan(1));
        var ex = Assert.Throws<ArgumentException>(() => new SparseCholesky(symbolic, other));
        Assert.Contains("analysed pattern", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedDissection_FillsLessThanABandedOrdering_OnALattice()
    {
        var net = new EquilibriumNetwork(Lattices.TriangularGrid(40, 40), vector: true);
        var free = Enumerable.Range(0, net.DofCount).Where(d => !net.Graph.IsFixed(d / 2)).ToArray();
        var a = net.Assemble(TestNetworks.RandomWeights(net.EdgeCount, 4)).Submatrix(free);
        var coords = free.SelectMany(d => net.Graph.Position(d / 2).ToArray()).ToArray();
        var nd = SymbolicCholesky.Analyze(a, CholeskyOrdering.NestedDissection, coords, 2);
        var levels = SymbolicCholesky.Analyze(a, CholeskyOrdering.NestedDissection);
        var banded = SymbolicCholesky.Analyze(a, CholeskyOrdering.ReverseCuthillMcKee);
        Assert.True(nd.FactorFlops < 0.5 * banded.FactorFlops, $"nested dissection {nd.FactorFlops:E2} flops, banded {banded.FactorFlops:E2}");
        Assert.True(levels.FactorFlops < banded.FactorFlops, $"level-structure dissection {levels.FactorFlops:E2} flops, banded {banded.FactorFlops:E2}");
        Assert.True(nd.FactorEntries < banded.FactorEntries);
    }

    [Fact]
    public void LatticeSolvedByNestedDissection_MatchesDenseReference()
    {
        // 12 × 10 nodes, 216 free unknowns: above EquilibriumNetwork.BandedLimit, so the engine dissects.
        var net = new EquilibriumNetwork(Lattices.TriangularGrid(12, 10), vector: true);
        var solver = net.Factor(TestNetworks.RandomWeights(net.EdgeCount, 5));
        var free = solver.FreeDofs.ToArray();
        Assert.True(free.Length > EquilibriumNetwork.BandedLimit);
        var kff = solver.Matrix.Submatrix(free);
        var dense = new double[free.Length, free.Length];
        for (int i = 0; i < free.Length; i++)
        {
            for (int j = 0; j < free.Length; j++)
            {
                dense[i, j] = kff[i, j];
            }
        }
        var loads = new double[net.DofCount];
        new Rng(6).FillNormal<double>(loads, 0, 1);
        var u = solver.Solve(loads);
        var reference = TestNetworks.DenseSolve(dense, free.Select(d => loads[d]).ToArray());
        Assert.True(TestNetworks.RelativeError(free.Select(d => u[d]).ToArray(), reference) < 1e-10);
    }

    [Fact]
    public void CuttingBondsOfAnInteriorNode_IsAZeroMode_NamingThatNode()
    {
        // Leave node 77 of a 12 × 12 lattice one bond: it swings freely across it. The lattice is large
        // enough (264 free unknowns) to be ordered by nested dissection.
        var graph = Lattices.TriangularGrid(12, 12);
        const int node = 77;
        var bonds = Enumerable.Range(0, graph.EdgeCount).Where(j => graph.Edges[j].A == node || graph.Edges[j].B == node).ToArray();
        Assert.Equal(6, bonds.Length);
        foreach (int j in bonds.Skip(1).Reverse())
        {
            graph = graph.WithoutEdge(j);
        }
        var springs = new SpringNetwork(graph);
        var k = TestNetworks.RandomWeights(graph.EdgeCount, 7);
        var ex = Assert.Throws<ZeroModeException>(() => springs.Engine.Factor(k));
        Assert.Contains($"node {node},", ex.Message, StringComparison.Ordinal);
        Assert.False(springs.IsRigid(k));
    }

    [Fact]
    public void IndefiniteMatrix_IsAZeroMode_NamingTheUnknown()
    {
        // [[1, 2], [2, 1]] has eigenvalues 3 and −1: the second pivot is negative.
        var a = SparseMatrix.FromTriplets(2, [(0, 0, 1.0), (0, 1, 2.0), (1, 0, 2.0), (1, 1, 1.0)]);
        var ex = Assert.Throws<ZeroModeException>(() => new SparseCholesky(SymbolicCholesky.Analyze(a, CholeskyOrdering.Natural), a));
        Assert.Equal(1, ex.Index);
        Assert.Contains("unknown 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InSituGradient_OnADissectedLattice_MatchesFiniteDifferences()
    {
        var graph = Lattices.TriangularGrid(12, 10);
        var net = new EquilibriumNetwork(graph, vector: true);
        var k = TestNetworks.RandomWeights(net.EdgeCount, 8);
        var loads = new double[net.DofCount];
        for (int i = 0; i < 12; i++)
        {
            loads[net.Dof(graph.NodeCount - 1 - i, 1)] = Math.Cos(i);
        }
        int[] outputs = [net.Dof(65, 0), net.Dof(40, 1)];
        var ex = new EquilibriumExample(loads, new double[net.DofCount], [], outputs, [0.3, -0.2]);
        var g = EquilibriumLearning.InSitu(net, k, ex).Gradient;
        var rng = new Rng(9);
        for (int trial = 0; trial < 8; trial++)
        {
            int j = rng.NextInt(net.EdgeCount);
            double h = 1e-4 * k[j]; // central differences: O(h²) truncation, well above the loss's rounding
            var kp = (double[])k.Clone();
            var km = (double[])k.Clone();
            kp[j] += h;
            km[j] -= h;
            double fd = (EquilibriumLearning.Loss(ex, EquilibriumLearning.Free(net, kp, ex)) - EquilibriumLearning.Loss(ex, EquilibriumLearning.Free(net, km, ex))) / (2 * h);
            Assert.True(Math.Abs(fd - g[j]) <= 1e-6 * Math.Max(Math.Abs(fd), 1e-3 * g.Max(Math.Abs)), $"edge {j}: finite difference {fd}, in situ {g[j]}");
        }
    }

    [Fact]
    public void TenThousandNodeLattice_TrainsInSitu_LossFalls()
    {
        var graph = Lattices.TriangularGrid(100, 100);
        var net = new EquilibriumNetwork(graph, vector: true);
        var k = TestNetworks.RandomWeights(net.EdgeCount, 10);
        var loads = new double[net.DofCount];
        for (int i = 0; i < 100; i++)
        {
            loads[net.Dof(graph.NodeCount - 1 - i, 1)] = Math.Cos(i);
        }
        int[] outputs = [net.Dof(5050, 0), net.Dof(5025, 0)];
        var ex = new EquilibriumExample(loads, new double[net.DofCount], [], outputs, [1.0, -1.0]);
        var first = EquilibriumLearning.InSitu(net, k, ex);
        // A small step against the exact gradient lowers the loss (to first order by rate·|g|²).
        double norm2 = first.Gradient.Sum(v => v * v);
        double rate = 1e-3 * first.Loss / norm2;
        for (int j = 0; j < k.Length; j++)
        {
            k[j] -= rate * first.Gradient[j];
        }
        var second = EquilibriumLearning.InSitu(net, k, ex);
        Assert.True(second.Loss < first.Loss, $"loss {first.Loss} → {second.Loss}");
        Assert.True(Math.Abs(first.Loss - second.Loss - (rate * norm2)) < 0.1 * rate * norm2, "the decrease matches rate·|g|² to first order");
    }

    [Fact]
    public void EverythingHeld_LeavesAnEmptySystem_AndReturnsTheHeldValues()
    {
        var net = new EquilibriumNetwork(new NetworkGraph(3, [new Edge(0, 1), new Edge(1, 2)], [0]), vector: false);
        var solver = net.Factor([1.0, 2.0], [1, 2]);
        Assert.Empty(solver.FreeDofs);
        Assert.Equal([0.0, 0.5, -0.25], solver.Solve(new double[3], [9.0, 0.5, -0.25]));
    }

    [Fact]
    public void BadInput_IsRefused_WithTheOffendingIndex()
    {
        var (a, _, _) = GroundedLaplacian(5, 1, 11);
        Assert.Contains("repeated", Assert.Throws<ArgumentException>(() => a.Submatrix([0, 2, 2])).Message, StringComparison.Ordinal);
        var factor = new SparseCholesky(a);
        Assert.Throws<ArgumentException>(() => factor.Solve(new double[4], new double[5]));
        var noDiagonal = SparseMatrix.FromTriplets(2, [(0, 1, -1.0), (1, 0, -1.0), (0, 0, 2.0)]);
        Assert.Contains("Diagonal entry 1", Assert.Throws<ArgumentException>(() => SymbolicCholesky.Analyze(noDiagonal)).Message, StringComparison.Ordinal);
        var net = new EquilibriumNetwork(new NetworkGraph(3, [new Edge(0, 1), new Edge(1, 2)], [0]), vector: false);
        Assert.Contains("Prescribed unknown 7", Assert.Throws<NetworkException>(() => net.Factor([1.0, 1.0], [7])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => net.Assemble([1.0, 1.0], new double[4]));
    }
}
