using System.Numerics;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Training;

/// <summary>
/// A loss averaged over the batch. Each method returns the mean loss and, when
/// <c>grad</c> is given, writes dL/d(output) into it (same shape as the output).
/// Targets are either class labels or a tensor shaped like the output.
/// </summary>
public abstract class Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A short name for reports.</summary>
    public abstract string Name { get; }

    /// <summary>Loss against class labels.</summary>
    public abstract double Compute(Tensor<T> output, ReadOnlySpan<int> labels, Tensor<T>? grad);

    /// <summary>Loss against target values shaped like the output.</summary>
    public abstract double Compute(Tensor<T> output, Tensor<T> targets, Tensor<T>? grad);

    /// <summary>Number of rows whose arg-max equals the label.</summary>
    public static int CountCorrect(Tensor<T> output, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(output);
        int correct = 0;
        for (int i = 0; i < output.Rows; i++)
        {
            if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax<T>(output.Row(i)) == labels[i])
            {
                correct++;
            }
        }
        return correct;
    }

    /// <summary>Checks that labels fit the output's class count.</summary>
    protected static void CheckLabels(Tensor<T> output, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (labels.Length != output.Rows)
        {
            throw new ArgumentException($"{output.Rows} outputs but {labels.Length} labels.");
        }
        foreach (int y in labels)
        {
            if (y < 0 || y >= output.RowLength)
            {
                throw new ArgumentException($"Label {y} outside the {output.RowLength} model outputs [0, {output.RowLength - 1}].");
            }
        }
    }
}
