using PnnKit.Bench.Repro;

namespace PnnKit.Bench.Tests.Repro;

public class ReproOptionsValidationTests
{
    [Fact]
    public void SpsaCrossbar_BadSettings_AreRefused_NamingThem()
    {
        Assert.Equal("Steps", Assert.Throws<ArgumentOutOfRangeException>(() => SpsaCrossbar.Run(new SpsaCrossbarOptions { Steps = 0 })).ParamName);
        Assert.Equal("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => SpsaCrossbar.Run(new SpsaCrossbarOptions { Perturbation = -1 })).ParamName);
    }
}
