using PnnKit.Core.Random;

namespace PnnKit.Methods;

/// <summary>
/// Gradient estimates from loss evaluations alone, for systems that cannot be differentiated or
/// back-propagated through. Each estimate reports the loss evaluations (physical queries of the
/// whole batch) it used: SPSA, weight and node perturbation 2 whatever the dimension, finite
/// differences 2 per parameter.
/// </summary>
public static class ZerothOrder
{
    /// <summary>
    /// Simultaneous-perturbation stochastic approximation (Spall, IEEE TAC 1992): one random
    /// Rademacher direction Δ, two evaluations whatever the dimension,
    /// ĝᵢ = (f(θ + cΔ) − f(θ − cΔ)) / (2cΔᵢ). Unbiased up to O(c²) terms (exactly for quadratics).
    /// </summary>
    public static (double[] Gradient, int Evaluations) Spsa(Func<double[], double> loss, double[] theta, double c, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(theta);
        ArgumentNullException.ThrowIfNull(rng);
        CheckStep(c);
        var delta = new double[theta.Length];
        var plus = new double[theta.Length];
        var minus = new double[theta.Length];
        for (int i = 0; i < theta.Length; i++)
        {
            delta[i] = (rng.NextULong() & 1) == 0 ? -1 : 1;
            plus[i] = theta[i] + (c * delta[i]);
            minus[i] = theta[i] - (c * delta[i]);
        }
        double diff = (loss(plus) - loss(minus)) / (2 * c);
        var g = new double[theta.Length];
        for (int i = 0; i < g.Length; i++)
        {
            g[i] = diff / delta[i];
        }
        return (g, 2);
    }

    /// <summary>Central finite differences: 2 evaluations per coordinate, error O(c²).</summary>
    public static (double[] Gradient, int Evaluations) FiniteDifferences(Func<double[], double> loss, double[] theta, double c)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(theta);
        CheckStep(c);
        var x = (double[])theta.Clone();
        var g = new double[theta.Length];
        for (int i = 0; i < theta.Length; i++)
        {
            x[i] = theta[i] + c;
            double lp = loss(x);
            x[i] = theta[i] - c;
            double lm = loss(x);
            x[i] = theta[i];
            g[i] = (lp - lm) / (2 * c);
        }
        return (g, 2 * theta.Length);
    }

    /// <summary>
    /// Weight perturbation in its parallel stochastic form (Werfel, Xie &amp; Seung, Neural Comput. 17,
    /// 2699 (2005)): all parameters at once by Gaussian ψ ~ N(0, σ²I), one evaluation at θ and one at
    /// θ + ψ, ĝ = (f(θ + ψ) − f(θ))·ψ/σ². Unbiased up to O(σ²) terms (exactly for quadratics, whose
    /// curvature term is odd in ψ); variance grows with the number of parameters.
    /// </summary>
    public static (double[] Gradient, int Evaluations) WeightPerturbation(Func<double[], double> loss, double[] theta, double sigma, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(theta);
        ArgumentNullException.ThrowIfNull(rng);
        CheckStep(sigma, nameof(sigma));
        var psi = new double[theta.Length];
        var perturbed = new double[theta.Length];
        for (int i = 0; i < theta.Length; i++)
        {
            psi[i] = sigma * rng.Normal();
            perturbed[i] = theta[i] + psi[i];
        }
        double baseline = loss((double[])theta.Clone());
        double scale = (loss(perturbed) - baseline) / (sigma * sigma);
        var g = new double[theta.Length];
        for (int i = 0; i < g.Length; i++)
        {
            g[i] = scale * psi[i];
        }
        return (g, 2);
    }

    /// <summary>
    /// Node perturbation (Werfel, Xie &amp; Seung 2005; Fiete &amp; Seung, PRL 97, 048104 (2006)):
    /// Gaussian offsets ξ ~ N(0, σ²I) are added to the <paramref name="nodes"/> pre-activations of one
    /// layer instead of to its weights; <paramref name="lossWithNodeOffsets"/> runs the system with
    /// those offsets injected. Two evaluations (ξ = 0 and ξ) give δ̂ = (f(ξ) − f(0))·ξ/σ², an estimate
    /// of ∂f/∂(pre-activations); <see cref="NodeToWeightGradient"/> turns it into the weight gradient
    /// with the layer's input. Its variance grows with the nodes, not with the weights.
    /// </summary>
    public static (double[] NodeGradient, int Evaluations) NodePerturbation(Func<double[], double> lossWithNodeOffsets, int nodes, double sigma, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(lossWithNodeOffsets);
        ArgumentNullException.ThrowIfNull(rng);
        if (nodes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(nodes), $"Need at least one node to perturb; got {nodes}.");
        }
        CheckStep(sigma, nameof(sigma));
        var xi = new double[nodes];
        for (int j = 0; j < nodes; j++)
        {
            xi[j] = sigma * rng.Normal();
        }
        double baseline = lossWithNodeOffsets(new double[nodes]);
        double scale = (lossWithNodeOffsets((double[])xi.Clone()) - baseline) / (sigma * sigma);
        return ([.. xi.Select(v => scale * v)], 2);
    }

    /// <summary>
    /// For a linear layer s = W·x, ∂f/∂W = δ·xᵀ: the outer product of the node gradient
    /// <paramref name="nodeGradient"/> and the layer's (measured) input <paramref name="input"/>,
    /// row-major [nodes, inputs].
    /// </summary>
    public static double[] NodeToWeightGradient(ReadOnlySpan<double> nodeGradient, ReadOnlySpan<double> input)
    {
        var w = new double[nodeGradient.Length * input.Length];
        for (int j = 0; j < nodeGradient.Length; j++)
        {
            for (int i = 0; i < input.Length; i++)
            {
                w[(j * input.Length) + i] = nodeGradient[j] * input[i];
            }
        }
        return w;
    }

    private static void CheckStep(double c, string name = "c")
    {
        if (!(c > 0) || !double.IsFinite(c))
        {
            throw new ArgumentOutOfRangeException(name, $"Perturbation size must be finite and > 0, got {c}.");
        }
    }
}
