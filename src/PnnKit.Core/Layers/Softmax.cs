using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// Softmax over the last axis (ONNX Softmax, axis −1), e.g. class probabilities from [batch, classes]
/// logits. Stable: the row maximum is subtracted before exp, through the same helper as
/// <see cref="Training.SoftmaxCrossEntropy{T}"/>. For training a classifier prefer that fused loss on
/// the logits; this layer is for models that output probabilities (ONNX graphs often end with one).
/// </summary>
public sealed class Softmax<T>(string name = "softmax") : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _output;

    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <summary>How each element is costed: two add-equivalents (a table-lookup exp, as the activations, and the running sum) and a multiply by 1/Σ.</summary>
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
        if (x.Rank < 1 || x.Dim(x.Rank - 1) == 0)
        {
            throw new ArgumentException($"{Name}: expects input of shape [batch, classes] with at least one class, got {ImageShape.Format(x.Shape)}.", nameof(x));
        }
        int k = x.Dim(x.Rank - 1), rows = x.Length / k;
        var y = Tensor<T>.ZerosLike(x);
        var p = new double[k];
        for (int r = 0; r < rows; r++)
        {
            TensorOps.Softmax<T>(x.Data.AsSpan(r * k, k), p);
            var row = y.Data.AsSpan(r * k, k);
            for (int j = 0; j < k; j++)
            {
                row[j] = T.CreateChecked(p[j]);
            }
        }
        _output = ctx.IsTraining ? y : null;
        if (ctx.Ledger is not null)
        {
            CostModel.ChargeElementwise(ctx.Ledger, Name, 2L * x.Length, x.Length);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var y = _output ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        ImageShape.RequireGradShape(Name, gradOutput, y.Shape);
        int k = y.Dim(y.Rank - 1), rows = y.Length / k;
        var dx = Tensor<T>.ZerosLike(y);
        for (int r = 0; r < rows; r++)
        {
            // dx_j = y_j·(g_j − Σ_i g_i·y_i), the softmax Jacobian (diag y − y·yᵀ) applied to g.
            var yr = y.Data.AsSpan(r * k, k);
            var gr = gradOutput.Data.AsSpan(r * k, k);
            T dot = T.Zero;
            for (int j = 0; j < k; j++)
            {
                dot += gr[j] * yr[j];
            }
            var dr = dx.Data.AsSpan(r * k, k);
            for (int j = 0; j < k; j++)
            {
                dr[j] = yr[j] * (gr[j] - dot);
            }
        }
        return dx;
    }
}
