using System.Numerics;
using System.Text.Json;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Data;

/// <summary>
/// A per-feature affine map y = (x − Center) / Scale + Offset, fitted on training features and
/// applied unchanged to validation and test features (fitting on those would leak them).
/// Standard: Center = mean, Scale = population standard deviation, Offset = 0.
/// Min-max: Center = min, Scale = (max − min) / (hi − lo), Offset = lo.
/// A constant training feature gets Scale 1, so it maps to Offset instead of dividing by zero.
/// Parameters serialize to JSON so a trained model carries the exact preprocessing it saw.
/// </summary>
public sealed class FeatureScaler
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Builds a scaler from explicit parameters (all arrays the same length, Scale non-zero and finite).</summary>
    public FeatureScaler(string kind, double[] center, double[] scale, double offset = 0)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(center);
        ArgumentNullException.ThrowIfNull(scale);
        if (center.Length != scale.Length)
        {
            throw new ArgumentException($"Scaler has {center.Length} centers but {scale.Length} scales.", nameof(scale));
        }
        for (int j = 0; j < scale.Length; j++)
        {
            if (!double.IsFinite(center[j]) || !double.IsFinite(scale[j]) || scale[j] == 0)
            {
                throw new ArgumentException($"Scaler feature {j}: center {center[j]}, scale {scale[j]}; expected finite values and a non-zero scale.", nameof(scale));
            }
        }
        Kind = kind;
        Center = (double[])center.Clone();
        Scale = (double[])scale.Clone();
        Offset = offset;
    }

    /// <summary>"standard" or "minmax" (free text for hand-built scalers).</summary>
    public string Kind { get; }

    /// <summary>Subtracted from each feature.</summary>
    public double[] Center { get; }

    /// <summary>Divides each centred feature.</summary>
    public double[] Scale { get; }

    /// <summary>Added after scaling (the low end of a min-max range).</summary>
    public double Offset { get; }

    /// <summary>Number of features this scaler was fitted on.</summary>
    public int FeatureCount => Center.Length;

    /// <summary>Fits zero mean, unit variance per feature on <paramref name="train"/> (rows are examples).</summary>
    public static FeatureScaler FitStandard<T>(Tensor<T> train, string source = "training features") where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(train);
        RequireRows(train, source);
        DataChecks.RequireFinite(train, source);
        int n = train.Rows, m = train.RowLength;
        var mean = new double[m];
        var m2 = new double[m];
        for (int i = 0; i < n; i++)
        {
            var row = train.Row(i);
            for (int j = 0; j < m; j++)
            {
                // Welford's update: stable for large offsets (Welford 1962).
                double x = double.CreateChecked(row[j]);
                double d = x - mean[j];
                mean[j] += d / (i + 1);
                m2[j] += d * (x - mean[j]);
            }
        }
        var scale = new double[m];
        for (int j = 0; j < m; j++)
        {
            double sd = Math.Sqrt(m2[j] / n);
            scale[j] = sd > 0 ? sd : 1;
        }
        return new FeatureScaler("standard", mean, scale);
    }

    /// <summary>Fits a map of each feature's training range onto [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
    public static FeatureScaler FitMinMax<T>(Tensor<T> train, double lo = 0, double hi = 1, string source = "training features") where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(train);
        if (!(hi > lo) || !double.IsFinite(lo) || !double.IsFinite(hi))
        {
            throw new ArgumentOutOfRangeException(nameof(hi), $"Min-max range must be finite with lo < hi; got [{lo}, {hi}].");
        }
        RequireRows(train, source);
        DataChecks.RequireFinite(train, source);
        int m = train.RowLength;
        var min = Enumerable.Repeat(double.PositiveInfinity, m).ToArray();
        var max = Enumerable.Repeat(double.NegativeInfinity, m).ToArray();
        for (int i = 0; i < train.Rows; i++)
        {
            var row = train.Row(i);
            for (int j = 0; j < m; j++)
            {
                double x = double.CreateChecked(row[j]);
                min[j] = Math.Min(min[j], x);
                max[j] = Math.Max(max[j], x);
            }
        }
        var scale = new double[m];
        for (int j = 0; j < m; j++)
        {
            scale[j] = max[j] > min[j] ? (max[j] - min[j]) / (hi - lo) : 1;
        }
        return new FeatureScaler("minmax", min, scale, lo);
    }

    /// <summary>Returns scaled copies of <paramref name="features"/>; throws on NaN/infinity or a feature-count mismatch.</summary>
    public Tensor<T> Transform<T>(Tensor<T> features, string source = "features") where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireWidth(features, source);
        DataChecks.RequireFinite(features, source);
        var result = features.Clone();
        int m = FeatureCount;
        var data = result.Data;
        for (int i = 0; i < data.Length; i++)
        {
            int j = i % m;
            data[i] = T.CreateChecked(((double.CreateChecked(data[i]) - Center[j]) / Scale[j]) + Offset);
        }
        return result;
    }

    /// <summary>The same dataset with scaled features.</summary>
    public Dataset<T> Transform<T>(Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.WithFeatures(Transform(data.Features, $"{data.Name} features"));
    }

    /// <summary>Maps scaled features back to the original units.</summary>
    public Tensor<T> Inverse<T>(Tensor<T> scaled) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireWidth(scaled, "scaled features");
        var result = scaled.Clone();
        int m = FeatureCount;
        var data = result.Data;
        for (int i = 0; i < data.Length; i++)
        {
            int j = i % m;
            data[i] = T.CreateChecked(((double.CreateChecked(data[i]) - Offset) * Scale[j]) + Center[j]);
        }
        return result;
    }

    /// <summary>The parameters as one line of JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(new ScalerParameters(Kind, Center, Scale, Offset), Json);

    /// <summary>Reads parameters written by <see cref="ToJson"/>; <paramref name="source"/> names the file in messages.</summary>
    public static FeatureScaler FromJson(string json, string source = "scaler JSON")
    {
        ArgumentNullException.ThrowIfNull(json);
        ScalerParameters? p;
        try
        {
            p = JsonSerializer.Deserialize<ScalerParameters>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new DataFormatException($"{source}: {IdxReader.OneLine(ex.Message)}; expected {{\"Kind\":…,\"Center\":[…],\"Scale\":[…],\"Offset\":…}}.", ex);
        }
        if (p?.Kind is null || p.Center is null || p.Scale is null)
        {
            throw new DataFormatException($"{source}: missing Kind, Center or Scale; expected {{\"Kind\":…,\"Center\":[…],\"Scale\":[…],\"Offset\":…}}.");
        }
        try
        {
            return new FeatureScaler(p.Kind, p.Center, p.Scale, p.Offset);
        }
        catch (ArgumentException ex)
        {
            throw new DataFormatException($"{source}: {IdxReader.OneLine(ex.Message)}.", ex);
        }
    }

    private void RequireWidth<T>(Tensor<T> x, string source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rows > 0 && x.RowLength != FeatureCount)
        {
            throw new ArgumentException($"{source}: {x.RowLength} features per row; this {Kind} scaler was fitted on {FeatureCount}.");
        }
    }

    private static void RequireRows<T>(Tensor<T> x, string source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Rows == 0 || x.Rank == 0)
        {
            throw new ArgumentException($"{source}: no rows to fit a scaler on.");
        }
    }

    private sealed record ScalerParameters(string Kind, double[] Center, double[] Scale, double Offset);
}
