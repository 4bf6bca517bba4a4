using PnnKit.Core.Random;
using PnnKit.Methods;

namespace PnnKit.Methods.Tests;

public class PerturbationTests
{
    // f(θ) = ½ θᵀAθ + bᵀθ + ¼ Σ θᵢ⁴/10: smooth, with a quartic term so that the O(σ²) bias is not zero by construction.
    private static readonly double[,] A = { { 3, 1, 0, 0.5 }, { 1, 2, 0.3, 0 }, { 0, 0.3, 4, 1 }, { 0.5, 0, 1, 1 } };
    private static readonly double[] B = [1, -2, 0.5, 3];

    private static double F(double[] t)
    {
        double s = 0;
        for (int i = 0; i < 4; i++)
        {
            s += (B[i] * t[i]) + (0.025 * Math.Pow(t[i], 4));
            for (int j = 0; j < 4; j++)
            {
                s += 0.5 * t[i] * A[i, j] * t[j];
            }
        }
        return s;
    }

    private static double[] Grad(double[] t) => [.. Enumerable.Range(0, 4).Select(i => B[i] + (0.1 * Math.Pow(t[i], 3)) + Enumerable.Range(0, 4).Sum(j => A[i, j] * t[j]))];

    [Fact]
    public void WeightPerturbation_IsAnUnbiasedGradientEstimate_UsingTwoEvaluations()
    {
        double[] theta = [0.3, -1, 2, 0.7];
        var truth = Grad(theta);
        var rng = new Rng(11);
        const int n = 100_000;
        const double sigma = 0.01;
        var mean = new double[4];
        var sq = new double[4];
        for (int s = 0; s < n; s++)
        {
            var (g, evals) = ZerothOrder.WeightPerturbation(F, theta, sigma, rng);
            Assert.Equal(2, evals);
            for (int i = 0; i < 4; i++)
            {
                mean[i] += g[i] / n;
                sq[i] += g[i] * g[i] / n;
            }
        }
        for (int i = 0; i < 4; i++)
        {
            // Five standard errors of the sample mean; the O(σ²) bias (1e-4 relative) is far below that.
            double se = Math.Sqrt((sq[i] - (mean[i] * mean[i])) / n);
            Assert.InRange(mean[i], truth[i] - (5 * se), truth[i] + (5 * se));
        }
    }

    [Fact]
    public void WeightPerturbation_UpdateMatchesTheHandComputedFormula()
    {
        double[] theta = [1, 2, -3, 0.5];
        var queried = new List<double[]>();
        double Recording(double[] t)
        {
            queried.Add((double[])t.Clone());
            return F(t);
        }
        const double sigma = 0.2;
        var (g, evals) = ZerothOrder.WeightPerturbation(Recording, theta, sigma, new Rng(3));
        Assert.Equal(2, evals);
        Assert.Equal(2, queried.Count);
        Assert.Equal(theta, queried[0]);
        // ĝ = (f(θ + ψ) − f(θ)) ψ / σ², with ψ read back from the second query.
        var psi = queried[1].Zip(theta, (p, t) => p - t).ToArray();
        double scale = (F(queried[1]) - F(theta)) / (sigma * sigma);
        for (int i = 0; i < 4; i++)
        {
            Assert.NotEqual(0, psi[i]);
            Assert.Equal(scale * psi[i], g[i], 12);
        }
    }

    // A linear layer s = W x feeding a smooth loss L(s) = Σ_j (s_j − y_j)² / 2 + 0.1 Σ_j s_j⁴/4: ∂L/∂W = (∂L/∂s) xᵀ.
    private static readonly double[] X = [0.5, -1.5, 2];
    private static readonly double[] Y = [1, 0, -1];
    private static readonly double[] W = [0.2, -0.1, 0.4, 1, 0.3, -0.5, -0.7, 0.2, 0.1];

    private static double[] Nodes(double[] offsets) =>
        [.. Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, 3).Sum(i => W[(j * 3) + i] * X[i]) + offsets[j])];

    private static double LossOfNodes(double[] s) => Enumerable.Range(0, 3).Sum(j => (0.5 * (s[j] - Y[j]) * (s[j] - Y[j])) + (0.025 * Math.Pow(s[j], 4)));

    [Fact]
    public void NodePerturbation_GivesAnUnbiasedWeightGradient_FromTheLayerInput()
    {
        var s0 = Nodes(new double[3]);
        var dLds = s0.Select((s, j) => s - Y[j] + (0.1 * s * s * s)).ToArray();
        var truth = ZerothOrder.NodeToWeightGradient(dLds, X);
        var rng = new Rng(17);
        const int n = 100_000;
        var mean = new double[9];
        var sq = new double[9];
        for (int k = 0; k < n; k++)
        {
            var (delta, evals) = ZerothOrder.NodePerturbation(o => LossOfNodes(Nodes(o)), 3, 0.01, rng);
            Assert.Equal(2, evals);
            var g = ZerothOrder.NodeToWeightGradient(delta, X);
            for (int i = 0; i < 9; i++)
            {
                mean[i] += g[i] / n;
                sq[i] += g[i] * g[i] / n;
            }
        }
        // The weight gradient against central finite differences on the weights, in double precision.
        for (int i = 0; i < 9; i++)
        {
            double FW(double dw)
            {
                double keep = W[i];
                W[i] += dw;
                double l = LossOfNodes(Nodes(new double[3]));
                W[i] = keep;
                return l;
            }
            Assert.Equal((FW(1e-6) - FW(-1e-6)) / 2e-6, truth[i], 6);
            double se = Math.Sqrt((sq[i] - (mean[i] * mean[i])) / n);
            Assert.InRange(mean[i], truth[i] - (5 * se), truth[i] + (5 * se));
        }
    }

    [Fact]
    public void NodePerturbation_UpdateMatchesTheHandComputedFormula()
    {
        var queried = new List<double[]>();
        double Recording(double[] o)
        {
            queried.Add((double[])o.Clone());
            return LossOfNodes(Nodes(o));
        }
        const double sigma = 0.1;
        var (delta, _) = ZerothOrder.NodePerturbation(Recording, 3, sigma, new Rng(8));
        Assert.Equal(new double[3], queried[0]);
        double scale = (LossOfNodes(Nodes(queried[1])) - LossOfNodes(Nodes(queried[0]))) / (sigma * sigma);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(scale * queried[1][j], delta[j], 12);
        }
        // Hand-computed outer product: δ = [1, −2], x = [3, 0.5] → [[3, 0.5], [−6, −1]].
        Assert.Equal([3, 0.5, -6, -1], ZerothOrder.NodeToWeightGradient([1, -2], [3, 0.5]));
    }

    [Fact]
    public void BadArguments_NameTheParameter()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ZerothOrder.WeightPerturbation(F, new double[4], -1, new Rng(1)));
        Assert.Equal("sigma", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => ZerothOrder.NodePerturbation(_ => 0, 0, 0.1, new Rng(1)));
        Assert.Equal("nodes", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => ZerothOrder.NodePerturbation(_ => 0, 3, double.PositiveInfinity, new Rng(1)));
        Assert.Equal("sigma", e.ParamName);
    }
}
