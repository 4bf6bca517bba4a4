using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Physical;
using PnnKit.Core.Tensors;

namespace PnnKit.Devices.Recording;

/// <summary>
/// Any <see cref="IPhysicalSystem{T}"/> with every query and reading recorded to a <see cref="DeviceRecording"/> as it
/// happens, so a run against hardware can be replayed offline exactly by <see cref="ReplaySystem{T}"/>. Measurements are
/// and in-situ gradients (when the inner system measures them) are forwarded unchanged; one that throws is not recorded. Over a <see cref="RemoteDevice{T}"/> the device's own time for
/// each call is recorded too. The training loop calls <see cref="Checkpoint"/> each time it saves a checkpoint.
/// </summary>
public sealed class RecordingSystem<T> : IGradientSystem<T>, IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IPhysicalSystem<T> _inner;

    /// <summary>Records the queries to <paramref name="inner"/> in <paramref name="path"/>, appending a new session to an existing file.</summary>
    public RecordingSystem(IPhysicalSystem<T> inner, string path)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        string kind = inner is RemoteDevice<T> remote ? remote.Info.Kind : KindOf(inner);
        Recording = DeviceRecording.Open(path, inner.Name, kind, inner.InputSize, inner.OutputSize, inner.ControlCount);
    }

    /// <summary>The recording written to.</summary>
    public DeviceRecording Recording { get; }

    /// <inheritdoc/>
    public string Name => _inner.Name;

    /// <inheritdoc/>
    public int InputSize => _inner.InputSize;

    /// <inheritdoc/>
    public int OutputSize => _inner.OutputSize;

    /// <inheritdoc/>
    public int ControlCount => _inner.ControlCount;

    /// <inheritdoc/>
    public long QueryCount => _inner.QueryCount;

    /// <inheritdoc/>
    public Tensor<T> Measure(Tensor<T> inputs, ReadOnlySpan<T> controls, CostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var remote = _inner as RemoteDevice<T>;
        double before = remote?.Statistics.DeviceSeconds ?? 0;
        var outputs = _inner.Measure(inputs, controls, ledger);
        double? seconds = remote is null ? null : remote.Statistics.DeviceSeconds - before;
        Recording.RecordMeasure(inputs.Rows, Doubles.Of(controls), Doubles.Of<T>(inputs.Data), Doubles.Of<T>(outputs.Data), seconds);
        return outputs;
    }

    /// <inheritdoc/>
    public (T[] ControlGradient, Tensor<T> InputGradient) MeasureGradient(Tensor<T> inputs, Tensor<T> sources, ReadOnlySpan<T> controls, CostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(sources);
        var system = _inner as IGradientSystem<T> ?? throw new NotSupportedException($"{Name} does not measure its gradient.");
        var remote = _inner as RemoteDevice<T>;
        double before = remote?.Statistics.DeviceSeconds ?? 0;
        var (dControls, dx) = system.MeasureGradient(inputs, sources, controls, ledger);
        double? seconds = remote is null ? null : remote.Statistics.DeviceSeconds - before;
        Recording.RecordGradient(inputs.Rows, Doubles.Of(controls), Doubles.Of<T>(inputs.Data), Doubles.Of<T>(sources.Data), Doubles.Of<T>(dControls), Doubles.Of<T>(dx.Data), seconds);
        return (dControls, dx);
    }

    /// <summary>Marks a checkpoint the training loop saved (<paramref name="label"/>, e.g. "epoch 3").</summary>
    public void Checkpoint(string label) => Recording.Checkpoint(label);

    /// <inheritdoc/>
    public void Dispose() => Recording.Dispose();

    // MeshSystem`1 → MeshSystem: the simulator's type says what kind of device it is.
    private static string KindOf(IPhysicalSystem<T> system)
    {
        string name = system.GetType().Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }
}
