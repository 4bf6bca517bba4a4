using System.Diagnostics;
using System.Numerics;
using Grpc.Core;
using Grpc.Net.Client;
using PnnKit.Core.Costs;
using PnnKit.Core.Physical;
using PnnKit.Core.Tensors;
using PnnKit.Devices.Protocol;

namespace PnnKit.Devices;

/// <summary>
/// A device on a <see cref="DeviceServer"/> seen as an <see cref="IPhysicalSystem{T}"/>, so physics-aware training,
/// twin fitting and zeroth-order methods run against it unchanged. A measurement sends the controls when they changed,
/// then the batch; calls that fail because the server is unreachable or late are retried with doubling back-off, a run
/// under the same request id (the server answers a retried run from its cache: never measured twice). A server that
/// lost its setting (it restarted) gets it again. The device's energy (by category) and time go to the ledger; the
/// client's own wall time and retries are counted in <see cref="Statistics"/>. A device that measures its own gradient
/// (<see cref="DeviceInfo.GradientMethod"/>) answers <see cref="MeasureGradient"/> the same way, so in-situ training runs
/// through it.
/// </summary>
public sealed class RemoteDevice<T> : IGradientSystem<T>, IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly GrpcChannel _channel;
    private readonly Protocol.Device.DeviceClient _client;
    private readonly Metadata _headers;
    private readonly RemoteDeviceOptions _options;
    private readonly DeviceAddress _address;
    private double[]? _applied;
    private long _version;

    private RemoteDevice(DeviceAddress address, string token, RemoteDeviceOptions options)
    {
        _address = address;
        _options = options;
        _channel = GrpcChannel.ForAddress(address.Server);
        _client = new Protocol.Device.DeviceClient(_channel);
        _headers = new Metadata { { "authorization", "Bearer " + token } };
        var d = Call("Describe", () => _client.Describe(new DeviceRequest { Device = address.Device }, Options()));
        if (d.Protocol != DeviceService.ProtocolName)
        {
            throw new DeviceException($"{address}: the server speaks '{d.Protocol}', this client {DeviceService.ProtocolName}.");
        }
        Info = new DeviceInfo
        {
            Name = d.Name,
            Kind = d.Kind,
            Input = Spec(d.Input),
            Controls = [.. d.Controls.Select(Spec)],
            Readouts = [.. d.Readouts.Select(Spec)],
            SettlingSeconds = d.SettlingSeconds,
            SecondsPerExample = d.SecondsPerExample,
            Budget = d.Budget,
            GradientMethod = d.GradientMethod,
        };
        DeviceQueries = d.Queries;
    }

    /// <summary>Connects to <paramref name="address"/> with <paramref name="token"/> and reads the device's description.</summary>
    public static RemoteDevice<T> Connect(DeviceAddress address, string token, RemoteDeviceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentException.ThrowIfNullOrEmpty(token);
        options ??= new RemoteDeviceOptions();
        options.Validate();
        return new RemoteDevice<T>(address, token, options);
    }

    /// <summary>What the server says the device is.</summary>
    public DeviceInfo Info { get; }

    /// <summary>Calls, retries and times seen by this client.</summary>
    public RemoteDeviceStatistics Statistics { get; } = new();

    /// <inheritdoc/>
    public string Name => Info.Name;

    /// <inheritdoc/>
    public int InputSize => Info.InputSize;

    /// <inheritdoc/>
    public int OutputSize => Info.OutputSize;

    /// <inheritdoc/>
    public int ControlCount => Info.ControlCount;

    /// <summary>Examples measured through this client: the physical queries a training run made.</summary>
    public long QueryCount => Statistics.Examples;

    /// <summary>Examples the device has measured in all, as its server counts them (every client's, earlier runs' too).</summary>
    public long DeviceQueries { get; private set; }

    /// <inheritdoc/>
    public Tensor<T> Measure(Tensor<T> inputs, ReadOnlySpan<T> controls, CostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.RowLength != InputSize)
        {
            throw new ArgumentException($"{_address}: inputs need {InputSize} values per example, got {inputs.RowLength}.", nameof(inputs));
        }
        var request = new RunRequest { Device = _address.Device, Batch = inputs.Rows, RequestId = Guid.NewGuid().ToString("N") };
        foreach (var v in inputs.Data)
        {
            request.Inputs.Add(double.CreateChecked(v));
        }
        var reply = Applied(controls, "Run", () =>
        {
            request.ControlsVersion = _version;
            return _client.Run(request, Options());
        });
        if (reply.Outputs.Count != inputs.Rows * OutputSize)
        {
            throw new DeviceException($"{_address}: a run of {inputs.Rows} examples returned {reply.Outputs.Count} readings, expected {inputs.Rows * OutputSize}.");
        }
        var y = new Tensor<T>(inputs.Rows, OutputSize);
        var bad = new List<int>();
        for (int i = 0; i < reply.Outputs.Count; i++)
        {
            double v = reply.Outputs[i];
            if (!double.IsFinite(v) && (bad.Count == 0 || bad[^1] != i / OutputSize))
            {
                bad.Add(i / OutputSize);
            }
            y.Data[i] = T.CreateChecked(double.IsFinite(v) ? v : 0);
        }
        Count(reply.Queries, reply.DeviceSeconds, inputs.Rows, reply.EnergyJoules, ledger, reply.LatencySeconds);
        foreach (var (component, watts) in reply.StaticPowerWatts)
        {
            ledger?.AddStaticPower($"{Name} (remote) {component}", new Power(watts));
        }
        return bad.Count > 0 ? throw new NonFiniteMeasurementException(Name, bad) : y;
    }

    /// <inheritdoc/>
    public (T[] ControlGradient, Tensor<T> InputGradient) MeasureGradient(Tensor<T> inputs, Tensor<T> sources, ReadOnlySpan<T> controls, CostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(sources);
        if (Info.GradientMethod.Length == 0)
        {
            throw new DeviceException($"{_address}: the device ({Info.Kind}) does not measure its gradient; train it physics-aware or zeroth-order instead.");
        }
        if (inputs.RowLength != InputSize || sources.Rows != inputs.Rows || sources.RowLength != OutputSize)
        {
            throw new ArgumentException($"{_address}: a gradient needs [batch, {InputSize}] inputs and [batch, {OutputSize}] sources, got [{inputs.Rows}, {inputs.RowLength}] and [{sources.Rows}, {sources.RowLength}].", nameof(inputs));
        }
        var request = new GradientRequest { Device = _address.Device, Batch = inputs.Rows, RequestId = Guid.NewGuid().ToString("N") };
        request.Inputs.Add(inputs.Data.Select(double.CreateChecked));
        request.Sources.Add(sources.Data.Select(double.CreateChecked));
        var reply = Applied(controls, "MeasureGradient", () =>
        {
            request.ControlsVersion = _version;
            return _client.MeasureGradient(request, Options());
        });
        if (reply.ControlGradient.Count != ControlCount || reply.InputGradient.Count != inputs.Length)
        {
            throw new DeviceException($"{_address}: a gradient of {inputs.Rows} examples returned {reply.ControlGradient.Count} control and {reply.InputGradient.Count} input values, expected {ControlCount} and {inputs.Length}.");
        }
        Statistics.Readings += reply.Readings;
        Statistics.GradientExamples += inputs.Rows;
        // A gradient is a training measurement: its device time is not an inference's latency.
        Count(reply.Queries, reply.DeviceSeconds, inputs.Rows, reply.EnergyJoules, ledger, 0);
        var dx = new Tensor<T>(inputs.Rows, InputSize);
        for (int i = 0; i < dx.Length; i++)
        {
            dx.Data[i] = T.CreateChecked(reply.InputGradient[i]);
        }
        return ([.. reply.ControlGradient.Select(T.CreateChecked)], dx);
    }

    /// <summary>The device's monitors (temperature, laser power, ...).</summary>
    public IReadOnlyDictionary<string, double> Monitors() =>
        Call("ReadMonitors", () => _client.ReadMonitors(new DeviceRequest { Device = _address.Device }, Options())).Values.ToDictionary();

    /// <inheritdoc/>
    public void Dispose() => _channel.Dispose();

    private void Apply(double[] controls)
    {
        var request = new ControlSettings { Device = _address.Device };
        request.Values.Add(controls);
        _version = Call("SetControls", () => _client.SetControls(request, Options())).Version;
        _applied = controls;
    }

    // A measurement with `controls` applied: sent when they changed; a server that lost them (it restarted, or another
    // client changed them) refuses the measurement, which measured nothing, and gets them again.
    private TReply Applied<TReply>(ReadOnlySpan<T> controls, string method, Func<TReply> call)
    {
        if (controls.Length != ControlCount)
        {
            throw new ArgumentException($"{_address}: expected {ControlCount} controls, got {controls.Length}.", nameof(controls));
        }
        var c = new double[controls.Length];
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = double.CreateChecked(controls[i]);
        }
        if (_applied is null || !c.AsSpan().SequenceEqual(_applied))
        {
            Apply(c);
        }
        try
        {
            return Call(method, call);
        }
        catch (DeviceException e) when (e.Status == StatusCode.FailedPrecondition)
        {
            Apply(c);
            return Call(method, call);
        }
    }

    private void Count(long deviceQueries, double deviceSeconds, int examples, IDictionary<string, double> energy, CostLedger? ledger, double latencySeconds)
    {
        DeviceQueries = deviceQueries;
        Statistics.DeviceSeconds += deviceSeconds;
        Statistics.Examples += examples;
        foreach (var (category, joules) in energy)
        {
            Statistics.EnergyJoules += joules;
        }
        if (ledger is not null)
        {
            Charge(ledger, latencySeconds, energy, examples);
        }
    }

    // The device's energy by category; its latency for one example once, with the first entry.
    private void Charge(CostLedger ledger, double latencySeconds, IDictionary<string, double> energy, int examples)
    {
        var latency = new Duration(latencySeconds);
        foreach (var (category, joules) in energy.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!Enum.TryParse<CostCategory>(category, out var c))
            {
                throw new DeviceException($"{_address}: the device reports energy in category '{category}', which is not one of {string.Join(", ", Enum.GetNames<CostCategory>())}.");
            }
            ledger.Charge($"{Name} (remote) {category}", c, new Energy(joules), examples, latency);
            latency = default;
        }
        if (energy.Count == 0)
        {
            ledger.Exclude($"{Name} (remote) energy", "the device does not meter its energy");
        }
    }

    private CallOptions Options() => new(_headers, DateTime.UtcNow + _options.CallTimeout);

    private TReply Call<TReply>(string method, Func<TReply> call)
    {
        var backoff = _options.FirstBackoff;
        var clock = Stopwatch.StartNew();
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                Statistics.Calls++;
                var reply = call();
                Statistics.WallSeconds += clock.Elapsed.TotalSeconds;
                return reply;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                if (attempt >= _options.Attempts)
                {
                    Statistics.WallSeconds += clock.Elapsed.TotalSeconds;
                    throw new DeviceException($"{_address}: {method} got no answer after {attempt} tries over {clock.Elapsed.TotalSeconds:F1} s ({e.Status.Detail}); the device stopped answering.", e);
                }
                Statistics.Retries++;
                Thread.Sleep(backoff);
                backoff *= 2;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                Statistics.WallSeconds += clock.Elapsed.TotalSeconds;
                throw new QueryBudgetExhaustedException(Name, Info.Budget, DeviceQueries, 0);
            }
            catch (RpcException e)
            {
                Statistics.WallSeconds += clock.Elapsed.TotalSeconds;
                throw new DeviceException($"{_address}: {method} refused ({e.StatusCode}): {e.Status.Detail}", e);
            }
        }
    }

    private static ChannelSpec Spec(Protocol.ChannelGroup g) => new(g.Name, g.Unit, g.Count, g.Min, g.Max, g.Resolution, g.Wraps);
}

/// <summary>What a <see cref="RemoteDevice{T}"/> has done so far.</summary>
public sealed class RemoteDeviceStatistics
{
    /// <summary>Calls sent, retries included.</summary>
    public long Calls { get; internal set; }

    /// <summary>Calls repeated after the server was unreachable or late.</summary>
    public long Retries { get; internal set; }

    /// <summary>Examples measured through this client (inference and gradient measurements).</summary>
    public long Examples { get; internal set; }

    /// <summary>Of <see cref="Examples"/>, those whose gradient was measured.</summary>
    public long GradientExamples { get; internal set; }

    /// <summary>Detector readings the device's gradient measurements took.</summary>
    public long Readings { get; internal set; }

    /// <summary>Energy the device metered for this client's measurements, J (0 when it does not meter).</summary>
    public double EnergyJoules { get; internal set; }

    /// <summary>Device time the server reported for this client's runs, s.</summary>
    public double DeviceSeconds { get; internal set; }

    /// <summary>Wall time this client spent in calls (network and waiting included), s.</summary>
    public double WallSeconds { get; internal set; }
}
