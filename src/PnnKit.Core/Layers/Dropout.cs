using System.Numerics;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// Inverted dropout (Srivastava et al., JMLR 2014): in training each element is zeroed with
/// probability p and the survivors scaled by 1/(1−p), so evaluation is the identity. The mask is
/// drawn from the context's random stream, so a run is reproducible from its seed.
/// </summary>
public sealed class Dropout<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _mask;

    /// <summary>Drops each element with probability <paramref name="probability"/> in [0, 1).</summary>
    public Dropout(double probability, Domain domain = Domain.Digital)
    {
        if (probability is < 0 or >= 1 || double.IsNaN(probability))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), $"Dropout probability must be in [0, 1), got {probability}.");
        }
        Probability = probability;
        InputDomain = domain;
    }

    /// <summary>Probability of dropping an element.</summary>
    public double Probability { get; }

    /// <inheritdoc/>
    public string Name => "dropout";

    /// <inheritdoc/>
    public Domain InputDomain { get; }

    /// <inheritdoc/>
    public Domain OutputDomain => InputDomain;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        if (!ctx.IsTraining || Probability == 0)
        {
            _mask = null;
            return x;
        }
        var rng = ctx.Rng.Split("dropout");
        var mask = Tensor<T>.ZerosLike(x);
        T keep = T.CreateChecked(1 / (1 - Probability));
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = rng.NextDouble() < Probability ? T.Zero : keep;
        }
        _mask = mask;
        var y = Tensor<T>.ZerosLike(x);
        TensorOps.Multiply(x, mask, y);
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (_mask is null)
        {
            return gradOutput;
        }
        var dx = Tensor<T>.ZerosLike(gradOutput);
        TensorOps.Multiply(gradOutput, _mask, dx);
        return dx;
    }
}
