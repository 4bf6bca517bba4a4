namespace PnnKit.Devices;

/// <summary>
/// The one interface a lab implements to put its instrument behind the device protocol (<see cref="DeviceServer"/> hosts it).
/// The server calls it from one request at a time per device, after checking every control and input against
/// <see cref="Info"/>'s ranges and before checking every reading it returns, so a driver sees only admissible values
/// and a bad reading never reaches a client.
/// </summary>
public interface IDeviceDriver
{
    /// <summary>What the device is (fixed while it is served).</summary>
    DeviceInfo Info { get; }

    /// <summary>Applies control settings, <see cref="DeviceInfo.ControlCount"/> values in the order of <see cref="DeviceInfo.Controls"/>.</summary>
    void Apply(ReadOnlySpan<double> controls);

    /// <summary>Measures <paramref name="batch"/> examples (<paramref name="inputs"/> row-major, batch × InputSize) with the applied controls.</summary>
    DeviceReading Run(ReadOnlySpan<double> inputs, int batch);

    /// <summary>Monitor values by name (the name carries the unit, e.g. "temperature_K").</summary>
    IReadOnlyDictionary<string, double> Monitors();
}

/// <summary>What one run measured.</summary>
/// <param name="Outputs">batch × OutputSize readings, row-major.</param>
/// <param name="DeviceSeconds">Device time the run took, s.</param>
/// <param name="EnergyJoules">Energy the device metered, J, by cost category name ("Core", "Converter", ...); empty when not metered.</param>
public sealed record DeviceReading(double[] Outputs, double DeviceSeconds, IReadOnlyDictionary<string, double> EnergyJoules)
{
    /// <summary>The device's latency for one example (its critical path), s; 0 when not known.</summary>
    public double LatencySeconds { get; init; }

    /// <summary>Static power drawn while the setting is held, W, by component; empty when none or not metered.</summary>
    public IReadOnlyDictionary<string, double> StaticPowerWatts { get; init; } = new Dictionary<string, double>();
}

/// <summary>
/// A device that measures its own gradient in situ (a photonic mesh by forward, adjoint and interference passes read at its
/// taps; a crossbar by a transposed read): <see cref="DeviceServer"/> serves it to MeasureGradient when its
/// <see cref="DeviceInfo.GradientMethod"/> says how.
/// </summary>
public interface IGradientDriver : IDeviceDriver
{
    /// <summary>
    /// Measures ∂L/∂controls (summed over the batch) and ∂L/∂inputs for <paramref name="batch"/> examples
    /// (<paramref name="inputs"/> batch × InputSize) with adjoint sources <paramref name="sources"/> (∂L/∂readouts, batch × OutputSize).
    /// </summary>
    GradientReading MeasureGradient(ReadOnlySpan<double> inputs, ReadOnlySpan<double> sources, int batch);
}

/// <summary>What one gradient measurement gave.</summary>
/// <param name="ControlGradient">∂L/∂controls, in the order of the controls.</param>
/// <param name="InputGradient">∂L/∂inputs, batch × InputSize.</param>
/// <param name="Readings">Detector readings it took.</param>
/// <param name="DeviceSeconds">Device time it took, s.</param>
/// <param name="EnergyJoules">Energy metered, J, by cost category name.</param>
public sealed record GradientReading(double[] ControlGradient, double[] InputGradient, long Readings, double DeviceSeconds, IReadOnlyDictionary<string, double> EnergyJoules);
