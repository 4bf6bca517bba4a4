using Grpc.Core;
using Microsoft.Extensions.Logging;
using PnnKit.Devices.Protocol;

namespace PnnKit.Devices;

/// <summary>
/// The protocol's server side over a set of <see cref="IDeviceDriver"/>s. It is the gate a request passes before it
/// reaches hardware: controls and inputs outside their ranges are refused, a run must name the setting it expects,
/// the budget is enforced, and a reading that is not finite or outside its readout's range is logged and never sent.
/// One request at a time reaches a device (an instrument does one thing at a time); a retried run (same request id)
/// gets the cached reply instead of a second measurement.
/// </summary>
internal sealed partial class DeviceService : Protocol.Device.DeviceBase
{
    public const string ProtocolName = "pnnkit.device.v1";

    private readonly IReadOnlyDictionary<string, ServedDevice> _devices;
    private readonly ILogger _log;

    public DeviceService(DeviceRegistry registry, ILogger<DeviceService> log)
    {
        _devices = registry.Devices;
        _log = log;
    }

    public override Task<DeviceDescription> Describe(DeviceRequest request, ServerCallContext context)
    {
        var d = Find(request.Device);
        lock (d)
        {
            var info = d.Driver.Info;
            var reply = new DeviceDescription
            {
                Protocol = ProtocolName,
                Name = info.Name,
                Kind = info.Kind,
                InputSize = info.InputSize,
                Input = Group(info.Input),
                SettlingSeconds = info.SettlingSeconds,
                SecondsPerExample = info.SecondsPerExample,
                Budget = info.Budget,
                Queries = d.Queries,
                GradientMethod = info.GradientMethod,
            };
            reply.Controls.AddRange(info.Controls.Select(Group));
            reply.Readouts.AddRange(info.Readouts.Select(Group));
            return Task.FromResult(reply);
        }
    }

    public override Task<ControlsApplied> SetControls(ControlSettings request, ServerCallContext context)
    {
        var d = Find(request.Device);
        var info = d.Driver.Info;
        if (request.Values.Count != info.ControlCount)
        {
            throw Refuse(StatusCode.InvalidArgument, $"device '{info.Name}' takes {info.ControlCount} control values, got {request.Values.Count}.");
        }
        var values = new double[request.Values.Count];
        for (int i = 0; i < values.Length; i++)
        {
            var (group, k) = info.ControlAt(i);
            double v = request.Values[i];
            if (!group.Admits(v))
            {
                throw Refuse(StatusCode.InvalidArgument, $"device '{info.Name}': control {group.Name}[{k}] = {v} {group.Unit} is outside its range [{group.Min}, {group.Max}] {group.Unit}; nothing was applied.");
            }
            values[i] = group.Take(v);
        }
        lock (d)
        {
            Drive(info, "setting its controls", () =>
            {
                d.Driver.Apply(values);
                return 0;
            });
            d.ControlsVersion++;
            return Task.FromResult(new ControlsApplied { Version = d.ControlsVersion, SettlingSeconds = info.SettlingSeconds });
        }
    }

    public override Task<RunReply> Run(RunRequest request, ServerCallContext context)
    {
        var d = Find(request.Device);
        var info = d.Driver.Info;
        CheckInputs(info, request.Batch, request.Inputs, "a run");
        lock (d)
        {
            if (Cached<RunReply>(d, request.RequestId) is { } cached)
            {
                return Task.FromResult(cached);
            }
            Admit(d, request.ControlsVersion, request.Batch, "run");
            double[] inputs = [.. request.Inputs];
            var reading = Drive(info, "measuring", () => d.Driver.Run(inputs, request.Batch));
            Check(info, reading, request.Batch);
            d.Queries += request.Batch;
            var reply = new RunReply { Batch = request.Batch, Queries = d.Queries, DeviceSeconds = reading.DeviceSeconds, LatencySeconds = reading.LatencySeconds };
            reply.Outputs.AddRange(reading.Outputs);
            reply.EnergyJoules.Add(reading.EnergyJoules.ToDictionary());
            reply.StaticPowerWatts.Add(reading.StaticPowerWatts.ToDictionary());
            d.Remember(request.RequestId, reply);
            return Task.FromResult(reply);
        }
    }

