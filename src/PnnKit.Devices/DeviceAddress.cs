namespace PnnKit.Devices;

/// <summary>A device on a server, written grpc://host:port/name (the form `pnn train --device` takes).</summary>
/// <param name="Server">The server's HTTP/2 address, e.g. http://127.0.0.1:5077.</param>
/// <param name="Device">The device's name on that server.</param>
public sealed record DeviceAddress(Uri Server, string Device)
{
    /// <summary>Parses grpc://host:port/name; throws naming what is wrong.</summary>
    public static DeviceAddress Parse(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != "grpc" || uri.IsDefaultPort || uri.Port <= 0)
        {
            throw new FormatException($"device address '{text}' must read grpc://host:port/device, e.g. grpc://127.0.0.1:5077/mesh-4x4.");
        }
        string device = uri.AbsolutePath.Trim('/');
        if (device.Length == 0 || device.Contains('/', StringComparison.Ordinal))
        {
            throw new FormatException($"device address '{text}' must name one device after the port: grpc://{uri.Host}:{uri.Port}/DEVICE.");
        }
        return new DeviceAddress(new Uri($"http://{uri.Host}:{uri.Port}"), device);
    }

    /// <inheritdoc/>
    public override string ToString() => $"grpc://{Server.Host}:{Server.Port}/{Device}";
}
