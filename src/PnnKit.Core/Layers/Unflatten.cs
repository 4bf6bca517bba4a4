using System.Numerics;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// [batch, features] → [batch, <see cref="SampleShape"/>], the inverse of <see cref="Flatten{T}"/>: data sets store
/// images as rows of pixels, a convolutional model reads them as [batch, channels, height, width]. Shares storage.
/// </summary>
public sealed class Unflatten<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _shape;
    private int[]? _inputShape;

    /// <summary>Reshapes each sample to <paramref name="sampleShape"/> (e.g. [1, 28, 28]).</summary>
    public Unflatten(IReadOnlyList<int> sampleShape, string name = "unflatten")
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        if (sampleShape.Count == 0 || sampleShape.Any(d => d < 1))
        {
            throw new ArgumentException($"{name}: the sample shape [{string.Join(", ", sampleShape)}] needs at least one axis, each ≥ 1.", nameof(sampleShape));
        }
        _shape = [.. sampleShape];
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The shape of one sample after the layer.</summary>
    public IReadOnlyList<int> SampleShape => _shape;

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        int features = _shape.Aggregate(1, (a, d) => a * d);
        if (x.RowLength != features)
        {
            throw new ArgumentException($"{Name}: each sample must hold {features} values to become [{string.Join(", ", _shape)}]; got {x.RowLength}.", nameof(x));
        }
        _inputShape = ctx.IsTraining ? x.Shape.ToArray() : null;
        return x.Reshape([x.Rows, .. _shape]);
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var shape = _inputShape ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        return gradOutput.Reshape(shape);
    }
}
