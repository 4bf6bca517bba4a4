using PnnKit.Core.Reproductions;
using PnnKit.Spintronics.Reproductions;

namespace PnnKit.Spintronics.Tests.Reproductions;

/// <summary>The spintronic reproductions through the contract <c>pnn repro</c> runs them by.</summary>
public class SpintronicReproductionTests
{
    private static string Lines(ReproReport report) =>
        string.Join("\n", report.Blocks.OfType<ReportLine>().Select(l => (l.Lead is null ? "" : l.Lead + " ") + l.Text));

    [Fact]
    public void PbitFactor_ReportsTheFactorsAndTheEnergy()
    {
        var result = new PbitFactorReproduction().Run(new ReproArgs(), new ReproContext(null));
        string text = Lines(result.Report());
        Assert.Contains("945 → 15 × 63 = 945", text, StringComparison.Ordinal);
        Assert.Contains("Energy per sweep (8 updates)", text, StringComparison.Ordinal);
        Assert.Contains("Ideal p-bits (independent reads, identical sigmoids): 15 × 63 = 945, visited in 984 of the last 1000 sweeps", text, StringComparison.Ordinal);
        var r = Assert.IsType<PbitFactorResult>(result);
        Assert.Equal((973, 984), (r.Result.Visits, r.IdealResult.Visits));
    }

    [Fact]
    public void PbitBoltzmann_Quick_ReportsTheKlCurves_SmtjPBitsBesideIdealOnes()
    {
        var result = new PbitBoltzmannReproduction().Run(new ReproArgs(("quick", null)), new ReproContext(null));
        var table = Assert.Single(result.Report().Blocks.OfType<ReportTable>());
        Assert.Contains("8-spin Ising spin glass", table.Title, StringComparison.Ordinal);
        Assert.Equal(BoltzmannOptions.Quick.Checkpoints.Count, table.Rows.Count);
        Assert.Equal("no", table.Rows[^1][2]); // sMTJ p-bits: the spread of their sigmoids leaves a KL floor
        Assert.Equal("yes", table.Rows[^1][5]); // ideal p-bits
        var r = Assert.IsType<BoltzmannResult>(result.Json());
        // As printed today (8 spins, 10⁵ sweeps): ideal 1.54e-3 (the former figure), correlated only 1.44e-3, correlated + spread 0.138.
        Assert.Equal(1.544e-3, r.IdealCurve[^1].Kl, 1e-5);
        Assert.Equal(1.444e-3, r.CorrelatedCurve[^1].Kl, 1e-5);
        Assert.Equal(0.1382, r.Curve[^1].Kl, 1e-3);
        Assert.Equal((8e-9, 10e-9), (r.FluctuationSeconds, r.UpdateSeconds));
        Assert.Equal((0.1, 0.1), (r.SlopeSpread, r.OffsetSpread));
        Assert.Contains("slope spread 10 % and offset spread 0.1", Lines(result.Report()), StringComparison.Ordinal);
    }

    [Fact]
    public void StoReservoir_ReportsBothTasksAt300KAnd0K_AndTheirEnergy()
    {
        var result = new StoReservoirReproduction().Run(new ReproArgs(), new ReproContext(null));
        var report = result.Report();
        var tables = report.Blocks.OfType<ReportTable>().ToList();
        Assert.Equal(3, tables.Count);
        Assert.All(tables.Take(2), t => Assert.Equal(4, t.Rows.Count));
        Assert.StartsWith("NARMA-10 (Atiya & Parlos 2000", tables[2].Title, StringComparison.Ordinal);
        Assert.Equal(5, tables[2].Rows.Count); // the reservoir at 300 K and 0 K, tapped delays, echo-state network, the input alone
        Assert.Equal(["300 K (thermal noise)", "300 K (thermal noise)", "0 K (no noise)", "0 K (no noise)"], tables[0].Rows.Select(r => r[1]));
        Assert.StartsWith("Energy per inference", tables[1].Title, StringComparison.Ordinal);
        var (ratio, spread) = SpintronicDemos.ThermalSpread();
        Assert.Equal(0.111, spread, 0.001); // √(1.5 · k_B T/E(p0)), E(p0) = 120.5 k_B T
        Assert.Equal(120.5, 1 / ratio, 0.1);
        Assert.Contains($"fluctuates by {spread.ToString("P1", System.Globalization.CultureInfo.InvariantCulture)} rms", Lines(report), StringComparison.Ordinal);
        var json = Assert.IsType<StoReservoirResult>(result);
        Assert.Equal([300.0, 300.0, 0.0, 0.0], json.Results.Select(r => r.Temperature));
        Assert.Equal(2, json.NarmaBaselines.Count);
    }

    [Fact]
    public void StoModels_Quick_ReportsThePowerTableAndTheRelaxation()
    {
        var result = new StoModelsReproduction().Run(new ReproArgs(("quick", null)), new ReproContext(null));
        var report = result.Report();
        var table = Assert.Single(report.Blocks.OfType<ReportTable>());
        Assert.Equal(OscillatorModelsOptions.Quick.Supercriticalities.Count, table.Rows.Count);
        Assert.Contains("Relaxation after a current step 1.3 → 1.7 I_th", Lines(report), StringComparison.Ordinal);
    }
}
