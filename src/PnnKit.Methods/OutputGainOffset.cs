using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Methods;

/// <summary>
/// A digital gain and offset per output column, y_j = g_j·x_j + o_j (starts as the identity). Placed
/// after a deployed physical system's read-out, it is the cheapest thing to retrain after ageing:
/// 2 × outputs numbers, fitted from a few labelled measurements without touching the devices.
/// </summary>
public sealed class OutputGainOffset<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _input;

    /// <summary>An identity correction of <paramref name="outputs"/> columns.</summary>
    public OutputGainOffset(int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        var ones = new Tensor<T>(outputs);
        ones.Span.Fill(T.One);
        Gain = new Parameter<T>("gain", ones);
        Offset = new Parameter<T>("offset", new Tensor<T>(outputs));
    }

    /// <summary>Gain g_j per column.</summary>
    public Parameter<T> Gain { get; }

    /// <summary>Offset o_j per column.</summary>
    public Parameter<T> Offset { get; }

    /// <inheritdoc/>
    public string Name => "gain-offset";

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [Gain, Offset];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = Gain.Value.Length;
        if (x.RowLength != n)
        {
            throw new ArgumentException($"gain-offset: {x.RowLength} values per row, the correction has {n} columns.", nameof(x));
        }
        _input = x;
        var y = Tensor<T>.ZerosLike(x);
        for (int i = 0; i < x.Length; i++)
        {
            int j = i % n;
            y[i] = (Gain.Value[j] * x[i]) + Offset.Value[j];
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _input ?? throw new InvalidOperationException("gain-offset: Backward before Forward.");
        int n = Gain.Value.Length;
        var dx = Tensor<T>.ZerosLike(gradOutput);
        for (int i = 0; i < dx.Length; i++)
        {
            int j = i % n;
            dx[i] = gradOutput[i] * Gain.Value[j];
            Gain.Grad[j] += gradOutput[i] * x[i];
            Offset.Grad[j] += gradOutput[i];
        }
        return dx;
    }
}
