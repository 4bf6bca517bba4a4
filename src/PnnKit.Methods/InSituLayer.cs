using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Methods;

/// <summary>
/// In-situ training through a device that measures its own gradient (<see cref="IGradientSystem{T}"/>, e.g. a mesh served
/// by `pnn serve`): the forward pass is measured with the parameters as controls, and the backward pass asks the device for
/// ∂L/∂controls and ∂L/∂inputs at the same inputs and setting. No model of the device enters: what it reads is the gradient.
/// </summary>
public sealed class InSituLayer<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IGradientSystem<T> _system;
    private readonly T[] _controls;
    private readonly int[] _shape;
    private Tensor<T>? _x;
    private PnnKit.Core.Costs.CostLedger? _ledger;

    /// <summary>
    /// Trains <paramref name="controls"/> (their values, in order, are the system's controls) through <paramref name="system"/>;
    /// <paramref name="shape"/> is one example's shape on either side (e.g. [2, N] for a mesh's fields; null: flat).
    /// </summary>
    public InSituLayer(IGradientSystem<T> system, IReadOnlyList<Parameter<T>> controls, Domain domain, int[]? shape = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(controls);
        int count = controls.Sum(p => p.Value.Length);
        if (count != system.ControlCount)
        {
            throw new ArgumentException($"{count} parameter values but system '{system.Name}' takes {system.ControlCount} controls; they must match one to one.", nameof(controls));
        }
        if (system.InputSize != system.OutputSize && shape is not null)
        {
            throw new ArgumentException($"system '{system.Name}' takes {system.InputSize} inputs but gives {system.OutputSize} readouts; one example shape fits only equal sizes.", nameof(shape));
        }
        _system = system;
        Parameters = controls;
        _controls = new T[count];
        _shape = shape ?? [system.InputSize];
        InputDomain = OutputDomain = domain;
        Name = name ?? $"insitu({system.Name})";
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Domain InputDomain { get; }

    /// <inheritdoc/>
    public Domain OutputDomain { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Examples measured on the system so far (inference and gradient measurements).</summary>
    public long PhysicalQueries => _system.QueryCount;

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        int offset = 0;
        foreach (var p in Parameters)
        {
            p.Value.Span.CopyTo(_controls.AsSpan(offset));
            offset += p.Value.Length;
        }
        var flat = x.Reshape(x.Dim(0), _system.InputSize);
        var y = _system.Measure(flat, _controls, ctx.Ledger);
        if (y.IndexOfNonFinite() >= 0)
        {
            var rows = Enumerable.Range(0, y.Length).Where(i => !T.IsFinite(y[i])).Select(i => i / y.RowLength).Distinct().ToList();
            throw new NonFiniteMeasurementException(_system.Name, rows);
        }
        (_x, _ledger) = ctx.IsTraining ? (flat, ctx.Ledger) : (null, null);
        return y.Reshape([x.Dim(0), .. _system.OutputSize == _system.InputSize ? _shape : [_system.OutputSize]]);
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _x ?? throw new InvalidOperationException($"{Name}: Backward called without a preceding training Forward.");
        _x = null;
        var (dControls, dx) = _system.MeasureGradient(x, gradOutput.Reshape(x.Rows, _system.OutputSize), _controls, _ledger);
        int offset = 0;
        foreach (var p in Parameters)
        {
            var g = p.Grad.Span;
            for (int i = 0; i < g.Length; i++)
            {
                g[i] += dControls[offset + i];
            }
            offset += g.Length;
        }
        return dx.Reshape([x.Rows, .. _shape]);
    }
}