    public override Task<GradientReply> MeasureGradient(GradientRequest request, ServerCallContext context)
    {
        var d = Find(request.Device);
        var info = d.Driver.Info;
        if (d.Driver is not IGradientDriver driver || info.GradientMethod.Length == 0)
        {
            throw Refuse(StatusCode.Unimplemented, $"device '{info.Name}' ({info.Kind}) has no in-situ gradient method; train it physics-aware or zeroth-order instead.");
        }
        CheckInputs(info, request.Batch, request.Inputs, "a gradient measurement");
        if (request.Sources.Count != (long)request.Batch * info.OutputSize)
        {
            throw Refuse(StatusCode.InvalidArgument, $"device '{info.Name}': a gradient measurement of batch {request.Batch} needs batch × {info.OutputSize} = {(long)request.Batch * info.OutputSize} adjoint sources, got {request.Sources.Count}.");
        }
        int bad = request.Sources.ToList().FindIndex(v => !double.IsFinite(v));
        if (bad >= 0)
        {
            throw Refuse(StatusCode.InvalidArgument, $"device '{info.Name}': adjoint source {bad % info.OutputSize} of example {bad / info.OutputSize} is {request.Sources[bad]}; sources must be finite.");
        }
        lock (d)
        {
            if (Cached<GradientReply>(d, request.RequestId) is { } cached)
            {
                return Task.FromResult(cached);
            }
            Admit(d, request.ControlsVersion, request.Batch, "gradient measurement");
            double[] inputs = [.. request.Inputs], sources = [.. request.Sources];
            var g = Drive(info, "measuring a gradient", () => driver.MeasureGradient(inputs, sources, request.Batch));
            if (g.ControlGradient.Length != info.ControlCount || g.InputGradient.Length != request.Batch * info.InputSize
                || g.ControlGradient.Any(v => !double.IsFinite(v)) || g.InputGradient.Any(v => !double.IsFinite(v)))
            {
                throw Bad(info, $"returned a gradient of {g.ControlGradient.Length} controls and {g.InputGradient.Length} input values (expected {info.ControlCount} and {request.Batch * info.InputSize}, all finite)");
            }
            d.Queries += request.Batch;
            var reply = new GradientReply { Batch = request.Batch, Queries = d.Queries, DeviceSeconds = g.DeviceSeconds, Readings = g.Readings };
            reply.ControlGradient.AddRange(g.ControlGradient);
            reply.InputGradient.AddRange(g.InputGradient);
            reply.EnergyJoules.Add(g.EnergyJoules.ToDictionary());
            d.Remember(request.RequestId, reply);
            return Task.FromResult(reply);
        }
    }

    // batch × InputSize values, each inside the input range.
    private static void CheckInputs(DeviceInfo info, int batch, Google.Protobuf.Collections.RepeatedField<double> inputs, string what)
    {
        if (batch < 1 || inputs.Count != (long)batch * info.InputSize)
        {
            throw Refuse(StatusCode.InvalidArgument, $"device '{info.Name}': {what} of batch {batch} needs batch × {info.InputSize} = {(long)batch * info.InputSize} inputs (batch ≥ 1), got {inputs.Count}.");
        }
        for (int i = 0; i < inputs.Count; i++)
        {
            if (!info.Input.Admits(inputs[i]))
            {
                throw Refuse(StatusCode.InvalidArgument, $"device '{info.Name}': input {i % info.InputSize} of example {i / info.InputSize} is {inputs[i]} {info.Input.Unit}, outside [{info.Input.Min}, {info.Input.Max}] {info.Input.Unit}.");
            }
        }
    }

    // The reply to a retried request (the same id), never measured twice.
    private static TReply? Cached<TReply>(ServedDevice d, string id) where TReply : class =>
        id.Length > 0 && d.Replies.TryGetValue(id, out var cached) ? cached as TReply : null;

    // A measurement needs the setting it names applied and room in the budget.
    private static void Admit(ServedDevice d, long version, int batch, string what)
    {
        var info = d.Driver.Info;
        if (d.ControlsVersion == 0 && info.ControlCount > 0)
        {
            throw Refuse(StatusCode.FailedPrecondition, $"device '{info.Name}': no controls applied yet; call SetControls first.");
        }
        if (version != d.ControlsVersion)
        {
            throw Refuse(StatusCode.FailedPrecondition, $"device '{info.Name}': the {what} expects control setting {version}, but setting {d.ControlsVersion} is applied.");
        }
        if (info.Budget > 0 && d.Queries + batch > info.Budget)
        {
            throw Refuse(StatusCode.ResourceExhausted, $"device '{info.Name}': budget of {info.Budget} measured examples exhausted ({d.Queries} used, the {what} needs {batch}).");
        }
    }

