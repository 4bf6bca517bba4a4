using PnnKit.Networks.Reproductions;
using Xunit.Abstractions;

namespace PnnKit.Networks.Tests;

public class MechanicalRegressionTests(ITestOutputHelper output)
{
    [Fact]
    public void PaperLattice_FitsALinearForceToDisplacementMap_InSitu_ToNearZeroError()
    {
        var r = MechanicalRegression.Run(seed: 1, steps: 400);
        output.WriteLine($"regression on the 14-node lattice: MSE {r.TrainMseBefore:G3} → {r.TrainMseAfter:G3} µm² (target variance {r.TargetVariance:G3} µm²; test {r.TestMseAfter:G3}); curve {string.Join(" ", r.Curve.Select(c => $"{c.Step}:{c.RelativeMse:G2}"))}; {r.Equilibria} equilibria");
        Assert.True(r.TrainMseBefore > 0.1 * r.TargetVariance, "the random start should be far from the target map");
        Assert.True(r.TrainMseAfter < 1e-3 * r.TargetVariance, $"relative MSE {r.TrainMseAfter / r.TargetVariance:G3}");
        Assert.True(r.TestMseAfter < 1e-3 * r.TargetVariance, $"test relative MSE {r.TestMseAfter / r.TargetVariance:G3}");
    }

    [Fact]
    public void MechanicalRegression_RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MechanicalRegression.Run(steps: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MechanicalRegression.Run(samples: 1));
    }
}
