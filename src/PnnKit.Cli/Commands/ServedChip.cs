using PnnKit.Devices;

namespace PnnKit.Cli.Commands;

/// <summary>
/// A reproduction's chip on a device server (--device grpc://HOST:PORT/NAME --token-file FILE): mesh l is device NAME{l},
/// connected on first use; the clients' calls, retries and times are summed for the report.
/// </summary>
internal sealed class ServedChip : IDisposable
{
    private readonly DeviceAddress _address;
    private readonly string _token;
    private readonly Dictionary<int, RemoteDevice<double>> _meshes = [];

    private ServedChip(DeviceAddress address, string token)
    {
        _address = address;
        _token = token;
    }

    /// <summary>The chip --device names, or null without --device; --token-file defaults to `pnn serve`'s.</summary>
    public static ServedChip? From(CliArgs args)
    {
        string? device = args.Value("device");
        string tokenFile = args.Value("token-file") ?? "pnn-device.token";
        return device is null ? null : new ServedChip(DeviceAddress.Parse(device), DeviceToken.Read(tokenFile));
    }

    /// <summary>Mesh <paramref name="layer"/>: device NAME{layer} on the server.</summary>
    public RemoteDevice<double> Mesh(int layer)
    {
        if (!_meshes.TryGetValue(layer, out var mesh))
        {
            mesh = RemoteDevice<double>.Connect(_address with { Device = $"{_address.Device}{layer}" }, _token);
            _meshes[layer] = mesh;
        }
        return mesh;
    }

    /// <summary>One line: where the chip was, what it measured, how long it took.</summary>
    public string Summary()
    {
        var s = _meshes.Values.Select(m => m.Statistics).ToList();
        long gradients = s.Sum(x => x.GradientExamples);
        string measured = gradients > 0 ? $"{s.Sum(x => x.Examples):N0} examples ({gradients:N0} of them gradients, {s.Sum(x => x.Readings):N0} detector readings)" : $"{s.Sum(x => x.Examples):N0} examples";
        return $"measured on {_address}0…{_meshes.Count - 1}: {measured} in {s.Sum(x => x.Calls):N0} calls " +
            $"({s.Sum(x => x.Retries)} retried), device time {s.Sum(x => x.DeviceSeconds) * 1e3:F2} ms, device energy {Output.Joules(s.Sum(x => x.EnergyJoules))}, wall time in calls {s.Sum(x => x.WallSeconds):F2} s.";
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var m in _meshes.Values)
        {
            m.Dispose();
        }
    }
}
