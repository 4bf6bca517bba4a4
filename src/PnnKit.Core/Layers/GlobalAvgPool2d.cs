using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// Mean over each channel's whole image (ONNX GlobalAveragePool): [batch, C, H, W] → [batch, C, 1, 1].
/// Backward spreads each gradient evenly over the H·W pixels it averaged.
/// </summary>
public sealed class GlobalAvgPool2d<T>(string name = "globalavgpool") : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int[]? _inputShape;

    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <summary>How the sums are costed (one add per input element, one multiply per output).</summary>
    public DigitalCostModel CostModel { get; init; } = new();

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
        ImageShape.RequireNchw(Name, x, null);
        int n = x.Dim(0), c = x.Dim(1), pixels = x.Dim(2) * x.Dim(3);
        ImageShape.RequireNonEmpty(Name, x, x.Dim(2), x.Dim(3), "1×1 window");
        var y = new Tensor<T>(n, c, 1, 1);
        T count = T.CreateChecked(pixels);
        for (int plane = 0; plane < n * c; plane++)
        {
            T s = T.Zero;
            foreach (var v in x.Data.AsSpan(plane * pixels, pixels))
            {
                s += v;
            }
            y[plane] = s / count;
        }
        _inputShape = ctx.IsTraining ? x.Shape.ToArray() : null;
        if (ctx.Ledger is not null)
        {
            CostModel.ChargeElementwise(ctx.Ledger, Name, x.Length, y.Length);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var shape = _inputShape ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        ImageShape.RequireGradShape(Name, gradOutput, [shape[0], shape[1], 1, 1]);
        int pixels = shape[2] * shape[3];
        var dx = new Tensor<T>(shape);
        T count = T.CreateChecked(pixels);
        for (int plane = 0; plane < shape[0] * shape[1]; plane++)
        {
            dx.Data.AsSpan(plane * pixels, pixels).Fill(gradOutput[plane] / count);
        }
        return dx;
    }
}
