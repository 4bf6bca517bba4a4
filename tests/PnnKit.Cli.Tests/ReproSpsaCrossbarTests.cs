using System.Text.Json;

namespace PnnKit.Cli.Tests;

public sealed class ReproSpsaCrossbarTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-repro-spsa-crossbar-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SpsaCrossbar_Quick_LearnsOnTheChip_WithTwoReadsOfTheBatchPerStep()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "spsa-crossbar", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        double initial = r.GetProperty("initial_on_chip").GetDouble();
        double spsa = r.GetProperty("spsa_on_chip").GetDouble();
        double reference = r.GetProperty("backprop_on_model").GetDouble();
        int weights = r.GetProperty("weights").GetInt32(), steps = r.GetProperty("steps").GetInt32();
        long perStep = r.GetProperty("queries_per_step").GetInt64();
        Assert.Equal(500, weights);
        SplitsJson.AssertSizes(r, 2000, 0, 500);
        // What the quick run printed (500 test digits, ±3 points): from chance to within 10 points of backprop
        // on the ideal model by loss readings alone, above backprop's weights programmed onto the same chip.
        Assert.Equal(0.768, reference, 0.03);
        Assert.Equal(0.656, r.GetProperty("backprop_on_chip").GetDouble(), 0.03);
        Assert.Equal(0.68, spsa, 0.03);
        Assert.Equal(0.088, initial, 0.03);
        // Two reads of the batch per step whatever the dimension; finite differences need 2 per weight.
        Assert.Equal(perStep * weights, r.GetProperty("finite_difference_queries_per_step").GetInt64());
        Assert.Equal(perStep * steps, r.GetProperty("total_queries").GetInt64());
        Assert.Equal(2 * steps, r.GetProperty("programmings_per_device").GetInt32());
    }
}
