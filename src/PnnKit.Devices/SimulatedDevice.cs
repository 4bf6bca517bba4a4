using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Tensors;

namespace PnnKit.Devices;

/// <summary>
/// A simulated physical system (any <see cref="IPhysicalSystem{T}"/>: a fabricated mesh with its detector noise, a
/// programmed crossbar) as a device driver, so that <see cref="DeviceServer"/> serves it like a bench instrument:
/// the first run after a new setting waits the settling time (counted in device time), each example costs its
/// measurement time, and the energy the simulation charges is reported by cost category.
/// </summary>
public sealed class SimulatedDevice : IDeviceDriver
{
    private readonly IPhysicalSystem<double> _system;
    private readonly double[] _controls;
    private readonly Func<IReadOnlyDictionary<string, double>> _monitors;
    private bool _unsettled;

    /// <summary>Serves <paramref name="system"/> as <paramref name="info"/> describes it; <paramref name="monitors"/> reads its monitors (default: room temperature).</summary>
    public SimulatedDevice(IPhysicalSystem<double> system, DeviceInfo info, Func<IReadOnlyDictionary<string, double>>? monitors = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(info);
        info.Validate();
        if (info.InputSize != system.InputSize || info.OutputSize != system.OutputSize || info.ControlCount != system.ControlCount)
        {
            throw new ArgumentException(
                $"device '{info.Name}' describes {info.InputSize} inputs, {info.ControlCount} controls and {info.OutputSize} readouts, " +
                $"but '{system.Name}' takes {system.InputSize}, {system.ControlCount} and gives {system.OutputSize}.", nameof(info));
        }
        _system = system;
        Info = info;
        _controls = new double[system.ControlCount];
        _monitors = monitors ?? (() => new Dictionary<string, double> { ["temperature_K"] = ForwardContext.RoomTemperatureKelvin });
    }

    /// <inheritdoc/>
    public DeviceInfo Info { get; }

    /// <summary>Examples measured so far.</summary>
    public long Queries => _system.QueryCount;

    /// <inheritdoc/>
    public void Apply(ReadOnlySpan<double> controls)
    {
        controls.CopyTo(_controls);
        _unsettled = true;
    }

    /// <inheritdoc/>
    public DeviceReading Run(ReadOnlySpan<double> inputs, int batch)
    {
        var x = new Tensor<double>(batch, Info.InputSize);
        inputs.CopyTo(x.Data);
        var ledger = new CostLedger();
        var y = _system.Measure(x, _controls, ledger);
        var energy = ledger.Entries.GroupBy(e => e.Category).ToDictionary(g => g.Key.ToString(), g => g.Sum(e => e.EnergyJoules));
        double seconds = (_unsettled ? Info.SettlingSeconds : 0) + (batch * Info.SecondsPerExample);
        _unsettled = false;
        return new DeviceReading([.. y.Data], seconds, energy);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Monitors() => _monitors();
}
