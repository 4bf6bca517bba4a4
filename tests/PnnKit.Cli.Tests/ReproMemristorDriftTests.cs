using System.Text.Json;

namespace PnnKit.Cli.Tests;

public sealed class ReproMemristorDriftTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-drift-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Quick_PrintsTheSoftwareBaselineBesideBothCrossbarRows_AndWritesThePlot()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "memristor-drift", "--quick");
        Assert.True(code == 0, err);
        // The table wraps its labels at the console width; the lines under it do not.
        Assert.Contains("Software baseline (the same MLP and recipe, float32):", stdout, StringComparison.Ordinal);
        Assert.Matches(@"hardware-aware: mean at 1 day -?\d+\.\d\d points below the software baseline", stdout);
        Assert.Matches(@"plain: mean at 1 day -?\d+\.\d\d points below the software baseline", stdout);
        Assert.Matches(@"software-mapped: mean at 1 day -?\d+\.\d\d points below the software baseline", stdout);
        byte[] png = File.ReadAllBytes(Path.Combine(_dir, "memristor-drift.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public void Quick_Json_PinsThePrintedAccuracies_AndTheSplitSizes()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "memristor-drift", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var runs = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(["hardware-aware", "plain", "software-mapped"], runs.Select(r => r.GetProperty("training").GetString()));
        // What the quick run printed (2,000 test digits, 3 instances, ±2 points): software, ideal read, mean at 1 s and 1 day.
        (double Ideal, double Second, double Day)[] printed = [(0.831, 0.8257, 0.8118), (0.8325, 0.829, 0.8077), (0.851, 0.8483, 0.8475)];
        for (int i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            SplitsJson.AssertSizes(r, 8000, 0, 2000); // no choice is made, so no validation part
            Assert.Equal(0.849, r.GetProperty("software_accuracy").GetDouble(), 0.02);
            Assert.Equal(printed[i].Ideal, r.GetProperty("ideal_accuracy").GetDouble(), 0.02);
            var ages = r.GetProperty("ages").EnumerateArray().ToList();
            Assert.Equal(printed[i].Second, ages[0].GetProperty("mean").GetDouble(), 0.02);
            Assert.Equal(printed[i].Day, ages[1].GetProperty("mean").GetDouble(), 0.02);
        }
    }

    [Fact]
    public void BadInstanceCount_ExitsWithUsageError()
    {
        var (code, _, err) = Pnn.Run(_dir, "repro", "memristor-drift", "--instances", "0");
        Assert.Equal(2, code);
        Assert.Contains("instances", err, StringComparison.Ordinal);
    }
}
