using PnnKit.Core.Random;
using PnnKit.Spintronics;
using Xunit.Abstractions;

namespace PnnKit.Spintronics.Tests;

public class PBitFactorizerTests(ITestOutputHelper output)
{
    [Fact]
    public void EightPBits_Factor945_As15Times63_IdealAndAsFabricatedSmtjs()
    {
        var ideal = PnnKit.Spintronics.Reproductions.SpintronicDemos.Factor(945, ideal: true);
        var smtj = PnnKit.Spintronics.Reproductions.SpintronicDemos.Factor(945);
        output.WriteLine($"most visited in the last {ideal.Counted} sweeps: ideal {ideal.X} × {ideal.Y} ({ideal.Visits} sweeps), sMTJ {smtj.X} × {smtj.Y} ({smtj.Visits} sweeps)");
        Assert.Equal((15L, 63L), (ideal.X, ideal.Y));
        Assert.Equal(984, ideal.Visits); // the former figure, draw for draw
        Assert.Equal((15L, 63L), (smtj.X, smtj.Y));
        Assert.Equal(973, smtj.Visits); // as printed today: correlated reads and spread cost 11 of 1,000 sweeps at β = 5
        Assert.False(smtj.Ideal);
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
