using PnnKit.Core.Data;
using PnnKit.Core.Random;

namespace PnnKit.Core.Tests.Data;

public class SyntheticTests
{
    public static TheoryData<string> Names => ["moons", "circles", "rings", "xor", "spirals"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Synthetic_IsReproducible_FromSeed_AndDiffersAcrossSeeds(string name)
    {
        var a = DataCatalog.Load<double>(name, synthetic: new SyntheticOptions { Count = 200, Seed = 7 });
        var b = DataCatalog.Load<double>(name, synthetic: new SyntheticOptions { Count = 200, Seed = 7 });
        var c = DataCatalog.Load<double>(name, synthetic: new SyntheticOptions { Count = 200, Seed = 8 });
        Assert.Equal(a.Features.Data, b.Features.Data);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.Features.Data, c.Features.Data);
        Assert.Equal((200, 2, 2), (a.Count, a.FeatureCount, a.ClassCount));
        Assert.Equal(-1, a.Features.IndexOfNonFinite());
    }

    [Theory]
    [InlineData("moons")]
    [InlineData("circles")]
    [InlineData("xor")]
    [InlineData("spirals")]
    public void Synthetic_BalancesClasses_AndMixesThem(string name)
    {
        var d = DataCatalog.Load<float>(name, synthetic: new SyntheticOptions { Count = 101, Seed = 1 });
        Assert.Equal(51, d.Labels!.Count(y => y == 0));
        Assert.Equal(50, d.Labels!.Count(y => y == 1));
        Assert.Contains(1, d.Labels![..20]); // shuffled, not class blocks
        Assert.Contains(0, d.Labels![..20]);
    }

    [Fact]
    public void Rings_LabelsByRadius_WhenNoiseIsZero()
    {
        var d = Synthetic.Rings<double>(2000, 0, new Rng(3));
        for (int i = 0; i < d.Count; i++)
        {
            double r = Math.Sqrt((d.Features[i, 0] * d.Features[i, 0]) + (d.Features[i, 1] * d.Features[i, 1]));
            Assert.Equal(r >= 0.4 && r <= 0.8 ? 0 : 1, d.Labels![i]);
            Assert.InRange(d.Features[i, 0], -1, 1);
        }
        // Ring share of the square: π(0.8² − 0.4²)/4 ≈ 0.377.
        Assert.InRange(d.Labels!.Count(y => y == 0) / 2000.0, 0.33, 0.42);
    }

    [Fact]
    public void Xor_LabelsBySignProduct_WhenNoiseIsZero()
    {
        var d = Synthetic.Xor<double>(500, 0, new Rng(4));
        for (int i = 0; i < d.Count; i++)
        {
            double x = d.Features[i, 0], y = d.Features[i, 1];
            Assert.True(Math.Abs(x) >= 0.1 && Math.Abs(y) >= 0.1);
            Assert.Equal(x * y > 0 ? 0 : 1, d.Labels![i]);
        }
    }

    [Fact]
    public void Circles_PutsClassesOnTheirRadii_WhenNoiseIsZero()
    {
        var d = Synthetic.Circles<double>(100, 0, new Rng(5), factor: 0.3);
        for (int i = 0; i < d.Count; i++)
        {
            double r = Math.Sqrt((d.Features[i, 0] * d.Features[i, 0]) + (d.Features[i, 1] * d.Features[i, 1]));
            Assert.Equal(d.Labels![i] == 0 ? 1.0 : 0.3, r, 12);
        }
    }

    [Fact]
    public void Synthetic_RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic.TwoMoons<float>(0, 0.1, new Rng(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic.Spirals<float>(10, double.NaN, new Rng(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic.Circles<float>(10, 0.1, new Rng(1), factor: 1.5));
    }
}
