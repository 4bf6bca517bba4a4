using System.Numerics;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Training;

/// <summary>
/// Mean squared error, averaged over all elements (PyTorch's MSELoss). With class labels the
/// target is the one-hot vector, as in diffractive and photonic classifiers trained on detector powers.
/// </summary>
public sealed class MeanSquaredError<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override string Name => "mse";

    /// <inheritdoc/>
    public override double Compute(Tensor<T> output, ReadOnlySpan<int> labels, Tensor<T>? grad)
    {
        CheckLabels(output, labels);
        var targets = Tensor<T>.ZerosLike(output);
        for (int i = 0; i < labels.Length; i++)
        {
            targets[i, labels[i]] = T.One;
        }
        return Compute(output, targets, grad);
    }

    /// <inheritdoc/>
    public override double Compute(Tensor<T> output, Tensor<T> targets, Tensor<T>? grad)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.RequireSameShape(targets, "mse targets");
        double total = 0;
        int n = output.Length;
        for (int i = 0; i < n; i++)
        {
            double d = double.CreateChecked(output[i]) - double.CreateChecked(targets[i]);
            total += d * d;
            if (grad is not null)
            {
                grad[i] = T.CreateChecked(2 * d / n);
            }
        }
        return total / n;
    }
}