    public override Task<MonitorReadings> ReadMonitors(DeviceRequest request, ServerCallContext context)
    {
        var d = Find(request.Device);
        lock (d)
        {
            var reply = new MonitorReadings();
            foreach (var (name, value) in Drive(d.Driver.Info, "reading its monitors", d.Driver.Monitors))
            {
                reply.Values[name] = value;
            }
            return Task.FromResult(reply);
        }
    }

    // A reading must be what the readouts promise: batch × OutputSize finite values inside their ranges.
    private void Check(DeviceInfo info, DeviceReading reading, int batch)
    {
        if (reading.Outputs.Length != batch * info.OutputSize)
        {
            throw Bad(info, $"returned {reading.Outputs.Length} readings for a batch of {batch} × {info.OutputSize}");
        }
        for (int i = 0; i < reading.Outputs.Length; i++)
        {
            var (group, k) = info.ReadoutAt(i % info.OutputSize);
            double v = reading.Outputs[i];
            if (!group.Admits(v))
            {
                throw Bad(info, $"read {group.Name}[{k}] = {v} {group.Unit} for example {i / info.OutputSize}, outside [{group.Min}, {group.Max}] {group.Unit}");
            }
        }
    }

    private RpcException Bad(DeviceInfo info, string what)
    {
        string message = $"device '{info.Name}' {what}; the reading was rejected and not sent.";
        RejectedReading(_log, message);
        return new RpcException(new Status(StatusCode.DataLoss, message));
    }

    // A driver that cannot reach its instrument (no answer, link lost) makes the call UNAVAILABLE, which clients retry;
    // an instrument that refuses a command makes it ABORTED. Both are logged.
    private T Drive<T>(DeviceInfo info, string what, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            string message = $"device '{info.Name}' did not answer while {what}: {e.Message}";
            Fault(_log, message);
            throw Refuse(StatusCode.Unavailable, message);
        }
        catch (Instruments.InstrumentException e)
        {
            string message = $"device '{info.Name}' refused while {what}: {e.Message}";
            Fault(_log, message);
            throw Refuse(StatusCode.Aborted, message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void Fault(ILogger log, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Message}")]
    private static partial void RejectedReading(ILogger log, string message);

    private ServedDevice Find(string name) =>
        _devices.TryGetValue(name, out var d) ? d
        : throw Refuse(StatusCode.NotFound, $"no device '{name}' on this server; it serves {string.Join(", ", _devices.Keys)}.");

    private static RpcException Refuse(StatusCode code, string message) => new(new Status(code, message));

    private static Protocol.ChannelGroup Group(ChannelSpec c) =>
        new() { Name = c.Name, Unit = c.Unit, Count = c.Count, Min = c.Min, Max = c.Max, Resolution = c.Resolution, Wraps = c.Wraps };
}

/// <summary>The devices a server hosts, by name, with the per-device state the protocol keeps.</summary>
internal sealed class DeviceRegistry(IReadOnlyDictionary<string, ServedDevice> devices)
{
    public IReadOnlyDictionary<string, ServedDevice> Devices { get; } = devices;
}

/// <summary>One hosted device: its driver, the applied setting's version, measured examples and the recent replies kept for retries.</summary>
internal sealed class ServedDevice(IDeviceDriver driver)
{
    // Enough for every retry a client makes of its last runs; older replies are forgotten first.
    private const int RememberedReplies = 64;
    private readonly Queue<string> _order = new();

    public IDeviceDriver Driver { get; } = driver;

    public long ControlsVersion { get; set; }

    public long Queries { get; set; }

    public Dictionary<string, Google.Protobuf.IMessage> Replies { get; } = new(StringComparer.Ordinal);

    public void Remember(string id, Google.Protobuf.IMessage reply)
    {
        if (id.Length == 0)
        {
            return;
        }
        Replies[id] = reply;
        _order.Enqueue(id);
        if (_order.Count > RememberedReplies)
        {
            Replies.Remove(_order.Dequeue());
        }
    }
}
