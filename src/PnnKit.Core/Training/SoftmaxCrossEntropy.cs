using System.Numerics;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Training;

/// <summary>
/// Softmax followed by cross-entropy, fused for numerical stability (log-sum-exp with the row max
/// subtracted); the gradient is (softmax − target)/batch.
/// </summary>
public sealed class SoftmaxCrossEntropy<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override string Name => "softmax-cross-entropy";

    /// <inheritdoc/>
    public override double Compute(Tensor<T> output, ReadOnlySpan<int> labels, Tensor<T>? grad)
    {
        CheckLabels(output, labels);
        int n = output.Rows, k = output.RowLength;
        var p = new double[k];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double logZ = TensorOps.Softmax<T>(output.Row(i), p);
            total += logZ - double.CreateChecked(output[i, labels[i]]);
            if (grad is not null)
            {
                var g = grad.Row(i);
                for (int j = 0; j < k; j++)
                {
                    g[j] = T.CreateChecked((p[j] - (j == labels[i] ? 1.0 : 0.0)) / n);
                }
            }
        }
        return total / n;
    }

    /// <inheritdoc/>
    public override double Compute(Tensor<T> output, Tensor<T> targets, Tensor<T>? grad)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.RequireSameShape(targets, "softmax-cross-entropy targets");
        int n = output.Rows, k = output.RowLength;
        var p = new double[k];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double logZ = TensorOps.Softmax<T>(output.Row(i), p);
            var t = targets.Row(i);
            var g = grad is null ? default : grad.Row(i);
            for (int j = 0; j < k; j++)
            {
                double tj = double.CreateChecked(t[j]);
                total += tj * (logZ - double.CreateChecked(output[i, j]));
                if (grad is not null)
                {
                    g[j] = T.CreateChecked((p[j] - tj) / n);
                }
            }
        }
        return total / n;
    }
}
