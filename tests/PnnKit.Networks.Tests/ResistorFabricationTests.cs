using PnnKit.Core.Costs;
using PnnKit.Core.Tensors;

namespace PnnKit.Networks.Tests;

public class ResistorFabricationTests
{
    // Ground 0; sources 1, 2; outputs 3, 4.
    private static ResistorDesign Design() => new(
        new ResistorNetwork(new NetworkGraph(5, [new Edge(1, 3), new Edge(2, 3), new Edge(1, 4), new Edge(2, 4), new Edge(3, 0), new Edge(4, 0)], [0])),
        [1, 2], [3, 4], [1.0, 2.0, 0.5, 1.5, 1.0, 2.0]);

    [Fact]
    public void AnIdealCopy_MeasuresTheDesign_ObeysKirchhoff_AndChargesItsCosts()
    {
        var design = Design();
        var copy = design.Fabricate(new NetworkVariation(), 1);
        var ledger = new CostLedger();
        var x = Tensor<double>.FromArray([1.0, 0.0, 0.3, 0.8], 2, 2);
        var y = copy.Measure(x, design.Conductance.ToArray(), ledger);
        // Node 3 by hand: (1·1 + 2·0) / (1 + 2 + 1) = 0.25 V; node 4: (0.5·1 + 1.5·0) / (0.5 + 1.5 + 2) = 0.125 V.
        Assert.Equal(0.25, y[0, 0], 12);
        Assert.Equal(0.125, y[0, 1], 12);
        var v = design.Network.Solve(copy.ActualConductance(design.Conductance.ToArray()), design.Sources, x.Row(1));
        var residual = design.Network.CurrentResidual(design.Conductance.ToArray(), v);
        Assert.True(Math.Abs(residual[3]) < 1e-12 && Math.Abs(residual[4]) < 1e-12, "Kirchhoff's current law at the free nodes");
        Assert.Equal(2, copy.QueryCount);
        Assert.Equal(2, ledger.Inferences);
        // Core energy: ΣG·ΔV² in conductance units × 100 µS per unit (10 kΩ) over the 1 µs drive, by hand for row 0:
        // node 3 at 0.25 V, node 4 at 0.125 V, sources at 1 V and 0 V.
        double first = (1.0 * 0.75 * 0.75) + (2.0 * 0.25 * 0.25) + (0.5 * 0.875 * 0.875) + (1.5 * 0.125 * 0.125) + (1.0 * 0.25 * 0.25) + (2.0 * 0.125 * 0.125);
        var costs = new NetworkCostModel();
        double second = design.Network.DissipatedPower(design.Conductance.ToArray(), v);
        Assert.Equal((first + second) * costs.SiemensPerConductanceUnit * costs.ElectricalDriveSeconds / 2, ledger.CoreEnergyPerInference, 1e-20);
    }

    [Fact]
    public void Copies_DifferBySpread_MeasureWithNoise_AndTheDesignIsUntouched()
    {
        var design = Design();
        var variation = new NetworkVariation { WeightSpread = 0.05, MeasurementNoise = 1e-3 };
        var a = design.Fabricate(variation, 1);
        var b = design.Fabricate(variation, 2);
        Assert.NotEqual(a.ConductanceFactors, b.ConductanceFactors);
        Assert.Equal(a.ConductanceFactors, design.Fabricate(variation, 1).ConductanceFactors);
        Assert.Equal([1.0, 2.0, 0.5, 1.5, 1.0, 2.0], design.Conductance);
        var x = Tensor<double>.FromArray([1.0, 0.0], 1, 2);
        var exact = design.Fabricate(variation with { MeasurementNoise = 0 }, 1).Measure(x, design.Conductance.ToArray())[0, 0];
        var diffs = Enumerable.Range(0, 400).Select(_ => a.Measure(x, design.Conductance.ToArray())[0, 0] - exact).ToList();
        double sd = Math.Sqrt(diffs.Average(d => d * d));
        Assert.InRange(sd, 0.85e-3, 1.15e-3);
    }

    [Fact]
    public void BadDesignsAndControls_AreRefused_NamingWhatIsWrong()
    {
        var net = Design().Network;
        Assert.Contains("Output node 1", Assert.Throws<NetworkException>(() => new ResistorDesign(net, [1, 2], [1], [1, 1, 1, 1, 1, 1])).Message, StringComparison.Ordinal);
        Assert.Throws<NetworkException>(() => Design().Fabricate(new NetworkVariation(), 1).Measure(new Tensor<double>(1, 2), [1.0, 2.0]));
    }
}
