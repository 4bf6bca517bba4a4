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
    public void BadInstanceCount_ExitsWithUsageError()
    {
        var (code, _, err) = Pnn.Run(_dir, "repro", "memristor-drift", "--instances", "0");
        Assert.Equal(2, code);
        Assert.Contains("instances", err, StringComparison.Ordinal);
    }
}
