using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Methods;

/// <summary>
/// Physics-aware training (Wright et al., Nature 2022): the forward pass runs on the physical
/// system and passes on what was measured; the backward pass is the vector–Jacobian product of a
/// differentiable digital twin evaluated at the same input and control settings. The twin's
/// parameters are the controls: the optimizer updates them and the next forward sends them to the
/// system. With a perfect twin this is exactly backpropagation.
/// </summary>
public sealed class PhysicsAwareLayer<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IPhysicalSystem<T> _system;
    private readonly ILayer<T> _twin;
    private readonly T[] _controls;

    /// <summary>Pairs <paramref name="system"/> with its <paramref name="twin"/>, whose parameters must number the system's controls.</summary>
    public PhysicsAwareLayer(IPhysicalSystem<T> system, ILayer<T> twin)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(twin);
        int twinControls = twin.Parameters.Sum(p => p.Value.Length);
        if (twinControls != system.ControlCount)
        {
            throw new ArgumentException($"Twin '{twin.Name}' has {twinControls} parameters but system '{system.Name}' takes {system.ControlCount} controls; they must match one to one.", nameof(twin));
        }
        _system = system;
        _twin = twin;
        _controls = new T[twinControls];
    }

    /// <inheritdoc/>
    public string Name => $"pat({_system.Name})";

    /// <inheritdoc/>
    public Domain InputDomain => _twin.InputDomain;

    /// <inheritdoc/>
    public Domain OutputDomain => _twin.OutputDomain;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => _twin.Parameters;

    /// <summary>Examples measured on the physical system so far.</summary>
    public long PhysicalQueries => _system.QueryCount;

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        int offset = 0;
        foreach (var p in _twin.Parameters)
        {
            p.Value.Span.CopyTo(_controls.AsSpan(offset));
            offset += p.Value.Length;
        }
        var measured = _system.Measure(x, _controls, ctx.Ledger);
        if (ctx.IsTraining)
        {
            // The twin's forward only sets up its Jacobian at (x, controls); its output is not used.
            _twin.Forward(x, new ForwardContext(Mode.Train, ctx.Rng.Split("twin")));
        }
        if (measured.IndexOfNonFinite() >= 0)
        {
            // Never pass on what could not be measured: the trainer drops these examples and counts them.
            var rows = Enumerable.Range(0, measured.Length).Where(i => !T.IsFinite(measured[i])).Select(i => i / measured.RowLength).Distinct().ToList();
            throw new NonFiniteMeasurementException(_system.Name, rows);
        }
        return measured;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput) => _twin.Backward(gradOutput);
}
