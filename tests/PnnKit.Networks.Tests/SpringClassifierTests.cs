using PnnKit.Networks.Reproductions;
using Xunit.Abstractions;

namespace PnnKit.Networks.Tests;

/// <summary>The spring-lattice classifier's in-situ gradient (adjoint forces, measured elongations), ideal and through sensor noise.</summary>
public class SpringClassifierTests(ITestOutputHelper output)
{
    private static (double[] X, int[] Y) Batch()
    {
        var d = MechanicalIris.Iris(1);
        return (d.X[..(5 * 12)], d.Y[..12]);
    }

    [Fact]
    public void InSituGradient_WithIdealReadings_EqualsFiniteDifferences()
    {
        var (x, y) = Batch();
        var model = MechanicalIris.Classifier(2, sensorNoise: 0);
        var (_, grad) = model.LossAndGradient(x, y);
        var fd = new double[grad.Length];
        for (int j = 0; j < grad.Length; j++)
        {
            const double H = 1e-5;
            fd[j] = (Shifted(model, j, H).LossAndGradient(x, y).Loss - Shifted(model, j, -H).LossAndGradient(x, y).Loss) / (2 * H);
        }
        double err = TestNetworks.RelativeError(grad, fd);
        Assert.True(err < 1e-6, $"relative error {err}");
    }

    // A copy with design variable j moved by h.
    private static SpringClassifier Shifted(SpringClassifier model, int j, double h)
    {
        var c = model.Clone();
        c.MoveTheta(j, h);
        return c;
    }

    [Fact]
    public void InSituGradient_ThroughSensorNoise_ScattersAroundTheIdealOne()
    {
        var (x, y) = Batch();
        var exact = MechanicalIris.Classifier(2, sensorNoise: 0).LossAndGradient(x, y).Gradient;
        var noisy = MechanicalIris.Classifier(2);
        Assert.Equal(MechanicalRegression.DefaultSensorNoise, noisy.SensorNoise);
        const int Draws = 200;
        var one = noisy.LossAndGradient(x, y).Gradient;
        var mean = TestNetworks.MeanOf(Draws, () => noisy.LossAndGradient(x, y).Gradient);
        double single = TestNetworks.RelativeError(one, exact), averaged = TestNetworks.RelativeError(mean, exact);
        output.WriteLine($"one noisy classifier gradient: relative error {single:G3}; mean of {Draws}: {averaged:G3}");
        Assert.True(single > 1e-3, $"10 nm readings should perturb one gradient visibly; relative error {single}");
        // Noise in the logits enters the softmax nonlinearly (a bias of order σ²), so the mean converges to within a few standard errors.
        Assert.True(averaged < 4 * single / Math.Sqrt(Draws), $"mean of {Draws} noisy gradients: relative error {averaged} against one {single}");
        Assert.Equal("SensorNoise", Assert.Throws<ArgumentOutOfRangeException>(() => MechanicalIris.Classifier(2, sensorNoise: double.NaN)).ParamName);
    }
}
