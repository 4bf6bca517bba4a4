using System.Text.Json;

namespace PnnKit.Cli.Tests;

public sealed class ReproWaveRnnTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-wave-rnn-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WaveRnn_Quick_ReportsBothNetworksPerFold()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "wave-rnn", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.Equal(3, r.GetProperty("folds").GetArrayLength());
        Assert.True(r.GetProperty("rnn_parameters").GetInt32() <= r.GetProperty("design_cells").GetInt32());
        Assert.True(r.GetProperty("wave_test_mean").GetDouble() > 0.5);
        Assert.True(r.GetProperty("source_probe_energy_joules").GetDouble() > 0);
    }

    [Fact]
    public void WaveRnn_BadEpochs_ExitsWith2()
    {
        var (code, _, err) = Pnn.Run(_dir, "repro", "wave-rnn", "--quick", "--epochs", "0");
        Assert.Equal(2, code);
        Assert.Contains("epochs", err, StringComparison.Ordinal);
    }
}
