using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Methods;

/// <summary>
/// A frozen neural digital twin f([x, c]) of a physical system, seen as a layer of x whose only
/// trainable parameter is the control vector c (shared by every example of a batch). Pairing it with
/// <see cref="PhysicsAwareLayer{T}"/> gives physics-aware training with a learned twin, as in
/// Wright et al. (Nature 2022): the twin only supplies ∂y/∂c and ∂y/∂x at the measured point.
/// </summary>
public sealed class ControlledTwin<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T> _network;
    private int _batch;

    /// <summary>Wraps <paramref name="network"/> (input size <paramref name="inputSize"/> + controls) and freezes it.</summary>
    public ControlledTwin(ILayer<T> network, int inputSize, Tensor<T> initialControls, double? controlLower = null, double? controlUpper = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(initialControls);
        foreach (var p in network.Parameters)
        {
            p.Trainable = false;
        }
        _network = network;
        InputSize = inputSize;
        Controls = new Parameter<T>("controls", initialControls.Clone(), controlLower, controlUpper);
    }

    /// <summary>Input values per example (without the controls).</summary>
    public int InputSize { get; }

    /// <summary>The control settings, trained through the twin's Jacobian.</summary>
    public Parameter<T> Controls { get; }

    /// <inheritdoc/>
    public string Name => "twin";

    /// <inheritdoc/>
    public Domain InputDomain => _network.InputDomain;

    /// <inheritdoc/>
    public Domain OutputDomain => _network.OutputDomain;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [Controls];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.RowLength != InputSize)
        {
            throw new ArgumentException($"Twin expects {InputSize} inputs per example, got {x.RowLength}.", nameof(x));
        }
        _batch = x.Rows;
        int nc = Controls.Value.Length;
        var joined = new Tensor<T>(x.Rows, InputSize + nc);
        for (int i = 0; i < x.Rows; i++)
        {
            x.Row(i).CopyTo(joined.Row(i));
            Controls.Value.Span.CopyTo(joined.Row(i)[InputSize..]);
        }
        return _network.Forward(joined, ctx);
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        var g = _network.Backward(gradOutput);
        int nc = Controls.Value.Length;
        var dx = new Tensor<T>(_batch, InputSize);
        var dc = Controls.Grad.Span;
        for (int i = 0; i < _batch; i++)
        {
            var row = g.Row(i);
            row[..InputSize].CopyTo(dx.Row(i));
            for (int j = 0; j < nc; j++)
            {
                dc[j] += row[InputSize + j];
            }
        }
        return dx;
    }
}
