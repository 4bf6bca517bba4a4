using PnnKit.Networks.Reproductions;
using Xunit.Abstractions;

namespace PnnKit.Networks.Tests;

public class MechanicalRegressionTests(ITestOutputHelper output)
{
    [Fact]
    public void PaperLattice_FitsALinearForceToDisplacementMap_InSitu_ToNearZeroError()
    {
        var r = MechanicalRegression.Run(seed: 1, steps: 300);
        output.WriteLine($"regression on the 14-node lattice: MSE {r.TrainMseBefore:G3} → {r.TrainMseAfter:G3} µm² (target variance {r.TargetVariance:G3} µm²; test {r.TestMseAfter:G3}); curve {string.Join(" ", r.Curve.Select(c => $"{c.Step}:{c.RelativeMse:G2}"))}; {r.Equilibria} equilibria");
        Assert.True(r.TrainMseBefore > 0.1 * r.TargetVariance, "the random start should be far from the target map");
        Assert.True(r.TrainMseAfter < 1e-3 * r.TargetVariance, $"relative MSE {r.TrainMseAfter / r.TargetVariance:G3}");
        Assert.True(r.TestMseAfter < 1e-3 * r.TargetVariance, $"test relative MSE {r.TestMseAfter / r.TargetVariance:G3}");
    }

    [Fact]
    public void RegressionGradient_InSitu_EqualsFiniteDifferences()
    {
        var springs = new SpringNetwork(MechanicalIris.Lattice());
        var rng = new PnnKit.Core.Random.Rng(5);
        var theta = Enumerable.Range(0, springs.Graph.EdgeCount).Select(_ => rng.Normal(0, 1)).ToArray();
        double[][] forces = [[0.3, -0.8], [-0.5, 0.2], [0.9, 0.4]];
        double[][] targets = [[0.1, -0.2], [0.05, 0.3], [-0.2, 0.1]];
        var (_, grad) = MechanicalRegression.LossAndGradient(springs, theta, forces, targets);
        var fd = new double[theta.Length];
        for (int j = 0; j < theta.Length; j++)
        {
            const double H = 1e-5;
            var tp = (double[])theta.Clone();
            var tm = (double[])theta.Clone();
            tp[j] += H;
            tm[j] -= H;
            fd[j] = (MechanicalRegression.LossAndGradient(springs, tp, forces, targets).Loss - MechanicalRegression.LossAndGradient(springs, tm, forces, targets).Loss) / (2 * H);
        }
        double err = TestNetworks.RelativeError(grad, fd);
        Assert.True(err < 1e-6, $"relative error {err}");
    }

    [Fact]
    public void MechanicalRegression_RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MechanicalRegression.Run(steps: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MechanicalRegression.Run(samples: 1));
    }
}
