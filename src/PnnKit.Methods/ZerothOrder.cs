using PnnKit.Core.Random;

namespace PnnKit.Methods;

/// <summary>
/// Gradient estimates from loss evaluations alone, for systems that cannot be differentiated or
/// back-propagated through. Each estimate reports the loss evaluations (physical queries of the
/// whole batch) it used.
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

    private static void CheckStep(double c)
    {
        if (!(c > 0) || !double.IsFinite(c))
        {
            throw new ArgumentOutOfRangeException(nameof(c), $"Perturbation size must be finite and > 0, got {c}.");
        }
    }
}
