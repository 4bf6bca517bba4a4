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
public sealed record DeviceReading(double[] Outputs, double DeviceSeconds, IReadOnlyDictionary<string, double> EnergyJoules);
