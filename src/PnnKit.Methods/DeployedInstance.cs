using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Methods;

/// <summary>
/// A programmed, aged model in the field seen as a black box: inputs in, read-out out, no control
/// settings left to turn. Every read happens at the instance's age and temperature, is counted, and
/// charges the ledger, so what a deployment policy spends on queries is measured, not estimated.
/// </summary>
public sealed class DeployedInstance<T> : IPhysicalSystem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T> _model;
    private readonly Rng _read;

    /// <summary>Wraps <paramref name="model"/> read at <paramref name="ageSeconds"/> and <paramref name="temperatureKelvin"/>; read noise derives from <paramref name="seed"/>.</summary>
    public DeployedInstance(ILayer<T> model, int inputSize, int outputSize, double ageSeconds, double temperatureKelvin, ulong seed, string name = "deployed")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        if (!(ageSeconds >= 0) || !double.IsFinite(ageSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(ageSeconds), $"Age must be finite and ≥ 0 s, got {ageSeconds}.");
        }
        _model = model;
        _read = new Rng(seed);
        InputSize = inputSize;
        OutputSize = outputSize;
        AgeSeconds = ageSeconds;
        TemperatureKelvin = temperatureKelvin;
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int InputSize { get; }

    /// <inheritdoc/>
    public int OutputSize { get; }

    /// <inheritdoc/>
    public int ControlCount => 0;

    /// <summary>Time since programming, s.</summary>
    public double AgeSeconds { get; }

    /// <summary>Operating temperature, K.</summary>
    public double TemperatureKelvin { get; }

    /// <inheritdoc/>
    public long QueryCount { get; private set; }

    /// <inheritdoc/>
    public Tensor<T> Measure(Tensor<T> inputs, ReadOnlySpan<T> controls, CostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.RowLength != InputSize)
        {
            throw new ArgumentException($"{Name}: inputs have {inputs.RowLength} values per example, the instance takes {InputSize}.", nameof(inputs));
        }
        if (controls.Length != 0)
        {
            throw new ArgumentException($"{Name}: a deployed instance has no control settings, {controls.Length} given.", nameof(controls));
        }
        var ctx = new ForwardContext(Mode.Eval, _read.Split((ulong)QueryCount)) { AgeSeconds = AgeSeconds, TemperatureKelvin = TemperatureKelvin, Ledger = ledger };
        var y = _model.Forward(inputs, ctx);
        if (y.RowLength != OutputSize)
        {
            throw new InvalidOperationException($"{Name}: the model returned {y.RowLength} values per example, {OutputSize} declared.");
        }
        QueryCount += inputs.Rows;
        ledger?.RecordInferences(inputs.Rows);
        return y;
    }
}
