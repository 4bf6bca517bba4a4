using CsCheck;
using PnnKit.Core.Data;

namespace PnnKit.Core.Tests.Data;

public class SplitsTests
{
    [Fact]
    public void Splits_ArePartitions_WithExactSizes_ForAnyLabelsAndFractions()
    {
        var gen = from n in Gen.Int[0, 300]
                  from classes in Gen.Int[1, 6]
                  from labels in Gen.Int[0, classes - 1].Array[n]
                  from fv in Gen.Double[0, 0.5]
                  from ft in Gen.Double[0, 0.5]
                  from stratified in Gen.Bool
                  from seed in Gen.ULong
                  select (n, labels, fv, ft, stratified, seed);
        gen.Sample(t =>
        {
            var parts = Splits.Indices(t.n, t.stratified ? t.labels : null, [t.fv, t.ft], t.seed);
            var all = parts.SelectMany(p => p).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, t.n), all); // every row exactly once
            int validation = (int)Math.Round(t.n * t.fv, MidpointRounding.AwayFromZero);
            Assert.Equal(validation, parts[1].Length);
            // Rounded sizes can sum past n only at fv = ft = 0.5 with n odd: the test part then gets the rest.
            Assert.Equal(Math.Min((int)Math.Round(t.n * t.ft, MidpointRounding.AwayFromZero), t.n - validation), parts[2].Length);
            Assert.All(parts, p => Assert.Equal(p.Order(), p)); // original order kept
            Assert.Equal(parts, Splits.Indices(t.n, t.stratified ? t.labels : null, [t.fv, t.ft], t.seed));
        }, iter: 300);
    }

    [Fact]
    public void HalfAndHalfOfAnOddCount_GivesTheTestPartWhatIsLeft()
    {
        // round(3·½) = 2 twice would need four rows: validation keeps its 2, test gets the 1 left.
        var parts = Splits.Indices(3, null, [0.5, 0.5], seed: 1);
        Assert.Equal((0, 2, 1), (parts[0].Length, parts[1].Length, parts[2].Length));
    }

    [Fact]
    public void StratifiedSplit_KeepsClassProportions()
    {
        var labels = Enumerable.Range(0, 1000).Select(i => i < 900 ? 0 : 1).ToArray();
        var parts = Splits.Indices(1000, labels, [0.1, 0.2], seed: 42);
        Assert.Equal(20, parts[2].Count(i => labels[i] == 1)); // 20% of the 100 minority rows
        Assert.Equal(180, parts[2].Count(i => labels[i] == 0));
        Assert.Equal(10, parts[1].Count(i => labels[i] == 1));
    }

    [Fact]
    public void Split_DependsOnSeed()
    {
        var a = Splits.Indices(100, null, [0.3], seed: 1);
        var b = Splits.Indices(100, null, [0.3], seed: 2);
        Assert.NotEqual(a[1], b[1]);
    }

    [Fact]
    public void TrainValidationTest_SplitsADataset_AndNamesParts()
    {
        var iris = BundledData.Iris<float>();
        var s = Splits.TrainValidationTest(iris, 0.2, 0.2, seed: 3);
        Assert.Equal((90, 30, 30), (s.Train.Count, s.Validation.Count, s.Test.Count));
        Assert.Equal("iris-test", s.Test.Name);
        Assert.All(new[] { s.Train, s.Validation, s.Test }, d => Assert.Equal(3, d.Labels!.Distinct().Count()));
        Assert.Equal(10, s.Test.Labels!.Count(y => y == 2));
    }

    [Fact]
    public void Split_RejectsFractionsSummingAboveOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Splits.Indices(10, null, [0.6, 0.6], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Splits.Indices(10, null, [-0.1], 0));
    }
}
