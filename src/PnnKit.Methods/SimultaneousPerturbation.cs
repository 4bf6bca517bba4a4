using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Methods;

/// <summary>
/// SPSA (Spall, IEEE TAC 37, 332 (1992)) as a trainer's backward pass, for a model measured on a device and never
/// differentiated: Backward perturbs every parameter at once by ±c (a Rademacher draw Δ), measures the batch again at
/// θ + cΔ and θ − cΔ, and estimates ∂L/∂θᵢ ≈ ⟨∂L/∂y, y₊ − y₋⟩ / (2c) · Δᵢ, the loss difference to first order in the
/// outputs (the loss itself needs the labels, which a layer does not see). Two measurements per step whatever the number
/// of parameters; unbiased to O(c²). The model always runs in evaluation mode (no twin, no dropout); its input gets no
/// gradient, so it must be the whole trainable network; checkpoints name its parameters as the model's.
/// </summary>
public sealed class SimultaneousPerturbation<T> : IContainerLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Sequential<T> _model;
    private Tensor<T>? _x;
    private ForwardContext? _ctx;

    /// <summary>Trains <paramref name="model"/>'s parameters by SPSA with perturbation <paramref name="perturbation"/> (> 0, in the parameters' units).</summary>
    public SimultaneousPerturbation(Sequential<T> model, double perturbation)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(perturbation > 0) || !double.IsFinite(perturbation))
        {
            throw new ArgumentOutOfRangeException(nameof(perturbation), $"SPSA perturbation must be finite and > 0, got {perturbation}.");
        }
        _model = model;
        Perturbation = perturbation;
    }

    /// <summary>The ± perturbation c.</summary>
    public double Perturbation { get; }

    /// <summary>The model measured.</summary>
    public Sequential<T> Model => _model;

    /// <inheritdoc/>
    public IEnumerable<(string Name, Parameter<T> Parameter)> NamedParameters() => _model.NamedParameters();

    /// <inheritdoc/>
    public IEnumerable<(string Name, Tensor<T> Buffer)> NamedBuffers() => _model.NamedBuffers();

    /// <inheritdoc/>
    public string Name => $"spsa({_model.Name})";

    /// <inheritdoc/>
    public Domain InputDomain => _model.InputDomain;

    /// <inheritdoc/>
    public Domain OutputDomain => _model.OutputDomain;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => _model.Parameters;

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        (_x, _ctx) = ctx.IsTraining ? (x, ctx) : (null, null);
        return _model.Forward(x, Eval(ctx, "forward"));
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var (x, ctx) = (_x ?? throw new InvalidOperationException($"{Name}: Backward called without a preceding training Forward."), _ctx!);
        _x = null;
        var signs = ctx.Rng.Split("spsa.delta");
        var delta = Parameters.Select(p => Enumerable.Range(0, p.Value.Length).Select(_ => signs.Uniform(0, 1) < 0.5 ? -1.0 : 1.0).ToArray()).ToList();
        var theta = Parameters.Select(p => p.Value.Data.ToArray()).ToList();
        Set(theta, delta, Perturbation);
        var plus = _model.Forward(x, Eval(ctx, "plus"));
        Set(theta, delta, -Perturbation);
        var minus = _model.Forward(x, Eval(ctx, "minus"));
        Set(theta, delta, 0);
        double change = 0;
        for (int i = 0; i < gradOutput.Length; i++)
        {
            change += double.CreateChecked(gradOutput.Data[i]) * (double.CreateChecked(plus.Data[i]) - double.CreateChecked(minus.Data[i]));
        }
        double d = change / (2 * Perturbation);
        for (int k = 0; k < Parameters.Count; k++)
        {
            var g = Parameters[k].Grad.Span;
            for (int i = 0; i < g.Length; i++)
            {
                g[i] += T.CreateChecked(d * delta[k][i]);
            }
        }
        return Tensor<T>.ZerosLike(x);
    }

    // θ + by·Δ from the saved θ, so the step leaves the parameters exactly where they were.
    private void Set(List<T[]> theta, List<double[]> delta, double by)
    {
        for (int k = 0; k < Parameters.Count; k++)
        {
            var v = Parameters[k].Value.Span;
            for (int i = 0; i < v.Length; i++)
            {
                v[i] = theta[k][i] + T.CreateChecked(by * delta[k][i]);
            }
        }
    }

    // Each measurement of the step in evaluation mode, with its own noise stream and the step's ledger.
    private static ForwardContext Eval(ForwardContext ctx, string what) => new(Mode.Eval, ctx.Rng.Split("spsa." + what)) { Ledger = ctx.Ledger };
}
