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
    }

    [Fact]
    public void UnknownDataset_ExitsWithAnError()
    {
        var (code, _, err) = Pnn.Run(_dir, "repro", "mesh-mnist", "--quick", "--dataset", "nope");
        Assert.NotEqual(0, code);
        Assert.Contains("nope", err, StringComparison.Ordinal);
    }
}
