using System.Text.Json;

namespace PnnKit.Cli.Tests;

public sealed class ReproMeshMnistTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-mesh-mnist-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Quick_Json_ReportsValidationAndTestOnTheirSplit()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "mesh-mnist", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.Equal(64, r.GetProperty("modes").GetInt32());
        Assert.Equal(800, r.GetProperty("splits").GetProperty("validation").GetInt32());
        Assert.Equal(0.8838, r.GetProperty("validation_accuracy").GetDouble(), 0.03); // as printed today, ±3 points
        Assert.Equal(0.89, r.GetProperty("test_accuracy").GetDouble(), 0.03);
        // The same network on a fabricated chip, as designed and after calibration (MeshMnistTests pins the figures).
        var chips = r.GetProperty("chips").EnumerateArray().ToList();
        Assert.Equal(["ideal", "fabricated", "calibrated", "calibrated, +10 K"], chips.Select(c => c.GetProperty("meshes").GetString()));
        Assert.True(chips[2].GetProperty("test_accuracy").GetDouble() > chips[1].GetProperty("test_accuracy").GetDouble() + 0.3);
        Assert.Equal("thermo", r.GetProperty("phase_shifter").GetString());
    }

    [Fact]
    public void UnknownPhaseShifter_ExitsWithAnError_NamingTheAllowedOnes()
    {
        var (code, _, err) = Pnn.Run(_dir, "repro", "mesh-mnist", "--quick", "--phase-shifter", "lcos");
        Assert.Equal(2, code);
        Assert.Contains("phase-shifter must be one of thermo, mems, pcm; got 'lcos'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDataset_ExitsWithAnError()
    {
        var (code, _, err) = Pnn.Run(_dir, "repro", "mesh-mnist", "--quick", "--dataset", "nope");
        Assert.NotEqual(0, code);
        Assert.Contains("nope", err, StringComparison.Ordinal);
    }
}
