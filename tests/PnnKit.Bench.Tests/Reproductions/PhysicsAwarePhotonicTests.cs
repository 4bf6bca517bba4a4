using PnnKit.Bench.Reproductions;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Bench.Tests.Reproductions;

public class PhysicsAwarePhotonicTests
{
    [Fact]
    public void OnAChipWithoutErrors_PhysicsAwareAndInSitu_MatchInSilicoTraining()
    {
        // A perfect twin makes physics-aware training backprop; a lossless, crosstalk-free chip makes the
        // in-situ gradients exact when read without noise. All three then train the same network the same way.
        var same = new PhotonicTrainingSettings(10, 0.05);
        var r = PhysicsAwarePhotonic.Run(new PhysicsAwarePhotonicOptions
        {
            Points = 200,
            Epochs = 5,
            Variation = MeshVariation.None,
            InSitu = InSituOptions.NoiseFree,
            DetectorNoiseLevels = [],
            InSilicoSettings = same,
            PhysicsAwareSettings = same,
            InSituSettings = same,
        });
        Assert.Equal(r.InSilicoOnModel, r.InSilicoOnChip);
        Assert.Equal(r.InSilicoOnChip, r.PhysicsAwareOnChip, 2);
        Assert.Equal(r.PhysicsAwareOnChip, r.PhysicsAwareOnModel);
        Assert.Equal(r.InSilicoOnChip, r.InSituOnChip, 2);
        Assert.True(r.InSilicoOnModel > 0.75, $"in silico {r.InSilicoOnModel:P1}");
    }

    [Fact]
    public void InputDacBits_QuantizeAndClipTheInputModulators_ChangingTheFigures()
    {
        // 8-bit DACs (the default) barely move a 100-point run; a 1-bit DAC (±1 only) must move every method.
        var o = new PhysicsAwarePhotonicOptions { Points = 100, Epochs = 3, Layers = 2, DetectorNoiseLevels = [] };
        var ideal = PhysicsAwarePhotonic.Run(o with { InputDacBits = 0 });
        var coarse = PhysicsAwarePhotonic.Run(o with { InputDacBits = 1 });
        Assert.NotEqual((ideal.InSilicoOnModel, ideal.PhysicsAwareOnChip, ideal.InSituOnChip), (coarse.InSilicoOnModel, coarse.PhysicsAwareOnChip, coarse.InSituOnChip));
        Assert.Equal("InputDacBits", Assert.Throws<ArgumentOutOfRangeException>(() => PhysicsAwarePhotonic.Run(o with { InputDacBits = 17 })).ParamName);
    }

    [Fact]
    public void QueriesCount_EveryTrainingExampleOnEveryLayer_OncePerEpoch()
    {
        var o = new PhysicsAwarePhotonicOptions { Points = 100, Epochs = 2, Layers = 2 };
        var r = PhysicsAwarePhotonic.Run(o);
        Assert.Equal((long)o.Epochs * r.Splits.Train * o.Layers, r.PhysicsAwareQueries);
        // In situ: forward, backward, interference and time-reversed passes per example per mesh.
        Assert.Equal(4L * o.Epochs * r.Splits.Train * o.Layers, r.InSituOpticalPasses);
    }

    [Fact]
    public void Sweep_ChoosesEachMethodOnValidation_AndRunsAtThoseChoices()
    {
        var o = new PhysicsAwarePhotonicOptions { Points = 200, Epochs = 3, DetectorNoiseLevels = [] };
        var s = PhysicsAwarePhotonic.Sweep(o, outputGains: [10, 25], learningRates: [0.05]);
        Assert.Equal(PhysicsAwarePhotonic.Methods.Length * 2, s.Grid.Count);
        // Each method's chosen settings are its best validation point (the first on a tie), and the run reports that validation accuracy.
        var chosen = new[] { s.Chosen.InSilicoSettings, s.Chosen.PhysicsAwareSettings, s.Chosen.InSituSettings };
        var validation = new[] { s.Chosen.InSilicoValidation, s.Chosen.PhysicsAwareValidation, s.Chosen.InSituValidation };
        for (int m = 0; m < chosen.Length; m++)
        {
            var points = s.Grid.Where(p => p.Method == PhysicsAwarePhotonic.Methods[m]).ToList();
            var best = points.First(p => p.ValidationAccuracy == points.Max(q => q.ValidationAccuracy));
            Assert.Equal((best.OutputGain, best.LearningRate), (chosen[m].OutputGain, chosen[m].LearningRate));
            Assert.Equal(best.ValidationAccuracy, validation[m]);
        }
        Assert.Equal((80, 20, 100), (s.Chosen.Splits.Train, s.Chosen.Splits.Validation, s.Chosen.Splits.Test));
    }

    [Fact]
    public void BadSettings_AreRefused_NamingThem()
    {
        Assert.Equal("Epochs", Assert.Throws<ArgumentOutOfRangeException>(() => PhysicsAwarePhotonic.Run(new PhysicsAwarePhotonicOptions { Epochs = 0 })).ParamName);
        Assert.Equal("InSituSettings", Assert.Throws<ArgumentOutOfRangeException>(() => PhysicsAwarePhotonic.Run(new PhysicsAwarePhotonicOptions { InSituSettings = new(10, double.NaN) })).ParamName);
        Assert.Equal("InSilicoSettings", Assert.Throws<ArgumentOutOfRangeException>(() => PhysicsAwarePhotonic.Run(new PhysicsAwarePhotonicOptions { InSilicoSettings = new(0, 0.05) })).ParamName);
        Assert.Equal("DetectorNoiseLevels", Assert.Throws<ArgumentOutOfRangeException>(() => PhysicsAwarePhotonic.Run(new PhysicsAwarePhotonicOptions { DetectorNoiseLevels = [double.PositiveInfinity] })).ParamName);
    }
}
