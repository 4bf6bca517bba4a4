using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Training;

namespace PnnKit.Methods;

/// <summary>
/// Sharpness-aware minimisation (Foret et al., ICLR 2021; applied to physical networks by Xu et al.,
/// Nature Communications 2026): take the gradient g at w, move to w + ρ·g/‖g‖ (the worst nearby
/// point to first order), take the gradient there, return to w and let the base optimizer step with
/// that second gradient. The gradient source is a callback, so SAM works with backprop,
/// physics-aware and in-situ gradients alike.
/// </summary>
public sealed class SharpnessAwareMinimization<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Optimizer<T> _optimizer;

    /// <summary>Wraps <paramref name="optimizer"/> with neighbourhood radius <paramref name="rho"/> &gt; 0.</summary>
    public SharpnessAwareMinimization(Optimizer<T> optimizer, double rho = 0.05)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!(rho > 0) || !double.IsFinite(rho))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), $"SAM radius ρ must be finite and > 0, got {rho}.");
        }
        _optimizer = optimizer;
        Rho = rho;
    }

    /// <summary>Neighbourhood radius ρ (Foret et al. use 0.05 as a default).</summary>
    public double Rho { get; }

    /// <summary>
    /// One SAM step. <paramref name="lossAndGradient"/> must zero and then fill every parameter's
    /// Grad at the current values and return the loss; it is called twice. Returns the loss at w. If
    /// either call throws, the parameters are back at w and no step is taken.
    /// </summary>
    public double Step(Func<double> lossAndGradient)
    {
        ArgumentNullException.ThrowIfNull(lossAndGradient);
        var parameters = _optimizer.Parameters.Where(p => p.Trainable).ToList();
        double loss = lossAndGradient();
        double norm = Math.Sqrt(parameters.Sum(p => p.Grad.Data.Sum(g => double.CreateChecked(g) * double.CreateChecked(g))));
        var perturbation = new List<T[]>(parameters.Count);
        foreach (var p in parameters)
        {
            var e = new T[p.Value.Length];
            for (int i = 0; i < e.Length; i++)
            {
                e[i] = norm > 0 ? T.CreateChecked(Rho * double.CreateChecked(p.Grad[i]) / norm) : T.Zero;
                p.Value[i] += e[i];
            }
            perturbation.Add(e);
        }
        try
        {
            lossAndGradient();
        }
        finally
        {
            // Back to w even when the perturbed evaluation fails (a refused or unmeasurable query): no step then.
            for (int k = 0; k < parameters.Count; k++)
            {
                var p = parameters[k];
                for (int i = 0; i < p.Value.Length; i++)
                {
                    p.Value[i] -= perturbation[k][i];
                }
            }
        }
        _optimizer.Step();
        return loss;
    }
}
