using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Photonics.Costs;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.Tests;

public class InSituCostTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Backward_ChargesEveryReading_AndTheExtraPasses(bool timeReversedPass)
    {
        const int n = 4, batch = 5;
        var mesh = new ClementsMesh<double>(n, new Rng(1), name: "m");
        var layer = new InSituMesh<double>(mesh, new InSituOptions { AdjointIntensityFromTimeReversedPass = timeReversedPass });
        var ledger = new CostLedger();
        layer.Forward(MeshTests.RandomField(batch, n, 2), new ForwardContext(Mode.Train, new Rng(3)) { Ledger = ledger });
        double forwardLight = ledger.Entries.Single(e => e.Component == "m light").EnergyJoules;
        double forwardLoss = ledger.Entries.Single(e => e.Component == "m laser wall-plug loss").EnergyJoules;
        layer.Backward(MeshTests.RandomField(batch, n, 4));

        var model = PhotonicCostModel.Default;
        var terms = ledger.Entries.ToDictionary(e => e.Component);
        // Coherent readings (N at the outputs, N at the inputs) take an I and a Q detector each.
        long reads = layer.MeasurementCount + (2L * n * batch);
        Assert.Equal(reads, terms["m in-situ photodetectors + TIAs"].Uses);
        Assert.Equal(reads * model.AdcJoulesPerConversion, terms["m in-situ ADCs"].EnergyJoules, 1e-24);
        int extra = timeReversedPass ? 3 : 2;
        Assert.Equal(layer.OpticalPasses - (long)batch, (long)extra * batch);
        Assert.Equal(extra * forwardLight, terms["m in-situ light"].EnergyJoules, 1e-24);
        Assert.Equal(extra * forwardLoss, terms["m in-situ laser wall-plug loss"].EnergyJoules, 1e-24);
        Assert.Equal(CostCategory.Core, terms["m in-situ light"].Category);
        Assert.Equal(2L * extra * n * batch, terms["m in-situ source modulators"].Uses);
    }

    [Fact]
    public void Backward_WithoutLedger_ChargesNothing_AndPhaseUpdateCostsOneDacWritePerShifter()
    {
        var mesh = new ClementsMesh<double>(4, new Rng(1), name: "m");
        var layer = new InSituMesh<double>(mesh);
        layer.Forward(MeshTests.RandomField(3, 4, 2), ForwardContext.Train(1));
        layer.Backward(MeshTests.RandomField(3, 4, 4));
        var ledger = new CostLedger();
        PhotonicCostModel.Default.ChargePhaseUpdate(ledger, mesh);
        var e = Assert.Single(ledger.Entries);
        Assert.Equal((2 * mesh.MziCount) + mesh.Modes, e.Uses);
        Assert.Equal(e.Uses * PhotonicCostModel.Default.DacJoulesPerConversion, e.EnergyJoules, 1e-24);
    }
}
