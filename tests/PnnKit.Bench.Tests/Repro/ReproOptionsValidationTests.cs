using PnnKit.Bench.Repro;

namespace PnnKit.Bench.Tests.Repro;

public class ReproOptionsValidationTests
{
    [Fact]
    public void FeedbackAlignment_BadSettings_AreRefused_NamingThem()
    {
        Assert.Equal("Hidden", Assert.Throws<ArgumentOutOfRangeException>(() => FeedbackAlignmentMnist.Run(new FeedbackAlignmentOptions { Hidden = [0] })).ParamName);
        Assert.Equal("Epochs", Assert.Throws<ArgumentOutOfRangeException>(() => FeedbackAlignmentMnist.Run(new FeedbackAlignmentOptions { Instances = 0 })).ParamName);
    }
}
