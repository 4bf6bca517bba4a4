using System.Numerics;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Data;

/// <summary>Input checks shared by loaders, scalers and feature transforms.</summary>
public static class DataChecks
{
    /// <summary>
    /// Throws a <see cref="DataFormatException"/> naming <paramref name="source"/>, the row and the
    /// column of the first NaN or infinity in <paramref name="features"/>.
    /// </summary>
    public static void RequireFinite<T>(Tensor<T> features, string source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(features);
        int i = features.IndexOfNonFinite();
        if (i < 0)
        {
            return;
        }
        int len = Math.Max(1, features.RowLength);
        T v = features.Data[i];
        string what = T.IsNaN(v) ? "NaN" : T.IsPositiveInfinity(v) ? "+Infinity" : "-Infinity";
        throw new DataFormatException($"{source}: row {i / len}, column {i % len} is {what}; expected finite feature values.");
    }

    /// <summary>Checks the features (and regression targets) of <paramref name="data"/> for NaN and infinity.</summary>
    public static void RequireFinite<T>(Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireFinite(data.Features, $"{data.Name} features");
        if (data.Targets is not null)
        {
            RequireFinite(data.Targets, $"{data.Name} targets");
        }
    }
}
