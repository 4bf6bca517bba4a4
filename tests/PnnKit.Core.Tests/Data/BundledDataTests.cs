using PnnKit.Core.Data;

namespace PnnKit.Core.Tests.Data;

public class BundledDataTests
{
    [Fact]
    public void Iris_Has150Rows_50PerSpecies_InClassicOrder()
    {
        var iris = BundledData.Iris<double>();
        Assert.Equal(150, iris.Count);
        Assert.Equal(4, iris.FeatureCount);
        Assert.Equal(3, iris.ClassCount);
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(50, iris.Labels!.Count(y => y == c));
            Assert.All(iris.Labels!.Skip(50 * c).Take(50), y => Assert.Equal(c, y));
        }
        Assert.Equal([5.1, 3.5, 1.4, 0.2], iris.Features.Row(0).ToArray());
        Assert.Equal([5.9, 3.0, 5.1, 1.8], iris.Features.Row(149).ToArray());
        // Fisher's values where the UCI file has transcription errors (SOURCE.md).
        Assert.Equal([4.9, 3.1, 1.5, 0.2], iris.Features.Row(34).ToArray());
        Assert.Equal([4.9, 3.6, 1.4, 0.1], iris.Features.Row(37).ToArray());
    }

    [Fact]
    public void IrisParser_NamesLineAndField_WhenValueIsNotANumber()
    {
        var csv = "sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,setosa\n5.0,NaN,1.4,0.2,setosa\n";
        var ex = Assert.Throws<DataFormatException>(() => BundledData.ParseIris<float>(new StringReader(csv), "my.csv"));
        Assert.Equal("my.csv: line 3, field 2 is \"NaN\"; expected a finite number (cm).", ex.Message);
        csv = "sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,rose\n";
        ex = Assert.Throws<DataFormatException>(() => BundledData.ParseIris<float>(new StringReader(csv), "my.csv"));
        Assert.Contains("field 5 is \"rose\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MnistSubset_Splits8000Train2000Test_StratifiedPerDigit()
    {
        var train = BundledData.MnistSubset<float>(DataPart.Train);
        var test = BundledData.MnistSubset<float>(DataPart.Test);
        Assert.Equal((8000, 784), (train.Count, train.FeatureCount));
        Assert.Equal((2000, 784), (test.Count, test.FeatureCount));
        // Per-digit test counts documented in data/mnist-subset/SOURCE.md.
        int[] testPerDigit = [200, 225, 198, 206, 196, 173, 203, 214, 189, 196];
        int[] packagePerDigit = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
        for (int d = 0; d < 10; d++)
        {
            Assert.Equal(testPerDigit[d], test.Labels!.Count(y => y == d));
            Assert.Equal(packagePerDigit[d] - testPerDigit[d], train.Labels!.Count(y => y == d));
        }
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], train.Labels![..10]); // interleaved order
        Assert.All(train.Features.Data, v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(1f, train.Features.Data.Max());
    }

    [Fact]
    public void MnistSubset_All_IsTrainThenTest()
    {
        var all = BundledData.MnistSubset<float>(DataPart.All);
        var test = BundledData.MnistSubset<float>(DataPart.Test);
        Assert.Equal(10_000, all.Count);
        Assert.Equal(test.Features.Row(0).ToArray(), all.Features.Row(8000).ToArray());
    }

    [Fact]
    public void BundledResources_AreEmbeddedInCore()
    {
        Assert.Equal(5, BundledData.ResourceNames().Count);
        var ex = Assert.Throws<DataFormatException>(() => BundledData.Open("PnnKit.Data/nope"));
        Assert.Contains("PnnKit.Data/nope", ex.Message, StringComparison.Ordinal);
    }
}
