using PnnKit.Bench.Suite;

namespace PnnKit.Bench.Tests.Suite;

public sealed class EqualAccuracyTests
{
    // A fake digital MLP whose accuracy grows with width (w/100, capped at 1) and energy is w nJ.
    private static DigitalMatch Fake(int w) => new(w, Math.Min(1, w / 100.0), w * 1e-9, 2 * w * 1e-9);

    [Fact]
    public void Smallest_PicksTheFirstWidthReachingTheTarget_AndTrainsNoLargerOne()
    {
        var trained = new List<int>();
        var m = EqualAccuracy.Smallest(0.3, w =>
        {
            trained.Add(w);
            return Fake(w);
        });
        Assert.NotNull(m);
        Assert.Equal(32, m.Hidden); // 16 → 0.16 < 0.3 ≤ 0.32 ← 32
        Assert.Equal([1, 2, 4, 8, 16, 32], trained);
        Assert.Equal(64e-9, m.SystemEnergyJoules);
    }

    [Fact]
    public void Smallest_CountsAnExactHitAsReached_AndReturnsNullWhenNoWidthReaches()
    {
        Assert.Equal(64, EqualAccuracy.Smallest(0.64, Fake)!.Hidden);
        Assert.Null(EqualAccuracy.Smallest(0.9, Fake, [1, 2, 4]));
        Assert.Equal(1, EqualAccuracy.Smallest(0, Fake)!.Hidden);
    }

    [Fact]
    public void Smallest_TakesTheSmallestReachingWidth_EvenWhenAccuracyIsNotMonotone()
    {
        double[] acc = [0.5, 0.9, 0.7, 0.95];
        int[] widths = [1, 2, 4, 8];
        var m = EqualAccuracy.Smallest(0.8, w => new DigitalMatch(w, acc[Array.IndexOf(widths, w)], 0, 1), widths);
        Assert.Equal(2, m!.Hidden);
    }

    [Fact]
    public void Smallest_RejectsBadTargetsAndWidths()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EqualAccuracy.Smallest(1.2, Fake));
        Assert.Throws<ArgumentOutOfRangeException>(() => EqualAccuracy.Smallest(double.NaN, Fake));
        Assert.Throws<ArgumentException>(() => EqualAccuracy.Smallest(0.5, Fake, [4, 2]));
        Assert.Throws<ArgumentException>(() => EqualAccuracy.Smallest(0.5, Fake, [0, 2]));
    }

    [Fact]
    public void Ratio_IsDigitalOverSubstrateSystemEnergy_AndDescribeSaysWhichWay()
    {
        var digital = new DigitalMatch(8, 0.9, 1e-9, 4e-9);
        Assert.Equal(40, EqualAccuracy.Ratio(digital, 1e-10), 9);
        Assert.Equal(0.25, EqualAccuracy.Ratio(digital, 16e-9), 12);
        Assert.Equal("40× more efficient than digital at equal accuracy", EqualAccuracy.Describe(40));
        Assert.Equal("4× less efficient than digital at equal accuracy", EqualAccuracy.Describe(0.25));
        Assert.Equal("25,600× less efficient than digital at equal accuracy", EqualAccuracy.Describe(1 / 25_600.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EqualAccuracy.Ratio(digital, 0));
    }
}
