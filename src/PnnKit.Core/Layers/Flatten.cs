using System.Numerics;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// [batch, d1, d2, …] → [batch, d1·d2·…] (ONNX Flatten with axis 1), the bridge from convolutional
/// feature maps to <see cref="Linear{T}"/>. The output shares the input's storage: row-major order
/// already is the flattened order, so nothing moves and nothing is charged. With <paramref name="features"/> set
/// (an imported Reshape to [-1, k]) a sample of any other size is refused rather than silently flattened.
/// </summary>
public sealed class Flatten<T>(string name = "flatten", int? features = null) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int[]? _inputShape;

    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <summary>The features per sample the layer requires (null: any).</summary>
    public int? ExpectedFeatures { get; } = features;

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
        if (x.Rank < 2)
        {
            throw new ArgumentException($"{Name}: expects input of shape [batch, ...] with at least 2 axes, got {ImageShape.Format(x.Shape)}.", nameof(x));
        }
        int f = Features(x.Shape);
        if (ExpectedFeatures is int expected && f != expected)
        {
            throw new ArgumentException($"{Name}: reshapes each sample to {expected} features, but {ImageShape.Format(x.Shape)} holds {f} per sample.", nameof(x));
        }
        _inputShape = ctx.IsTraining ? x.Shape.ToArray() : null;
        return x.Reshape(x.Dim(0), f);
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var shape = _inputShape ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        ImageShape.RequireGradShape(Name, gradOutput, [shape[0], Features(shape)]);
        return gradOutput.Reshape(shape);
    }

    /// <summary>Product of all axes but the first (also right for an empty batch, where RowLength is 0).</summary>
    private static int Features(ReadOnlySpan<int> shape)
    {
        int f = 1;
        foreach (int d in shape[1..])
        {
            f *= d;
        }
        return f;
    }
}
