using PnnKit.Bench.Repro;
using PnnKit.Core.Data;
using PnnKit.Core.Random;

namespace PnnKit.Bench.Tests.Repro;

public class InSituPhotonicTests
{
    [Fact]
    public void RingRule_ScoresOne_OnNoiseFreeRings_AndLess_WithRadiusNoise()
    {
        Assert.Equal(1.0, InSituPhotonic.RingRuleAccuracy(Synthetic.Rings<double>(2000, 0, new Rng(3))));
        double noisy = InSituPhotonic.RingRuleAccuracy(Synthetic.Rings<double>(20_000, 0.05, new Rng(3)));
        // The expected ceiling at 0.05 is 92.5 % (the flip probability integrated over both boundaries).
        Assert.InRange(noisy, 0.915, 0.935);
    }

    [Theory]
    [InlineData(nameof(InSituPhotonicOptions.Task))]
    [InlineData(nameof(InSituPhotonicOptions.Samples))]
    [InlineData(nameof(InSituPhotonicOptions.TaskNoise))]
    [InlineData(nameof(InSituPhotonicOptions.DetectorNoiseLevels))]
    public void BadSetting_IsRefused_NamingIt(string setting)
    {
        var bad = setting switch
        {
            nameof(InSituPhotonicOptions.Task) => new InSituPhotonicOptions { Task = "spirals" },
            nameof(InSituPhotonicOptions.Samples) => new InSituPhotonicOptions { Samples = 4 },
            nameof(InSituPhotonicOptions.DetectorNoiseLevels) => new InSituPhotonicOptions { DetectorNoiseLevels = [1, -10] },
            _ => new InSituPhotonicOptions { TaskNoise = double.NaN },
        };
        var ex = Assert.ThrowsAny<ArgumentException>(bad.Validate);
        Assert.Equal(setting, ex.ParamName);
    }
}
