using PnnKit.Networks.Reproductions;
using Xunit.Abstractions;

namespace PnnKit.Networks.Tests;

public class MechanicalRegressionTests(ITestOutputHelper output)
{
    /// <summary>The paper's lattice at a random design, with three input force pairs and their targets.</summary>
    private static (SpringNetwork Springs, double[] Theta, double[][] Forces, double[][] Targets) Fixture()
    {
        var springs = new SpringNetwork(MechanicalIris.Lattice());
        var rng = new PnnKit.Core.Random.Rng(5);
        var theta = Enumerable.Range(0, springs.Graph.EdgeCount).Select(_ => rng.Normal(0, 1)).ToArray();
        return (springs, theta, [[0.3, -0.8], [-0.5, 0.2], [0.9, 0.4]], [[0.1, -0.2], [0.05, 0.3], [-0.2, 0.1]]);
    }

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
        var (springs, theta, forces, targets) = Fixture();
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
        Assert.Equal("sensorNoise", Assert.Throws<ArgumentOutOfRangeException>(() => MechanicalRegression.Run(steps: 1, sensorNoise: -1e-9)).ParamName);
    }

    [Fact]
    public void RegressionGradient_WithSensorNoise_IsUnbiased_AroundTheExactGradient()
    {
        // Independent zero-mean noise on u, e and e′: E[(e + n)(e′ + n′)] = e e′, so the mean of many noisy in-situ
        // gradients must approach the exact one, its spread shrinking as 1/√draws.
        var (springs, theta, forces, targets) = Fixture();
        var exact = MechanicalRegression.LossAndGradient(springs, theta, forces, targets).Gradient;
        var noise = new PnnKit.Core.Random.Rng(9);
        const int Draws = 400;
        double[] Noisy() => MechanicalRegression.LossAndGradient(springs, theta, forces, targets, MechanicalRegression.DefaultSensorNoise, noise).Gradient;
        var one = Noisy();
        var mean = TestNetworks.MeanOf(Draws, Noisy);
        double single = TestNetworks.RelativeError(one, exact), averaged = TestNetworks.RelativeError(mean, exact);
        output.WriteLine($"one noisy gradient: relative error {single:G3}; mean of {Draws}: {averaged:G3}");
        Assert.True(single > 1e-3, $"10 nm readings should perturb one gradient visibly; relative error {single}");
        Assert.True(averaged < 3 * single / Math.Sqrt(Draws), $"mean of {Draws} noisy gradients: relative error {averaged} against one {single}");
    }

    [Fact]
    public void SensorNoise_RaisesTheMseFloor_AndTheIdealRunIsTheFormerOne()
    {
        var noisy = MechanicalRegression.Run(seed: 1, steps: 200);
        var ideal = MechanicalRegression.Run(seed: 1, steps: 200, sensorNoise: 0);
        output.WriteLine($"200 steps: relative training MSE with 10 nm readings {noisy.TrainMseAfter / noisy.TargetVariance:G3}, ideal {ideal.TrainMseAfter / ideal.TargetVariance:G3}");
        // As printed by pnn repro mechanical-regression --quick (ideal: the figure before sensor noise was modelled).
        Assert.Equal(1.73e-4, ideal.TrainMseAfter / ideal.TargetVariance, 0.05e-4);
        Assert.Equal(2.2e-4, noisy.TrainMseAfter / noisy.TargetVariance, 0.1e-4);
    }
}
