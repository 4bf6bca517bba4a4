using PnnKit.Bench.Reproductions;
using PnnKit.Core.Data;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;

namespace PnnKit.Bench.Tests.Reproductions;

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

    [Fact]
    public void ConstantPowerEncoding_StaysWithinTheUnitCarrier_AtOnePowerPerSample()
    {
        var points = Synthetic.TwoMoons<double>(500, 0.1, new Rng(5));
        var scaled = FeatureScaler.FitMinMax(points.Features, -1, 1).Transform(points);
        var encoded = InSituPhotonic.EncodeConstantPower(scaled);
        for (int i = 0; i < encoded.Count; i++)
        {
            var row = encoded.Features.Row(i);
            Assert.All(row.ToArray(), a => Assert.InRange(Math.Abs(a), 0, 1));
            Assert.Equal(1.0, (row[0] * row[0]) + (row[1] * row[1]) + (row[2] * row[2]), 12);
        }
    }

    [Fact]
    public void Sweep_ChoosesOnValidation_AndReadsTestOnlyAtTheChoice()
    {
        var o = new InSituPhotonicOptions { Samples = 200, DesignEpochs = 5, InSituEpochs = 2, DetectorNoiseLevels = [] };
        var s = InSituPhotonic.Sweep([o, o with { Task = "circles" }], outputGains: [10, 60], learningRates: [0.02]);
        Assert.Equal(2, s.Grid.Count);
        var best = s.Grid.First(p => p.MeanValidationAccuracy == s.Grid.Max(q => q.MeanValidationAccuracy));
        Assert.Equal(best, s.Chosen);
        Assert.Equal(["moons", "circles"], s.Runs.Select(r => r.Task));
        Assert.All(s.Runs, r => Assert.Equal(best.OutputGain, r.OutputGain));
        Assert.Equal(best.ValidationAccuracies, s.Runs.Select(r => r.ValidationAccuracy));
        Assert.Equal(new SplitSizes(80, 20, 100), s.Runs[0].Splits);
    }

    [Fact]
    public void InputDacBits_ChangeTheFigures()
    {
        var o = new InSituPhotonicOptions { Samples = 200, DesignEpochs = 5, InSituEpochs = 2, DetectorNoiseLevels = [] };
        var coarse = InSituPhotonic.Run(o with { InputDacBits = 2 });
        var ideal = InSituPhotonic.Run(o with { InputDacBits = 0 });
        Assert.NotEqual(ideal.ValidationAccuracy + ideal.DesignAccuracy + ideal.RecoveredAccuracy, coarse.ValidationAccuracy + coarse.DesignAccuracy + coarse.RecoveredAccuracy);
    }

    [Theory]
    [InlineData(nameof(InSituPhotonicOptions.Task))]
    [InlineData(nameof(InSituPhotonicOptions.Samples))]
    [InlineData(nameof(InSituPhotonicOptions.TaskNoise))]
    [InlineData(nameof(InSituPhotonicOptions.DetectorNoiseLevels))]
    [InlineData(nameof(InSituPhotonicOptions.ValidationFraction))]
    [InlineData(nameof(InSituPhotonicOptions.OutputGain))]
    [InlineData(nameof(InSituPhotonicOptions.InputDacBits))]
    public void BadSetting_IsRefused_NamingIt(string setting)
    {
        var bad = setting switch
        {
            nameof(InSituPhotonicOptions.Task) => new InSituPhotonicOptions { Task = "spirals" },
            nameof(InSituPhotonicOptions.Samples) => new InSituPhotonicOptions { Samples = 4 },
            nameof(InSituPhotonicOptions.DetectorNoiseLevels) => new InSituPhotonicOptions { DetectorNoiseLevels = [1, -10] },
            nameof(InSituPhotonicOptions.ValidationFraction) => new InSituPhotonicOptions { ValidationFraction = 0.6 },
            nameof(InSituPhotonicOptions.OutputGain) => new InSituPhotonicOptions { InSituLearningRate = -1 },
            nameof(InSituPhotonicOptions.InputDacBits) => new InSituPhotonicOptions { InputDacBits = 40 },
            _ => new InSituPhotonicOptions { TaskNoise = double.NaN },
        };
        var ex = Assert.ThrowsAny<ArgumentException>(bad.Validate);
        Assert.Equal(setting, ex.ParamName);
    }

    [Fact]
    public void Reproduction_RefusesReadingsAndSweepOnAServedChip_AndUnknownReadings_BeforeTraining()
    {
        var reproduction = new InSituPhotonicReproduction();
        var chip = new UnusedChip();
        var served = new ReproContext(null) { ConnectChip = () => chip };
        foreach (var args in new[] { new ReproArgs(("quick", null), ("readings", "noise-free")), new ReproArgs(("quick", null), ("sweep", null)) })
        {
            var e = Assert.Throws<ArgumentException>(() => reproduction.Run(args, served));
            Assert.Equal("pnn repro insitu-photonic: a served chip (--device) reads as its device file says; --readings and --sweep apply to the chip in process.", e.Message);
        }
        Assert.True(chip.Disposed);
        var bad = Assert.Throws<ArgumentException>(() => reproduction.Run(new ReproArgs(("readings", "loud")), new ReproContext(null)));
        Assert.Equal("pnn repro insitu-photonic: --readings must be measured or noise-free, got 'loud'.", bad.Message);
    }
}

/// <summary>A served chip that must not be measured: the refusals come before any query.</summary>
internal sealed class UnusedChip : IServedChip
{
    public bool Disposed { get; private set; }

    public PnnKit.Core.Physical.IGradientSystem<double> Mesh(int layer) => throw new InvalidOperationException("the chip was measured");

    public string Summary() => "unused chip";

    public void Dispose() => Disposed = true;
}
