using System.Text.Json;

namespace PnnKit.Cli.Tests;

public sealed class ReproSpintronicsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-repro-spin-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PbitBoltzmann_Quick_IdealPBitsReachKlBelowOnePercent_SmtjPBitsStopAtTheirSpreadsFloor()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "pbit-boltzmann", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        List<(int Sweeps, double Kl)> Curve(string name) => doc.RootElement.GetProperty(name).EnumerateArray().Select(p => (p.GetProperty("sweeps").GetInt32(), p.GetProperty("kl").GetDouble())).ToList();
        var curve = Curve("ideal_curve");
        Assert.Equal(0.138, Curve("curve")[^1].Kl, 0.002); // sMTJ p-bits (correlated + spread), the default
        Assert.Equal(8e-9, doc.RootElement.GetProperty("fluctuation_seconds").GetDouble());
        Assert.True(doc.RootElement.GetProperty("spins").GetInt32() <= 10);
        Assert.True(curve[^1].Kl < 0.01, $"KL after {curve[^1].Sweeps} sweeps: {curve[^1].Kl}");
        Assert.True(curve[0].Kl > 10 * curve[^1].Kl, "KL should fall with the number of sweeps");
        Assert.True(doc.RootElement.GetProperty("system_energy_per_sweep_joules").GetDouble() > doc.RootElement.GetProperty("core_energy_per_sweep_joules").GetDouble());
    }

    [Fact]
    public void SpintronicRepros_PrintEnergyPerInference()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "sto-reservoir");
        Assert.True(code == 0, err);
        Assert.Contains("Energy per inference", stdout, StringComparison.Ordinal);
        (code, stdout, err) = Pnn.Run(_dir, "repro", "pbit-factor", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var fabricated = doc.RootElement.GetProperty("fabricated");
        double perSweep = fabricated.GetProperty("system_energy_per_sweep_joules").GetDouble();
        Assert.Equal(perSweep * fabricated.GetProperty("sweeps").GetInt32(), fabricated.GetProperty("system_energy_per_solution_joules").GetDouble(), perSweep * 1e-9);
        Assert.Equal(973, fabricated.GetProperty("visits").GetInt32()); // sMTJ p-bits; ideal ones: 984
        Assert.Equal(984, doc.RootElement.GetProperty("ideal").GetProperty("visits").GetInt32());
    }

    [Fact]
    public void StoModels_Quick_ComparesTheReducedModelWithTheLlg()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "sto-models", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.True(r.GetProperty("power").GetArrayLength() >= 3);
        Assert.True(r.GetProperty("max_power_error").GetDouble() < 0.05);
        Assert.InRange(r.GetProperty("reduced_relaxation_seconds").GetDouble() / r.GetProperty("llg_relaxation_seconds").GetDouble(), 0.9, 1.1);
    }
}
