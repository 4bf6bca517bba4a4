using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Reproductions;

namespace PnnKit.Memristive.Tests.Reproductions;

public class MemristorReproOptionsTests
{
    [Theory]
    [InlineData(nameof(MemristorHybridOptions.HybridDataFraction))]
    [InlineData(nameof(MemristorHybridOptions.HybridLearningRate))]
    [InlineData(nameof(MemristorHybridOptions.UpdateThreshold))]
    [InlineData(nameof(MemristorHybridOptions.SoftwareEpochs))]
    [InlineData(nameof(MemristorHybridOptions.Hidden))]
    [InlineData("StuckOffRate")]
    public void HybridOptions_BadSetting_IsRefused_NamingIt(string setting)
    {
        var good = new MemristorHybridOptions();
        good.Validate();
        var bad = setting switch
        {
            nameof(MemristorHybridOptions.HybridDataFraction) => good with { HybridDataFraction = 0 },
            nameof(MemristorHybridOptions.HybridLearningRate) => good with { HybridLearningRate = double.NaN },
            nameof(MemristorHybridOptions.UpdateThreshold) => good with { UpdateThreshold = -0.1 },
            nameof(MemristorHybridOptions.SoftwareEpochs) => good with { SoftwareEpochs = 0 },
            nameof(MemristorHybridOptions.Hidden) => good with { Hidden = [64, 0] },
            _ => good with { Variation = new DeviceVariation { StuckOnRate = 0.6, StuckOffRate = 0.6 } },
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(bad.Validate);
        Assert.Equal(setting, ex.ParamName);
    }

    [Fact]
    public void AdcSweep_WithoutResolutions_IsRefused() =>
        Assert.Throws<ArgumentException>(() => MemristorAdcSweep.Run(new MemristorAdcSweepOptions { AdcBits = [] }));

    [Fact]
    public void Pulsed_WithANonPositiveLearningRate_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MemristorPulsed.Run(new MemristorPulsedOptions { LearningRate = 0 }));
}
