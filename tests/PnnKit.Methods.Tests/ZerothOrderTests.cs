using PnnKit.Core.Random;
using PnnKit.Methods;

namespace PnnKit.Methods.Tests;

public class ZerothOrderTests
{
    // f(θ) = ½ θᵀAθ + bᵀθ with a fixed symmetric A.
    private static readonly double[,] A = { { 3, 1, 0, 0.5 }, { 1, 2, 0.3, 0 }, { 0, 0.3, 4, 1 }, { 0.5, 0, 1, 1 } };
    private static readonly double[] B = [1, -2, 0.5, 3];

    private static double F(double[] t)
    {
        double s = 0;
        for (int i = 0; i < 4; i++)
        {
            s += B[i] * t[i];
            for (int j = 0; j < 4; j++)
            {
                s += 0.5 * t[i] * A[i, j] * t[j];
            }
        }
        return s;
    }

    private static double[] Grad(double[] t) => [.. Enumerable.Range(0, 4).Select(i => B[i] + Enumerable.Range(0, 4).Sum(j => A[i, j] * t[j]))];

    [Fact]
    public void Spsa_IsAnUnbiasedGradientEstimate_UsingTwoEvaluations()
    {
        double[] theta = [0.3, -1, 2, 0.7];
        var truth = Grad(theta);
        var rng = new Rng(5);
        const int n = 40_000;
        var mean = new double[4];
        for (int s = 0; s < n; s++)
        {
            var (g, evals) = ZerothOrder.Spsa(F, theta, 0.1, rng);
            Assert.Equal(2, evals);
            for (int i = 0; i < 4; i++)
            {
                mean[i] += g[i] / n;
            }
        }
        for (int i = 0; i < 4; i++)
        {
            // Var ĝᵢ = Σ_{j≠i} (∂ⱼf)²; allow five standard errors.
            double sigma = Math.Sqrt(Enumerable.Range(0, 4).Where(j => j != i).Sum(j => truth[j] * truth[j]) / n);
            Assert.InRange(mean[i], truth[i] - (5 * sigma), truth[i] + (5 * sigma));
        }
    }

    [Fact]
    public void FiniteDifferences_AreExactForAQuadratic_AndCountTwoEvaluationsPerCoordinate()
    {
        double[] theta = [1, 2, -3, 0.5];
        var (g, evals) = ZerothOrder.FiniteDifferences(F, theta, 1e-3);
        Assert.Equal(8, evals);
        var truth = Grad(theta);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(truth[i], g[i], 8);
        }
    }

    [Fact]
    public void PerturbationSize_MustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ZerothOrder.Spsa(F, new double[4], 0, new Rng(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ZerothOrder.FiniteDifferences(F, new double[4], double.NaN));
    }
}
