using PnnKit.Bench.Repro;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Bench.Tests.Repro;

public class PhysicsAwarePhotonicTests
{
    [Fact]
    public void OnAChipWithoutErrors_PhysicsAwareAndInSitu_MatchInSilicoTraining()
    {
        // A perfect twin makes physics-aware training backprop; a lossless, crosstalk-free chip makes the
        // in-situ gradients exact when read without noise. All three then train the same network the same way.
        var r = PhysicsAwarePhotonic.Run(new PhysicsAwarePhotonicOptions { Points = 200, Epochs = 5, Variation = MeshVariation.None, InSitu = InSituOptions.NoiseFree, DetectorNoiseLevels = [] });
        Assert.Equal(r.InSilicoOnModel, r.InSilicoOnChip);
        Assert.Equal(r.InSilicoOnChip, r.PhysicsAwareOnChip, 2);
        Assert.Equal(r.PhysicsAwareOnChip, r.PhysicsAwareOnModel);
        Assert.Equal(r.InSilicoOnChip, r.InSituOnChip, 2);
        Assert.True(r.InSilicoOnModel > 0.75, $"in silico {r.InSilicoOnModel:P1}");
    }

    [Fact]
    public void QueriesCount_EveryTrainingExampleOnEveryLayer_OncePerEpoch()
    {
        var o = new PhysicsAwarePhotonicOptions { Points = 100, Epochs = 2, Layers = 2 };
        var r = PhysicsAwarePhotonic.Run(o);
        Assert.Equal((long)o.Epochs * r.TrainCount * o.Layers, r.PhysicsAwareQueries);
        // In situ: forward, backward, interference and time-reversed passes per example per mesh.
        Assert.Equal(4L * o.Epochs * r.TrainCount * o.Layers, r.InSituOpticalPasses);
    }

    [Fact]
    public void BadSettings_AreRefused_NamingThem()
    {
        Assert.Equal("Epochs", Assert.Throws<ArgumentOutOfRangeException>(() => PhysicsAwarePhotonic.Run(new PhysicsAwarePhotonicOptions { Epochs = 0 })).ParamName);
        Assert.Equal("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => PhysicsAwarePhotonic.Run(new PhysicsAwarePhotonicOptions { LearningRate = double.NaN })).ParamName);
        Assert.Equal("DetectorNoiseLevels", Assert.Throws<ArgumentOutOfRangeException>(() => PhysicsAwarePhotonic.Run(new PhysicsAwarePhotonicOptions { DetectorNoiseLevels = [double.PositiveInfinity] })).ParamName);
    }
}
