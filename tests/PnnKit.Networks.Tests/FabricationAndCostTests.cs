using PnnKit.Core.Costs;
using PnnKit.Core.Tensors;

namespace PnnKit.Networks.Tests;

public class FabricationAndCostTests
{
    private static SpringDesign Design()
    {
        var springs = new SpringNetwork(TestNetworks.PaperLattice());
        var k = TestNetworks.RandomWeights(springs.Graph.EdgeCount, 40, springs.Bounds.Min, springs.Bounds.Max);
        return new SpringDesign(springs, [new(5, 0, 1), new(6, 0, 1)], [springs.Engine.Dof(12, 0), springs.Engine.Dof(13, 0)], k);
    }

    [Fact]
    public void Fabricate_IsReproducibleBySeed_AndLeavesTheDesignUnchanged()
    {
        var design = Design();
        var before = design.Stiffness.ToArray();
        var v = new NetworkVariation { WeightSpread = 0.05 };
        var a = design.Fabricate(v, 7);
        var b = design.Fabricate(v, 7);
        var c = design.Fabricate(v, 8);
        Assert.Equal(a.StiffnessFactors, b.StiffnessFactors);
        Assert.NotEqual(a.StiffnessFactors, c.StiffnessFactors);
        Assert.Equal(before, design.Stiffness);
        double mean = a.StiffnessFactors.Average();
        double sd = Math.Sqrt(a.StiffnessFactors.Average(f => (f - mean) * (f - mean)));
        Assert.InRange(sd, 0.02, 0.09);
    }

    [Fact]
    public void ClassifyingWithALedger_ChargesEachInference_ItsActuationWorkAndOneCameraFrame()
    {
        var design = Design();
        var classifier = new SpringClassifier(design.Network, design.Inputs, design.Outputs, 0);
        double[] features = [1.0, -0.5, 0.3, 0.8];
        var ledger = new CostLedger();
        classifier.Accuracy(features, [0, 1], ledger);
        Assert.Equal(2, ledger.Inferences);
        // By hand: ½ Fᵀu per example, over the actuator efficiency.
        var solver = design.Network.Engine.Factor(classifier.Stiffness());
        double work = 0;
        for (int s = 0; s < 2; s++)
        {
            var f = classifier.Loads(features.AsSpan(2 * s, 2));
            var u = solver.Solve(f);
            work += Math.Abs(0.5 * f.Zip(u, (a, b) => a * b).Sum());
        }
        var costs = new NetworkCostModel();
        var actuators = ledger.Entries.Single(e => e.Component.StartsWith("force actuators", StringComparison.Ordinal));
        Assert.Equal(work / costs.ActuatorEfficiency, actuators.EnergyJoules, 1e-12 * actuators.EnergyJoules);
        Assert.Equal(2 * costs.CameraFrameJoules, ledger.Entries.Single(e => e.Component.StartsWith("camera", StringComparison.Ordinal)).EnergyJoules, 1e-15);
    }

    [Fact]
    public void Measure_IsExactWithoutNoise_AndNoisyWithIt_CountingQueries()
    {
        var design = Design();
        var x = Tensor<double>.FromArray([1.0, -0.5, 0.3, 0.8], 2, 2);
        var ideal = design.Fabricate(new NetworkVariation(), 1);
        var exact = ideal.Measure(x, design.Stiffness.ToArray());
        var u = design.Network.Engine.Factor(design.Stiffness.ToArray()).Solve(new SpringClassifier(design.Network, design.Inputs, design.Outputs, 0).Loads([1.0, -0.5]));
        Assert.Equal(u[design.Outputs[0]], exact[0, 0], 15);
        Assert.Equal(2, ideal.QueryCount);
        var noisy = design.Fabricate(new NetworkVariation { MeasurementNoise = 1e-3 }, 1);
        var diffs = new List<double>();
        for (int r = 0; r < 200; r++)
        {
            var m = noisy.Measure(x, design.Stiffness.ToArray());
            diffs.Add(m[0, 0] - exact[0, 0]);
        }
        double sd = Math.Sqrt(diffs.Average(d => d * d));
        Assert.InRange(sd, 0.8e-3, 1.2e-3);
    }

    [Fact]
    public void Costs_ChargeActuationWork_Camera_AndDissipation()
    {
        var design = Design();
        var inst = design.Fabricate(new NetworkVariation(), 1);
        var ledger = new CostLedger();
        inst.Measure(Tensor<double>.FromArray([1.0, 1.0], 1, 2), design.Stiffness.ToArray(), ledger);
        var act = ledger.Entries.Single(e => e.Component.StartsWith("force actuators", StringComparison.Ordinal));
        // ½Fᵀu for 1 N forces on ~10⁵–10⁶ N/m bonds is of order µJ; divided by the 10% efficiency.
        Assert.InRange(act.EnergyJoules, 1e-8, 1e-4);
        Assert.Contains(ledger.Entries, e => e.Component.StartsWith("camera", StringComparison.Ordinal) && e.EnergyJoules == 30e-3);

        var net = new ResistorNetwork(new NetworkGraph(3, [new Edge(1, 2), new Edge(2, 0)], [0]));
        double[] g = [1e-3, 1e-3];
        var v = net.Solve(g, [1], [1.0]);
        double p = net.DissipatedPower(g, v);
        Assert.Equal(1.0 / 2000, p, 12); // 1 V across 2 kΩ
        var el = new CostLedger();
        new NetworkCostModel().ChargeElectrical(el, p, 1, 1);
        Assert.Equal(p * 1e-6, el.Entries.Single(e => e.Category == CostCategory.Core).EnergyJoules, 15);
        Assert.All(new NetworkCostModel().Parameters, q => Assert.False(string.IsNullOrWhiteSpace(q.Source) || string.IsNullOrWhiteSpace(q.Validity)));
    }

    [Fact]
    public void LargeLattice_TenThousandNodes_TrainsByInSituGradient()
    {
        var graph = Lattices.TriangularGrid(100, 100);
        var net = new EquilibriumNetwork(graph, vector: true);
        var k = TestNetworks.RandomWeights(net.EdgeCount, 41);
        var loads = new double[net.DofCount];
        loads[net.Dof(graph.NodeCount - 1, 1)] = 1;
        loads[net.Dof(graph.NodeCount - 50, 0)] = 1;
        int[] outputs = [net.Dof(graph.NodeCount - 100, 0), net.Dof(graph.NodeCount - 75, 1)];
        var ex = new EquilibriumExample(loads, new double[net.DofCount], [], outputs, [0.5, -0.5]);
        var step = EquilibriumLearning.InSitu(net, k, ex);
        double norm = Math.Sqrt(step.Gradient.Sum(x => x * x));
        // A small normalised step down the in-situ gradient must lower the loss.
        var k2 = k.Select((x, j) => Math.Max(0.1, x - (0.05 * step.Gradient[j] / norm))).ToArray();
        double after = EquilibriumLearning.Loss(ex, EquilibriumLearning.Free(net, k2, ex));
        Assert.True(after < step.Loss, $"loss {step.Loss} → {after}");
    }
}
