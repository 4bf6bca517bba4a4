using System.Text.Json;

namespace PnnKit.Cli.Tests;

public sealed class ReproDfaMnistTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-repro-dfa-mnist-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Quick_MnistHalf_PinsThePrintedAccuracies_AndTheSplitSizes()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "dfa", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement.GetProperty("mnist");
        // No choice is made, so no validation part: 6,000 training digits, the 2,000 test digits.
        SplitsJson.AssertSizes(r, 6000, 0, 2000);
        // What the quick run printed (2,000 test digits, ±2 points): DFA within 3 points of backprop on both substrates.
        Assert.Equal(0.8895, r.GetProperty("digital_backprop").GetDouble(), 0.02);
        Assert.Equal(0.874, r.GetProperty("digital_dfa").GetDouble(), 0.02);
        Assert.Equal(0.887, r.GetProperty("crossbar_backprop").GetDouble(), 0.02);
        Assert.Equal(0.8615, r.GetProperty("crossbar_dfa").GetDouble(), 0.02);
    }
}
