using PnnKit.Core.Random;
using PnnKit.Spintronics;
using Xunit.Abstractions;

namespace PnnKit.Spintronics.Tests;

public class PBitFactorizerTests(ITestOutputHelper output)
{
    [Fact]
    public void EightPBits_Factor945_As15Times63()
    {
        var r = PnnKit.Spintronics.Reproductions.SpintronicDemos.Factor(945);
        output.WriteLine($"most visited in the last {r.Counted} sweeps: {r.X} × {r.Y} ({r.Visits} sweeps)");
        Assert.Equal((15L, 63L), (r.X, r.Y));
        Assert.True(r.Visits > 900, $"{r.Visits}");
    }

    [Fact]
    public void AtZeroBeta_TheFactorizerWandersUniformly()
    {
        var f = new PBitFactorizer(945, 3, 5);
        var counts = f.Anneal(sweeps: 4000, betaStart: 0, betaEnd: 0, countLast: 4000, new Rng(17));
        Assert.True(counts.GetValueOrDefault((15L, 63L)) < 100, "without the cost the solution is one state of 256");
    }

    [Fact]
    public void EvenNumbers_AreRefused() => Assert.Throws<ArgumentOutOfRangeException>(() => new PBitFactorizer(944, 3, 5));
}
