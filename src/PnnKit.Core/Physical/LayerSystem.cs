using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Physical;

/// <summary>
/// A simulated physical system: a layer (typically a fabricated, aged instance of a substrate)
/// whose parameters are the control settings, measured with additive Gaussian noise. It is the
/// stand-in for hardware behind <see cref="IPhysicalSystem{T}"/>: callers see only inputs,
/// controls and noisy outputs, and every measured example is counted.
/// </summary>
public sealed class LayerSystem<T> : IPhysicalSystem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T> _layer;
    private readonly Rng _noise;

    /// <summary>Wraps <paramref name="layer"/>; <paramref name="noiseStd"/> is the measurement noise (output units).</summary>
    public LayerSystem(ILayer<T> layer, int inputSize, int outputSize, double noiseStd, ulong seed, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (!(noiseStd >= 0) || !double.IsFinite(noiseStd))
        {
            throw new ArgumentOutOfRangeException(nameof(noiseStd), $"Measurement noise must be finite and ≥ 0, got {noiseStd}.");
        }
        _layer = layer;
        _noise = new Rng(seed);
        InputSize = inputSize;
        OutputSize = outputSize;
        NoiseStd = noiseStd;
        ControlCount = layer.Parameters.Sum(p => p.Value.Length);
        Name = name ?? layer.Name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int InputSize { get; }

    /// <inheritdoc/>
    public int OutputSize { get; }

    /// <inheritdoc/>
    public int ControlCount { get; }

    /// <summary>Standard deviation of the additive measurement noise.</summary>
    public double NoiseStd { get; }

    /// <inheritdoc/>
    public long QueryCount { get; private set; }

    /// <inheritdoc/>
    public Tensor<T> Measure(Tensor<T> inputs, ReadOnlySpan<T> controls, CostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.RowLength != InputSize)
        {
            throw new ArgumentException($"{Name}: inputs have {inputs.RowLength} values per example, the system takes {InputSize}.", nameof(inputs));
        }
        if (controls.Length != ControlCount)
        {
            throw new ArgumentException($"{Name}: {controls.Length} control settings given, the system has {ControlCount}.", nameof(controls));
        }
        int offset = 0;
        foreach (var p in _layer.Parameters)
        {
            controls.Slice(offset, p.Value.Length).CopyTo(p.Value.Span);
            offset += p.Value.Length;
        }
        var ctx = new ForwardContext(Mode.Eval, _noise.Split((ulong)QueryCount)) { Ledger = ledger };
        var y = _layer.Forward(inputs, ctx).Clone();
        if (NoiseStd > 0)
        {
            var rng = _noise.Split("measure").Split((ulong)QueryCount);
            for (int i = 0; i < y.Length; i++)
            {
                y[i] += T.CreateChecked(rng.Normal(0, NoiseStd));
            }
        }
        QueryCount += inputs.Rows;
        ledger?.RecordInferences(inputs.Rows);
        return y;
    }
}
