using PnnKit.Core.Data;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Tests.Data;

public class ScalerTests
{
    private static Tensor<double> Train() => Tensor<double>.FromArray([1, 10, 5, 2, 20, 5, 3, 30, 5, 4, 40, 5], 4, 3);

    [Fact]
    public void StandardScaler_GivesZeroMeanUnitVariance_OnTrain_AndKeepsConstantFeatureFinite()
    {
        var s = FeatureScaler.FitStandard(Train());
        var y = s.Transform(Train());
        for (int j = 0; j < 2; j++)
        {
            var col = Enumerable.Range(0, 4).Select(i => y[i, j]).ToArray();
            Assert.Equal(0, col.Average(), 12);
            Assert.Equal(1, Math.Sqrt(col.Select(v => v * v).Average()), 12);
        }
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(0, y[i, 2])); // constant feature → 0, not NaN
        Assert.Equal(Train().Data, s.Inverse(y).Data.Select(v => Math.Round(v, 9)).ToArray());
    }

    [Fact]
    public void MinMaxScaler_MapsTrainRangeOntoTarget_AndAppliesSameMapToOthers()
    {
        var s = FeatureScaler.FitMinMax(Train(), -1, 1);
        var y = s.Transform(Train());
        Assert.Equal(-1, y[0, 0], 12);
        Assert.Equal(1, y[3, 1], 12);
        var other = s.Transform(Tensor<double>.FromArray([7, 10, 5], 1, 3));
        Assert.Equal(3, other[0, 0], 12); // −1 + (7 − 1)·2/3: outside the training range, extrapolated, not clipped
    }

    [Fact]
    public void Scaler_RoundTripsThroughJson()
    {
        var s = FeatureScaler.FitMinMax(Train(), 0, 1);
        var back = FeatureScaler.FromJson(s.ToJson());
        Assert.Equal(s.Kind, back.Kind);
        Assert.Equal(s.Center, back.Center);
        Assert.Equal(s.Scale, back.Scale);
        Assert.Equal(s.Transform(Train()).Data, back.Transform(Train()).Data);
    }

    [Fact]
    public void Scaler_NamesSource_WhenJsonIsBroken()
    {
        var ex = Assert.Throws<DataFormatException>(() => FeatureScaler.FromJson("{\"Kind\":\"standard\",\"Center\":[1],\"Scale\":[0],\"Offset\":0}", "model/scaler.json"));
        Assert.StartsWith("model/scaler.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("non-zero scale", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<DataFormatException>(() => FeatureScaler.FromJson("{not json", "s.json"));
        Assert.StartsWith("s.json: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scaler_NamesRowAndColumn_WhenDataHasNaNOrInfinity()
    {
        var bad = Train();
        bad[2, 1] = double.NaN;
        var ex = Assert.Throws<DataFormatException>(() => FeatureScaler.FitStandard(bad, "train.csv"));
        Assert.Equal("train.csv: row 2, column 1 is NaN; expected finite feature values.", ex.Message);
        var s = FeatureScaler.FitStandard(Train());
        var inf = Tensor<float>.FromArray([1, float.PositiveInfinity, 0], 1, 3);
        ex = Assert.Throws<DataFormatException>(() => s.Transform(inf, "test features"));
        Assert.Contains("row 0, column 1 is +Infinity", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scaler_RejectsWrongFeatureCount()
    {
        var s = FeatureScaler.FitStandard(Train());
        Assert.Throws<ArgumentException>(() => s.Transform(new Tensor<double>(2, 4)));
    }
}
