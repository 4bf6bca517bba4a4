using PnnKit.Core.Random;

namespace PnnKit.Networks.Tests;

public class LearningTests
{
    /// <summary>The paper lattice: forces on four bottom/side nodes, horizontal displacements of three upper nodes.</summary>
    private static (EquilibriumNetwork Net, EquilibriumExample Ex, double[] K) MechanicalTask(ulong seed)
    {
        var net = new SpringNetwork(TestNetworks.PaperLattice()).Engine;
        var rng = new Rng(seed);
        var loads = new double[net.DofCount];
        foreach (int n in new[] { 1, 2, 3, 5 })
        {
            loads[net.Dof(n, 1)] = rng.Uniform(-1, 1);
        }
        int[] outputs = [net.Dof(11, 0), net.Dof(12, 0), net.Dof(13, 0)];
        var ex = new EquilibriumExample(loads, new double[net.DofCount], [], outputs, [0.3, -0.2, 0.1]);
        return (net, ex, TestNetworks.RandomWeights(net.EdgeCount, seed + 1));
    }

    /// <summary>A 16-edge resistor network: 2 voltage sources, 1 or 2 outputs, ground at node 0.</summary>
    private static (EquilibriumNetwork Net, EquilibriumExample Ex, double[] K) ElectricalTask(ulong seed, int outputs)
    {
        var rng = new Rng(seed);
        var edges = new List<Edge>();
        for (int i = 0; i < 8; i++)
        {
            edges.Add(new Edge(i, (i + 1) % 8));
        }
        edges.AddRange([new(0, 4), new(1, 5), new(2, 6), new(3, 7), new(0, 2), new(4, 6), new(1, 3), new(5, 7)]);
        var net = new ResistorNetwork(new NetworkGraph(8, edges, [0])).Engine;
        var held = new double[8];
        held[1] = rng.Uniform(0.5, 1);
        held[5] = rng.Uniform(-1, -0.5);
        int[] outs = outputs == 1 ? [3] : [3, 6];
        double[] targets = outputs == 1 ? [0.4] : [0.4, -0.1];
        var ex = new EquilibriumExample(new double[8], held, [1, 5], outs, targets);
        return (net, ex, TestNetworks.RandomWeights(net.EdgeCount, seed + 1));
    }

    private static double[] FiniteDifference(EquilibriumNetwork net, double[] k, EquilibriumExample ex)
    {
        var g = new double[k.Length];
        for (int j = 0; j < k.Length; j++)
        {
            double h = 1e-6 * k[j];
            var kp = (double[])k.Clone();
            var km = (double[])k.Clone();
            kp[j] += h;
            km[j] -= h;
            g[j] = (EquilibriumLearning.Loss(ex, EquilibriumLearning.Free(net, kp, ex)) - EquilibriumLearning.Loss(ex, EquilibriumLearning.Free(net, km, ex))) / (2 * h);
        }
        return g;
    }

    [Fact]
    public void InSituBackprop_Mechanical_EqualsFiniteDifferences()
    {
        var (net, ex, k) = MechanicalTask(30);
        var insitu = EquilibriumLearning.InSitu(net, k, ex);
        double err = TestNetworks.RelativeError(insitu.Gradient, FiniteDifference(net, k, ex));
        Assert.True(err < 1e-6, $"relative error {err}");
        Assert.Equal(2, insitu.Equilibria);
    }

    [Fact]
    public void InSituBackprop_Electrical_WithVoltageSources_EqualsFiniteDifferences()
    {
        var (net, ex, k) = ElectricalTask(31, 2);
        double err = TestNetworks.RelativeError(EquilibriumLearning.InSitu(net, k, ex).Gradient, FiniteDifference(net, k, ex));
        Assert.True(err < 1e-6, $"relative error {err}");
    }

    [Fact]
    public void InSituBackprop_StepDownhill_ReducesLoss()
    {
        var (net, ex, k) = MechanicalTask(32);
        var est = EquilibriumLearning.InSitu(net, k, ex);
        var k2 = k.Select((x, j) => x - (1e-3 * est.Gradient[j])).ToArray();
        Assert.True(EquilibriumLearning.Loss(ex, EquilibriumLearning.Free(net, k2, ex)) < est.Loss);
    }

    [Fact]
    public void EquilibriumPropagation_Centred_ConvergesToGradient_AsBetaShrinks()
    {
        var (net, ex, k) = MechanicalTask(33);
        var truth = EquilibriumLearning.InSitu(net, k, ex).Gradient;
        double errLarge = TestNetworks.RelativeError(EquilibriumLearning.EquilibriumPropagation(net, k, ex, 0.01).Gradient, truth);
        double errSmall = TestNetworks.RelativeError(EquilibriumLearning.EquilibriumPropagation(net, k, ex, 0.001).Gradient, truth);
        Assert.True(errSmall < 1e-4, $"β=0.001: {errSmall}");
        // Centred estimator: error O(β²), so a 10× smaller β cuts it by well over 10×.
        Assert.True(errSmall < errLarge / 30, $"β=0.01: {errLarge}, β=0.001: {errSmall}");
    }

    [Fact]
    public void CoupledLearning_DirectionMatchesGradient_AsEtaShrinks_SingleOutput()
    {
        var (net, ex, k) = ElectricalTask(34, 1);
        var truth = EquilibriumLearning.InSitu(net, k, ex).Gradient;
        double cos = TestNetworks.Cosine(EquilibriumLearning.Coupled(net, k, ex, 1e-3).Gradient, truth);
        Assert.True(cos >= 0.99, $"cosine {cos}");
    }

    [Fact]
    public void CoupledLearning_TwoOutputs_StillDescends()
    {
        var (net, ex, k) = ElectricalTask(35, 2);
        var truth = EquilibriumLearning.InSitu(net, k, ex).Gradient;
        double cos = TestNetworks.Cosine(EquilibriumLearning.Coupled(net, k, ex, 1e-3).Gradient, truth);
        Assert.True(cos > 0, $"cosine {cos}");
    }

    [Fact]
    public void BoundedWeight_StaysInBounds_AndDerivativeMatchesFiniteDifference()
    {
        var b = new BondMaterial();
        var w = new BoundedWeight(b.MinStiffness, b.MaxStiffness);
        foreach (double theta in new[] { -50.0, -2, 0, 1.5, 50 })
        {
            double k = w.Value(theta);
            Assert.InRange(k, w.Min, w.Max);
            double fd = (w.Value(theta + 1e-6) - w.Value(theta - 1e-6)) / 2e-6;
            Assert.Equal(fd, w.Derivative(theta), Math.Max(1e-6 * Math.Abs(fd), 1e-3));
        }
        Assert.Equal(0.7, w.Inverse(w.Value(0.7)), 9);
        // k = Y·w·t/a: 3.5 GPa × 0.4 mm × 3 mm / 20 mm = 210 kN/m.
        Assert.Equal(2.1e5, b.MinStiffness, 6);
    }
}
