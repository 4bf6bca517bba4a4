using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Methods;

/// <summary>
/// Hardware-aware training by noise injection: in each training forward pass every parameter of the
/// wrapped layer is perturbed, w̃ = w + ε with ε ~ N(0, (σ_rel·|w| + σ_abs)²) drawn afresh, the
/// gradient is taken at w̃, and w is restored at the end of Backward so the optimizer updates the
/// clean design. This is how programming noise and fabrication spread are seen during training
/// (Joshi et al., Nature Communications 2020, for PCM; Rasch et al., 2023, for aihwkit).
/// Evaluation passes are untouched.
/// </summary>
public sealed class WeightNoiseInjection<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T> _inner;
    private T[][]? _clean;

    /// <summary>Wraps <paramref name="inner"/> with relative and absolute noise levels (both ≥ 0).</summary>
    public WeightNoiseInjection(ILayer<T> inner, double relativeStd, double absoluteStd = 0)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!(relativeStd >= 0) || !(absoluteStd >= 0) || !double.IsFinite(relativeStd + absoluteStd))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeStd), $"Noise levels must be finite and ≥ 0, got relative {relativeStd}, absolute {absoluteStd}.");
        }
        _inner = inner;
        RelativeStd = relativeStd;
        AbsoluteStd = absoluteStd;
    }

    /// <summary>Noise standard deviation relative to |w|.</summary>
    public double RelativeStd { get; }

    /// <summary>Absolute noise standard deviation.</summary>
    public double AbsoluteStd { get; }

    /// <inheritdoc/>
    public string Name => $"noisy({_inner.Name})";

    /// <inheritdoc/>
    public Domain InputDomain => _inner.InputDomain;

    /// <inheritdoc/>
    public Domain OutputDomain => _inner.OutputDomain;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => _inner.Parameters;

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        Restore();
        if (!ctx.IsTraining)
        {
            return _inner.Forward(x, ctx);
        }
        var rng = ctx.Rng.Split("weight-noise");
        _clean = [.. _inner.Parameters.Select(p => (T[])p.Value.Data.Clone())];
        foreach (var p in _inner.Parameters)
        {
            var w = p.Value.Span;
            for (int i = 0; i < w.Length; i++)
            {
                double std = (RelativeStd * Math.Abs(double.CreateChecked(w[i]))) + AbsoluteStd;
                w[i] += T.CreateChecked(rng.Normal(0, std));
            }
        }
        return _inner.Forward(x, ctx);
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        var dx = _inner.Backward(gradOutput);
        Restore();
        return dx;
    }

    private void Restore()
    {
        if (_clean is null)
        {
            return;
        }
        for (int k = 0; k < _clean.Length; k++)
        {
            _clean[k].CopyTo(_inner.Parameters[k].Value.Span);
        }
        _clean = null;
    }
}
