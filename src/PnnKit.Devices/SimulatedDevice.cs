using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Tensors;

namespace PnnKit.Devices;

/// <summary>
/// A simulated physical system (any <see cref="IPhysicalSystem{T}"/>: a fabricated mesh with its detector noise, a
/// programmed crossbar) as a device driver, so that <see cref="DeviceServer"/> serves it like a bench instrument:
/// the first run after a new setting waits the settling time (counted in device time), each example costs its
/// measurement time, and the energy the simulation charges is reported by cost category. A system that measures its own
/// gradient (<see cref="IGradientSystem{T}"/>) is served to MeasureGradient when <see cref="DeviceInfo.GradientMethod"/>
/// names the method; each example's gradient takes <c>gradientPasses</c> measurement times.
/// </summary>
public sealed class SimulatedDevice : IGradientDriver
{
    private readonly IPhysicalSystem<double> _system;
    private readonly double[] _controls;
    private readonly Func<IReadOnlyDictionary<string, double>> _monitors;
    private readonly int _gradientPasses;
    private readonly long _gradientReadings;
    private bool _unsettled;

    /// <summary>Serves <paramref name="system"/> as <paramref name="info"/> describes it; <paramref name="monitors"/> reads its monitors (default: room temperature).</summary>
    public SimulatedDevice(IPhysicalSystem<double> system, DeviceInfo info, Func<IReadOnlyDictionary<string, double>>? monitors = null, int gradientPasses = 0, long gradientReadings = 0)
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
        if (info.GradientMethod.Length > 0 && (system is not IGradientSystem<double> || gradientPasses < 1 || gradientReadings < 0))
        {
            throw new ArgumentException($"device '{info.Name}' names the gradient method '{info.GradientMethod}', which needs a system that measures its gradient and ≥ 1 passes and ≥ 0 readings per example (got {system.GetType().Name}, {gradientPasses}, {gradientReadings}).", nameof(info));
        }
        _system = system;
        Info = info;
        _gradientPasses = gradientPasses;
        _gradientReadings = gradientReadings;
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
        return new DeviceReading([.. y.Data], Seconds(batch), Energy(ledger)) { LatencySeconds = ledger.LatencySeconds, StaticPowerWatts = ledger.StaticPower };
    }

    /// <inheritdoc/>
    public GradientReading MeasureGradient(ReadOnlySpan<double> inputs, ReadOnlySpan<double> sources, int batch)
    {
        var system = _system as IGradientSystem<double> ?? throw new InvalidOperationException($"device '{Info.Name}' does not measure its gradient.");
        var x = new Tensor<double>(batch, Info.InputSize);
        inputs.CopyTo(x.Data);
        var g = new Tensor<double>(batch, Info.OutputSize);
        sources.CopyTo(g.Data);
        var ledger = new CostLedger();
        var (dControls, dx) = system.MeasureGradient(x, g, _controls, ledger);
        return new GradientReading(dControls, [.. dx.Data], batch * _gradientReadings, Seconds(batch * _gradientPasses), Energy(ledger));
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Monitors() => _monitors();

    // The first measurement after a new setting waits for it to settle; then each example (or pass) takes its time.
    private double Seconds(long examples)
    {
        double seconds = (_unsettled ? Info.SettlingSeconds : 0) + (examples * Info.SecondsPerExample);
        _unsettled = false;
        return seconds;
    }

    private static Dictionary<string, double> Energy(CostLedger ledger) =>
        ledger.Entries.GroupBy(e => e.Category).ToDictionary(g => g.Key.ToString(), g => g.Sum(e => e.EnergyJoules));
}
