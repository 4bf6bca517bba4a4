using System.Numerics;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Data;

/// <summary>
/// A set of examples: features of shape [count, ...] and either class labels (classification)
/// or target values of shape [count, ...] (regression), never neither.
/// </summary>
public sealed class Dataset<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A classification set.</summary>
    public Dataset(string name, Tensor<T> features, int[] labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != features.Rows)
        {
            throw new ArgumentException($"{name}: {features.Rows} feature rows but {labels.Length} labels.");
        }
        foreach (int y in labels)
        {
            if (y < 0 || y >= classCount)
            {
                throw new ArgumentException($"{name}: label {y} outside [0, {classCount - 1}].");
            }
        }
        Name = name;
        Features = features;
        Labels = labels;
        ClassCount = classCount;
    }

    /// <summary>A regression set.</summary>
    public Dataset(string name, Tensor<T> features, Tensor<T> targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Rows != features.Rows)
        {
            throw new ArgumentException($"{name}: {features.Rows} feature rows but {targets.Rows} target rows.");
        }
        Name = name;
        Features = features;
        Targets = targets;
    }

    /// <summary>A short name used in messages and reports.</summary>
    public string Name { get; }

    /// <summary>Inputs, shape [count, ...].</summary>
    public Tensor<T> Features { get; }

    /// <summary>Class labels in [0, ClassCount), or null for regression.</summary>
    public int[]? Labels { get; }

    /// <summary>Regression targets, or null for classification.</summary>
    public Tensor<T>? Targets { get; }

    /// <summary>Number of classes (0 for regression).</summary>
    public int ClassCount { get; }

    /// <summary>Number of examples.</summary>
    public int Count => Features.Rows;

    /// <summary>Features per example.</summary>
    public int FeatureCount => Features.RowLength;

    /// <summary>True for a classification set.</summary>
    public bool IsClassification => Labels is not null;

    /// <summary>The examples at <paramref name="indices"/>, copied, in that order.</summary>
    public Dataset<T> Subset(ReadOnlySpan<int> indices, string? name = null)
    {
        var x = Features.GatherRows(indices);
        if (Labels is not null)
        {
            var y = new int[indices.Length];
            for (int i = 0; i < y.Length; i++)
            {
                y[i] = Labels[indices[i]];
            }
            return new Dataset<T>(name ?? Name, x, y, ClassCount);
        }
        return new Dataset<T>(name ?? Name, x, Targets!.GatherRows(indices));
    }

    /// <summary>The same examples with new features (after a transform), labels/targets kept.</summary>
    public Dataset<T> WithFeatures(Tensor<T> features, string? name = null) =>
        Labels is not null
            ? new Dataset<T>(name ?? Name, features, Labels, ClassCount)
            : new Dataset<T>(name ?? Name, features, Targets!);
}
