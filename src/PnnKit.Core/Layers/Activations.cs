using System.Numerics;
using System.Numerics.Tensors;
using PnnKit.Core.Signals;

namespace PnnKit.Core.Layers;

/// <summary>max(0, x).</summary>
public sealed class ReLU<T>(Domain domain = Domain.Digital) : Activation<T>("relu", domain) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Max(x, T.Zero, y);

    /// <inheritdoc/>
    protected override void Derivative(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
    {
        for (int i = 0; i < x.Length; i++)
        {
            dx[i] = x[i] > T.Zero ? g[i] : T.Zero;
        }
    }
}

/// <summary>tanh(x).</summary>
public sealed class Tanh<T>(Domain domain = Domain.Digital) : Activation<T>("tanh", domain) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Tanh(x, y);

    /// <inheritdoc/>
    protected override void Derivative(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
    {
        for (int i = 0; i < x.Length; i++)
        {
            dx[i] = g[i] * (T.One - (y[i] * y[i]));
        }
    }
}

/// <summary>1 / (1 + e^−x).</summary>
public sealed class Sigmoid<T>(Domain domain = Domain.Digital) : Activation<T>("sigmoid", domain) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sigmoid(x, y);

    /// <inheritdoc/>
    protected override void Derivative(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
    {
        for (int i = 0; i < x.Length; i++)
        {
            dx[i] = g[i] * y[i] * (T.One - y[i]);
        }
    }
}

/// <summary>
/// GELU, tanh form: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) (Hendrycks &amp; Gimpel 2016, eq. for
/// the fast approximation; PyTorch's approximate="tanh"). Chosen over the erf form because its
/// derivative is exact in closed form, which the double-precision gradient checks need.
/// </summary>
public sealed class Gelu<T>(Domain domain = Domain.Digital) : Activation<T>("gelu", domain) where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T Half = T.CreateChecked(0.5);
    private static readonly T C0 = T.CreateChecked(Math.Sqrt(2.0 / Math.PI));
    private static readonly T C1 = T.CreateChecked(0.044715); // Hendrycks & Gimpel 2016
    private static readonly T Three = T.CreateChecked(3);

    /// <inheritdoc/>
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            y[i] = Half * v * (T.One + T.Tanh(C0 * (v + (C1 * v * v * v))));
        }
    }

    /// <inheritdoc/>
    protected override void Derivative(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
    {
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            T t = T.Tanh(C0 * (v + (C1 * v * v * v)));
            T dInner = C0 * (T.One + (Three * C1 * v * v));
            dx[i] = g[i] * ((Half * (T.One + t)) + (Half * v * (T.One - (t * t)) * dInner));
        }
    }
}
