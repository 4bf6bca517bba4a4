using System.Numerics;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// A trainable quantity: its value, the gradient accumulated by <c>Backward</c>, and optional
/// physical bounds (a conductance in [0, g_max], a phase in [0, 2π)) that optimizers respect.
/// </summary>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A parameter holding <paramref name="value"/>, with a zero gradient of the same shape.</summary>
    public Parameter(string name, Tensor<T> value, double? lower = null, double? upper = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (lower is double lo && upper is double hi && !(lo <= hi))
        {
            throw new ArgumentException($"Parameter '{name}': lower bound {lo} exceeds upper bound {hi}.");
        }
        Name = name;
        Value = value;
        Grad = Tensor<T>.ZerosLike(value);
        Lower = lower;
        Upper = upper;
    }

    private Parameter(Parameter<T> of, int[] shape)
    {
        Name = of.Name;
        Value = of.Value.Reshape(shape);
        Grad = of.Grad.Reshape(shape);
        Lower = of.Lower;
        Upper = of.Upper;
        Trainable = of.Trainable;
    }

    /// <summary>Name, unique within a model (used in checkpoints).</summary>
    public string Name { get; }

    /// <summary>Current value.</summary>
    public Tensor<T> Value { get; }

    /// <summary>Accumulated gradient of the loss.</summary>
    public Tensor<T> Grad { get; }

    /// <summary>Optional lower bound.</summary>
    public double? Lower { get; }

    /// <summary>Optional upper bound.</summary>
    public double? Upper { get; }

    /// <summary>False to freeze the parameter (optimizers skip it).</summary>
    public bool Trainable { get; set; } = true;

    /// <summary>
    /// The same parameter viewed in another <paramref name="shape"/> of the same length: its value and gradient
    /// share this one's storage (an update or a gradient added through either is seen by both), its name and
    /// bounds are copied, and <see cref="Trainable"/> starts as this one's. A layer that computes with an inner
    /// layer's weights in another layout (a convolution's [out, C, kH, kW] kernels as a crossbar's [out, C·kH·kW]
    /// matrix) exposes the view and not the original, so optimizers and checkpoints see each weight once.
    /// </summary>
    public Parameter<T> Reshape(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return new Parameter<T>(this, shape);
    }

    /// <summary>Sets the gradient to zero.</summary>
    public void ZeroGrad() => Grad.Clear();

    /// <summary>Projects the value onto [Lower, Upper].</summary>
    public void Clamp()
    {
        if (Lower is null && Upper is null)
        {
            return;
        }
        T lo = Lower is double l ? T.CreateChecked(l) : T.NegativeInfinity;
        T hi = Upper is double h ? T.CreateChecked(h) : T.PositiveInfinity;
        var v = Value.Span;
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = T.Clamp(v[i], lo, hi);
        }
    }
}
