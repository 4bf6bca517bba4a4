using PnnKit.Core.Data;
using Xunit;

namespace PnnKit.Core.Tests.Data;

public class LoadSplitsTests
{
    [Fact]
    public void LoadSplits_HoldsValidationOutOfTrain_AndKeepsThePublishedTest()
    {
        var (train, test) = DataCatalog.LoadTrainTest<float>("mnist-subset");
        var s = DataCatalog.LoadSplits<float>("mnist-subset", 0.1, seed: 3);
        Assert.Equal(new SplitSizes(train.Count - 800, 800, test.Count), s.Sizes);
        Assert.Equal(test.Labels, s.Test.Labels);
        Assert.Equal(DataCatalog.LoadSplits<float>("mnist-subset", 0.1, seed: 3).Validation.Labels, s.Validation.Labels);
        Assert.NotEqual(DataCatalog.LoadSplits<float>("mnist-subset", 0.1, seed: 4).Validation.Labels, s.Validation.Labels);
        Assert.Equal($"{train.Count - 800:N0} train / 800 validation / {test.Count:N0} test", s.Sizes.ToString());
    }
}
