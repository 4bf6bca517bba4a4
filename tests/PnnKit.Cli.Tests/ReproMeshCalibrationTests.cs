using System.Text.Json;

namespace PnnKit.Cli.Tests;

public sealed class ReproMeshCalibrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-calibration-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Quick_Json_CalibrationRaisesFidelity_AndFittingCrosstalkHelps()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "mesh-calibration", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal([8, 8, 8, 16, 16, 16], rows.Select(r => r.GetProperty("modes").GetInt32()));
        foreach (var r in rows)
        {
            Assert.True(r.GetProperty("fidelity_after").GetDouble() > r.GetProperty("fidelity_before").GetDouble(), r.ToString());
        }
        for (int i = 0; i < rows.Count; i += 3)
        {
            // Only the errors the twin models: most of the infidelity goes away.
            Assert.True(1 - rows[i].GetProperty("fidelity_after").GetDouble() < 0.1 * (1 - rows[i].GetProperty("fidelity_before").GetDouble()));
            // With crosstalk and loss on the chip, the twin that fits them beats the one that does not.
            Assert.True(rows[i + 2].GetProperty("fidelity_after").GetDouble() > rows[i + 1].GetProperty("fidelity_after").GetDouble());
            Assert.InRange(rows[i + 2].GetProperty("estimated_crosstalk").GetDouble(), 0.015, 0.045);
        }
    }
}
