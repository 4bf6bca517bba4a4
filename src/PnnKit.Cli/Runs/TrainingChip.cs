using System.Numerics;
using PnnKit.Core.Physical;
using PnnKit.Devices.Recording;

namespace PnnKit.Cli.Runs;

/// <summary>
/// The chip a device run trains (`pnn train --device`, or `--replay` of one): mesh l as a system that measures (and, for
/// in-situ training, its gradients), told of every checkpoint so its recording marks it, and what it used.
/// </summary>
internal interface ITrainingChip<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Mesh <paramref name="layer"/>.</summary>
    IGradientSystem<T> Layer(int layer);

    /// <summary>A checkpoint was saved (<paramref name="label"/>, e.g. "epoch 3").</summary>
    void Checkpoint(string label);

    /// <summary>What the run used of the chip so far.</summary>
    DeviceUse Use(string method);
}

/// <summary>
/// A device run replayed offline from its recordings (RUNDIR/device{l}.jsonl, written by `pnn train --device`): every
/// measurement and gradient is answered from the file and checked against the query, so the replay retraces the run exactly.
/// </summary>
internal sealed class ReplayChip<T>(string runDirectory) : ITrainingChip<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dictionary<int, ReplaySystem<T>> _layers = [];

    /// <summary>The recording of mesh <paramref name="layer"/> in <paramref name="run"/>.</summary>
    public static string RecordingOf(string run, int layer) => Path.Combine(run, $"device{layer}.jsonl");

    /// <inheritdoc/>
    public IGradientSystem<T> Layer(int layer)
    {
        if (!_layers.TryGetValue(layer, out var replay))
        {
            string file = RecordingOf(runDirectory, layer);
            replay = File.Exists(file) ? new ReplaySystem<T>(file) : throw new FileNotFoundException($"{file}: no recording of mesh {layer}; replay a run trained with pnn train --device.", file);
            _layers[layer] = replay;
        }
        return replay;
    }

    /// <inheritdoc/>
    public void Checkpoint(string label)
    {
    }

    /// <inheritdoc/>
    public DeviceUse Use(string method) =>
        new($"replay of {runDirectory}", method, _layers.Values.Sum(r => r.QueryCount), 0, 0, 0, 0, 0, 0, 0) { Unreplayed = _layers.Values.Sum(r => r.Remaining) };

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
