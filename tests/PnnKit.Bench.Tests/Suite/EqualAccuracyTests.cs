using PnnKit.Bench.Suite;

namespace PnnKit.Bench.Tests.Suite;

public sealed class EqualAccuracyTests
{
    // A fake digital MLP whose validation accuracy grows with width (w/100, capped at 1), test accuracy is 0.01 lower, energy is 2w nJ.
    private static DigitalMatch Fake(int w) => new(w, "fp32", Math.Min(1, w / 100.0), Math.Min(1, w / 100.0) - 0.01, w * 1e-9, 2 * w * 1e-9);

    private static IReadOnlyList<DigitalMatch> One(int w) => [Fake(w)];

    // fp32 as Fake; int8 loses 0.1 of accuracy to quantization but costs a tenth.
    private static IReadOnlyList<DigitalMatch> Two(int w) => [Fake(w), Fake(w) with { Precision = "int8", ValidationAccuracy = Fake(w).ValidationAccuracy - 0.1, SystemEnergyJoules = Fake(w).SystemEnergyJoules / 10 }];

    [Fact]
    public void Matches_PicksTheFirstWidthWhoseValidationAccuracyReachesTheTarget_AndTrainsNoLargerOne()
    {
        var trained = new List<int>();
        var m = EqualAccuracy.Matches(0.3, w =>
        {
            trained.Add(w);
            return One(w);
        });
        var only = Assert.Single(m);
        Assert.Equal(32, only.Hidden); // 16 → 0.16 < 0.3 ≤ 0.32 ← 32
        Assert.Equal([1, 2, 4, 8, 16, 32], trained);
        Assert.Equal(64e-9, only.SystemEnergyJoules);
        // Chosen on validation: a test accuracy of 0.31 at width 32 would also reach 0.3, but 0.305 is reached on validation only from 32 on.
        Assert.Equal(32, Assert.Single(EqualAccuracy.Matches(0.305, One)).Hidden);
        Assert.Equal(0.31, only.Accuracy, 12);
    }

    [Fact]
    public void Matches_CountsAnExactHitAsReached_AndIsEmptyWhenNoWidthReaches()
    {
        Assert.Equal(64, Assert.Single(EqualAccuracy.Matches(0.64, One)).Hidden);
        Assert.Empty(EqualAccuracy.Matches(0.9, One, [1, 2, 4]));
        Assert.Null(EqualAccuracy.Cheapest(EqualAccuracy.Matches(0.9, One, [1, 2, 4])));
        Assert.Equal(1, Assert.Single(EqualAccuracy.Matches(0, One)).Hidden);
    }

    [Fact]
    public void Matches_KeepsSearchingUntilEveryPrecisionHasItsWidth_AndCheapestIsTheLeastSystemEnergy()
    {
        var trained = new List<int>();
        var m = EqualAccuracy.Matches(0.3, w =>
        {
            trained.Add(w);
            return Two(w);
        });
        Assert.Equal(32, m.Single(x => x.Precision == "fp32").Hidden);
        Assert.Equal(64, m.Single(x => x.Precision == "int8").Hidden); // 0.64 − 0.1 ≥ 0.3; 0.32 − 0.1 is not
        Assert.Equal([1, 2, 4, 8, 16, 32, 64], trained);
        var cheapest = EqualAccuracy.Cheapest(m)!;
        Assert.Equal("int8", cheapest.Precision); // 12.8 nJ at width 64 against 64 nJ for fp32 at 32
        Assert.Equal(12.8e-9, cheapest.SystemEnergyJoules, 15);
    }

    [Fact]
    public void Matches_TakesTheSmallestReachingWidth_EvenWhenAccuracyIsNotMonotone()
    {
        double[] acc = [0.5, 0.9, 0.7, 0.95];
        int[] widths = [1, 2, 4, 8];
        var m = EqualAccuracy.Matches(0.8, w => [new DigitalMatch(w, "fp32", acc[Array.IndexOf(widths, w)], 0, 0, 1)], widths);
        Assert.Equal(2, Assert.Single(m).Hidden);
    }

    [Fact]
    public void Matches_RejectsBadTargetsAndWidths()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EqualAccuracy.Matches(1.2, One));
        Assert.Throws<ArgumentOutOfRangeException>(() => EqualAccuracy.Matches(double.NaN, One));
        Assert.Throws<ArgumentException>(() => EqualAccuracy.Matches(0.5, One, [4, 2]));
        Assert.Throws<ArgumentException>(() => EqualAccuracy.Matches(0.5, One, [0, 2]));
    }

    [Fact]
    public void Ratio_IsDigitalOverSubstrateSystemEnergy_AndDescribeSaysWhichWay()
    {
        var digital = new DigitalMatch(8, "int8", 0.9, 0.9, 1e-9, 4e-9);
        Assert.Equal(40, EqualAccuracy.Ratio(digital, 1e-10), 9);
        Assert.Equal(0.25, EqualAccuracy.Ratio(digital, 16e-9), 12);
        Assert.Equal("40× more efficient than digital (int8) at equal accuracy", EqualAccuracy.Describe(40, "int8"));
        Assert.Equal("4× less efficient than digital (fp32) at equal accuracy", EqualAccuracy.Describe(0.25, "fp32"));
        Assert.Equal("25,600× less efficient than digital (fp16) at equal accuracy", EqualAccuracy.Describe(1 / 25_600.0, "fp16"));
        Assert.Throws<ArgumentOutOfRangeException>(() => EqualAccuracy.Ratio(digital, 0));
    }
}
