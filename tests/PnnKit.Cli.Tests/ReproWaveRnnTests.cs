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
        foreach (var fold in r.GetProperty("folds").EnumerateArray())
        {
            SplitsJson.AssertSizes(fold, 24, 0, 12);
        }
        Assert.True(r.GetProperty("rnn_parameters").GetInt32() <= r.GetProperty("design_cells").GetInt32());
        // 36 utterances, 3 folds of 12 (one utterance moves a mean by 2.8 points); as printed today, ±3 points.
        // Every effect on (Kerr medium, gliding noisy vowels, PML); before them 0.722 and 0.639.
        Assert.Equal(0.694, r.GetProperty("wave_test_mean").GetDouble(), 0.03);
        Assert.Equal(0.611, r.GetProperty("rnn_test_mean").GetDouble(), 0.03);
        Assert.Equal(4, r.GetProperty("variants").GetArrayLength());
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
