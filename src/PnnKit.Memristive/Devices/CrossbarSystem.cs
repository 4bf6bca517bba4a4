using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Layers;

namespace PnnKit.Memristive.Devices;

/// <summary>
/// A fabricated crossbar layer seen as a black box (DESIGN.md §5): the controls are the target weights
/// [outputs, inputs]; a measurement programs them if they changed (one fabricated copy, reprogrammed, so
/// endurance and stuck cells persist), then reads the inputs through the periphery at <see cref="AgeSeconds"/>.
/// Every example read counts as one query.
/// </summary>
public sealed class CrossbarSystem<T> : IPhysicalSystem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly AnalogLinear<T> _layer;
    private readonly DeviceVariation _variation;
    private readonly PcmNoiseModel? _noise;
    private readonly ulong _seed;
    private T[]? _programmed;

    /// <summary>A system of <paramref name="outputs"/> × <paramref name="inputs"/> devices with the given periphery and statistics.</summary>
    public CrossbarSystem(int inputs, int outputs, AnalogConfig config, DeviceVariation variation, ulong seed, PcmNoiseModel? noise = null, string name = "crossbar")
    {
        ArgumentNullException.ThrowIfNull(variation);
        variation.Validate();
        _layer = new AnalogLinear<T>(inputs, outputs, new Rng(seed), config, bias: false, name);
        _variation = variation;
        _noise = noise;
        _seed = seed;
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int InputSize => _layer.Inputs;

    /// <inheritdoc/>
    public int OutputSize => _layer.Outputs;

    /// <inheritdoc/>
    public int ControlCount => _layer.Inputs * _layer.Outputs;

    /// <inheritdoc/>
    public long QueryCount { get; private set; }

    /// <summary>Seconds since the last programming at which measurements are made.</summary>
    public double AgeSeconds { get; set; }

    /// <summary>Drift compensation used by reads.</summary>
    public DriftCompensation Compensation
    {
        get => _layer.Compensation;
        set => _layer.Compensation = value;
    }

    /// <summary>The fabricated copy (null until the first measurement).</summary>
    public CrossbarInstance? Instance => _layer.Instance;

    /// <inheritdoc/>
    public Tensor<T> Measure(Tensor<T> inputs, ReadOnlySpan<T> controls, CostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (controls.Length != ControlCount)
        {
            throw new ArgumentException($"{Name}: expects {ControlCount} controls (weights {OutputSize}×{InputSize}), got {controls.Length}.", nameof(controls));
        }
        if (_programmed is null || !controls.SequenceEqual(_programmed))
        {
            controls.CopyTo(_layer.Weight.Value.Span);
            if (_layer.Instance is null)
            {
                _layer.Program(_variation, _seed, _noise);
            }
            else
            {
                var w = new double[controls.Length];
                for (int i = 0; i < w.Length; i++)
                {
                    w[i] = double.CreateTruncating(controls[i]);
                }
                _layer.Instance.Reprogram(w);
            }
            _programmed = controls.ToArray();
        }
        var ctx = new ForwardContext(Mode.Eval, new Rng(_seed).Split((ulong)QueryCount)) { AgeSeconds = AgeSeconds, Ledger = ledger };
        var y = _layer.Forward(inputs, ctx);
        QueryCount += inputs.Rows;
        return y;
    }
}
