using PnnKit.Cli.Runs;
using PnnKit.Core.Physical;
using PnnKit.Devices;
using PnnKit.Devices.Recording;

namespace PnnKit.Cli.Commands;

/// <summary>
/// A reproduction's chip on a device server (--device grpc://HOST:PORT/NAME --token-file FILE): mesh l is device NAME{l},
/// connected on first use; the clients' calls, retries and times are summed for the report.
/// </summary>
internal sealed class ServedChip<T> : ITrainingChip<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly DeviceAddress _address;
    private readonly string _token;
    private readonly Dictionary<int, RemoteDevice<T>> _meshes = [];
    private readonly Dictionary<int, RecordingSystem<T>> _recorded = [];
    private string? _recordTo;

    private ServedChip(DeviceAddress address, string token)
    {
        _address = address;
        _token = token;
    }

    /// <summary>The chip --device names, or null without --device; --token-file defaults to `pnn serve`'s.</summary>
    public static ServedChip<T>? From(CliArgs args)
    {
        string? device = args.Value("device");
        return device is null ? null : At(device, args.Value("token-file"));
    }

    /// <summary>The chip at <paramref name="device"/> (grpc://HOST:PORT/NAME), with the token in <paramref name="tokenFile"/> (default `pnn serve`'s).</summary>
    public static ServedChip<T> At(string device, string? tokenFile) => new(DeviceAddress.Parse(device), DeviceToken.Read(tokenFile ?? "pnn-device.token"));

    /// <summary>Where the chip is: grpc://HOST:PORT/NAME.</summary>
    public string Address => _address.ToString();

    /// <summary>The meshes connected so far, by layer.</summary>
    public IReadOnlyList<RemoteDevice<T>> Meshes => [.. _meshes.OrderBy(m => m.Key).Select(m => m.Value)];

    /// <summary>Mesh <paramref name="layer"/>: device NAME{layer} on the server.</summary>
    public RemoteDevice<T> Mesh(int layer)
    {
        if (!_meshes.TryGetValue(layer, out var mesh))
        {
            mesh = RemoteDevice<T>.Connect(_address with { Device = $"{_address.Device}{layer}" }, _token);
            _meshes[layer] = mesh;
        }
        return mesh;
    }

    /// <summary>Records every query and reading of the meshes <see cref="Layer"/> hands out to RUNDIR/device{l}.jsonl (appending on resume).</summary>
    public void RecordTo(string runDirectory) => _recordTo = runDirectory;

    /// <inheritdoc/>
    public IGradientSystem<T> Layer(int layer)
    {
        if (_recordTo is null)
        {
            return Mesh(layer);
        }
        if (!_recorded.TryGetValue(layer, out var recorded))
        {
            recorded = new RecordingSystem<T>(Mesh(layer), ReplayChip<T>.RecordingOf(_recordTo, layer));
            _recorded[layer] = recorded;
        }
        return recorded;
    }

    /// <inheritdoc/>
    public void Checkpoint(string label)
    {
        foreach (var r in _recorded.Values)
        {
            r.Checkpoint(label);
        }
    }

    /// <inheritdoc/>
    public DeviceUse Use(string method)
    {
        var s = Meshes.Select(m => m.Statistics).ToList();
        return new DeviceUse(Address, method, s.Sum(x => x.Examples), s.Sum(x => x.GradientExamples), s.Sum(x => x.Readings), s.Sum(x => x.Calls), s.Sum(x => x.Retries),
            s.Sum(x => x.DeviceSeconds), s.Sum(x => x.WallSeconds), s.Sum(x => x.EnergyJoules));
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
        foreach (var r in _recorded.Values)
        {
            r.Dispose();
        }
        foreach (var m in _meshes.Values)
        {
            m.Dispose();
        }
    }
}
