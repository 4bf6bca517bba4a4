using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Costs;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Networks;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests;

public class CostTests(ITestOutputHelper output)
{
    [Fact]
    public void HeaterPower_IsPiPowerTimesPhaseOverPi_SummedOverShifters()
    {
        var mesh = new ClementsMesh<double>(3);
        mesh.SetPhases([Math.PI, Math.PI / 2, 0], [0, 0, 3 * Math.PI], [Math.PI / 4, 0, 0]);
        double p = PhotonicCostModel.Default.HeaterPowerWatts(mesh);
        // π + π/2 + π (3π wraps to π) + π/4 = 2.75 π → 2.75 · P_π.
        Assert.Equal(2.75 * 20e-3, p, 12);
    }

    [Fact]
    public void MeshClassifier_ChargesLaserConvertersAndHeaters_PerInference()
    {
        var rng = new Rng(1);
        var meshes = Enumerable.Range(0, 3).Select(l => (MziMesh<double>)new ClementsMesh<double>(4, rng.Split((ulong)l), name: $"mesh{l}")).ToList();
        var model = MeshClassifier.Build(meshes, 2, outputGain: 10);
        var ledger = new CostLedger();
        var x = new Tensor<double>(10, 2);
        rng.FillNormal(x.Span, 0, 1);
        model.Forward(x, new ForwardContext(Mode.Eval, new Rng(2)) { Ledger = ledger });
        ledger.RecordInferences(10);
        var m = PhotonicCostModel.Default;
        double laser = ledger.Entries.Where(e => e.Category is CostCategory.LightSource or CostCategory.Core).Sum(e => e.EnergyJoules) / 10;
        Assert.Equal(3 * 4 * m.LaserJoulesPerSymbol, laser, 1e-24);
        // The core is the light in the meshes: 12 symbols of 1 mW / 10 GS/s = 1.2 pJ; the rest of the laser's draw is its wall-plug loss.
        Assert.Equal(3 * 4 * 1e-3 / 10e9, ledger.CoreEnergyPerInference, 1e-24);
        // Modulators: 2 inputs at layer 0, 4 at layers 1 and 2 → 10 symbols; detectors: 12.
        double conv = ledger.Entries.Where(e => e.Category == CostCategory.Converter).Sum(e => e.EnergyJoules) / 10;
        double expected = (10 * (m.DacJoulesPerConversion + m.ModulatorJoulesPerSymbol)) + (12 * (m.ReceiverJoulesPerSymbol + m.AdcJoulesPerConversion));
        Assert.Equal(expected, conv, 1e-24);
        double heaters = meshes.Sum(mesh => m.HeaterPowerWatts(mesh));
        Assert.Equal(heaters, ledger.TotalStaticPowerWatts, 1e-12);
        double system = ledger.SystemEnergyPerInference(1 / m.SymbolRateHz);
        output.WriteLine($"3×4-port mesh classifier: core {ledger.CoreEnergyPerInference:E2} J, system {system:E2} J per inference " +
            $"(laser {laser:E2} J, converters {conv:E2} J, heaters {heaters * 1e3:F1} mW static), latency {ledger.LatencySeconds:E2} s");
        Assert.True(system > laser + conv);
        Assert.Contains(ledger.Models, c => c is PhotonicCostModel);
    }
}
