using PnnKit.Core.Data;

namespace PnnKit.Core.Tests.Data;

public class SampleStatisticsTests
{
    [Fact]
    public void MeanStd_IsTheMeanAndTheSampleStandardDeviation()
    {
        // 1, 2, 3, 4: mean 2.5, squared deviations sum to 5, over n − 1 = 3.
        var (mean, std) = SampleStatistics.MeanStd([1.0, 2.0, 3.0, 4.0]);
        Assert.Equal(2.5, mean, 15);
        Assert.Equal(Math.Sqrt(5.0 / 3.0), std, 15);
        Assert.Equal((0.7, 0.0), SampleStatistics.MeanStd([0.7]));
        Assert.Throws<ArgumentException>(() => SampleStatistics.MeanStd([]));
    }
}
