namespace PnnKit.Cli.Tests;

/// <summary>pnn bench perf --only: picks items by name; a name matching nothing is a usage error listing the items.</summary>
public sealed class BenchOnlyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnn-bench-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void OnlyWithAnUnknownName_ExitsTwo_ListingTheItems()
    {
        var (code, _, err) = Pnn.Run(_dir, "bench", "perf", "--only", "no-such-item");
        Assert.Equal(2, code);
        Assert.Contains("no-such-item", err, StringComparison.Ordinal);
        Assert.Contains("equilibrium network direct solver", err, StringComparison.Ordinal);
        Assert.Contains("LeNet-5 training epoch", err, StringComparison.Ordinal);
        Assert.Contains("ResNet-8 inference forward", err, StringComparison.Ordinal);
    }
}
