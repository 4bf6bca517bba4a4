using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PnnKit.Devices.Recording;

/// <summary>
/// An append-only record of every query a client made to a device and every reading it got, as JSON lines
/// (one <see cref="DeviceRecord"/> per line): a session header, then measurements, in-situ gradients and checkpoint
/// markers, each with a UTC timestamp and a sequence number that keeps increasing across sessions. Each record is
/// flushed to disk as it is written, so a crash loses nothing already measured. Opening an existing file appends a
/// new session after what is there and never rewrites it; <see cref="ReplaySystem{T}"/> reads it back.
/// </summary>
public sealed class DeviceRecording : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly FileStream _file;
    private readonly Lock _lock = new();
    private long _seq;

    private DeviceRecording(string path, FileStream file, long lastSeq)
    {
        Path = path;
        _file = file;
        _seq = lastSeq;
    }

    /// <summary>The file recorded to.</summary>
    public string Path { get; }

    /// <summary>The sequence number of the last record written (0 before any).</summary>
    public long LastSeq => _seq;

    /// <summary>
    /// Opens <paramref name="path"/> for appending (creating it and its folder if needed) and writes the header of a new
    /// session for the device <paramref name="device"/> of kind <paramref name="deviceKind"/>. An existing file is read
    /// first, so numbering goes on from its last record and a file corrupt before its end is refused, not appended to.
    /// </summary>
    public static DeviceRecording Open(string path, string device, string deviceKind, int inputSize, int outputSize, int controlCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(device);
        long lastSeq = 0;
        bool endsTorn = false;
        if (File.Exists(path))
        {
            var existing = RecordingFile.Read(path);
            lastSeq = existing.LastSeq;
            endsTorn = EndsWithoutNewline(path);
        }
        else if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var recording = new DeviceRecording(path, file, lastSeq);
        if (endsTorn)
        {
            // A crash tore the last line: end it, so the new session starts on a line of its own and the torn one stays as it was.
            file.WriteByte((byte)'\n');
        }
        recording.Write(seq => new DeviceRecord
        {
            Kind = DeviceRecord.SessionKind,
            Seq = seq,
            Time = Now(),
            Device = device,
            DeviceKind = deviceKind,
            InputSize = inputSize,
            OutputSize = outputSize,
            ControlCount = controlCount,
            Host = Environment.MachineName,
        });
        return recording;
    }

    /// <summary>Records a measurement of <paramref name="batch"/> examples: what was sent and what was read.</summary>
    public long RecordMeasure(int batch, ReadOnlySpan<double> controls, ReadOnlySpan<double> inputs, ReadOnlySpan<double> outputs, double? deviceSeconds = null)
    {
        double[] c = controls.ToArray(), x = inputs.ToArray(), y = outputs.ToArray();
        return Write(seq => new DeviceRecord { Kind = DeviceRecord.MeasureKind, Seq = seq, Time = Now(), Batch = batch, Controls = c, Inputs = x, Outputs = y, DeviceSeconds = deviceSeconds });
    }

    /// <summary>
    /// Records an in-situ gradient call of <paramref name="batch"/> examples: the forward inputs and adjoint
    /// <paramref name="sources"/> sent, the gradient per control and the input gradient the device returned.
    /// </summary>
    public long RecordGradient(int batch, ReadOnlySpan<double> controls, ReadOnlySpan<double> inputs, ReadOnlySpan<double> sources, ReadOnlySpan<double> gradient, ReadOnlySpan<double> inputGradient, double? deviceSeconds = null)
    {
        double[] c = controls.ToArray(), x = inputs.ToArray(), s = sources.ToArray(), g = gradient.ToArray(), gx = inputGradient.ToArray();
        return Write(seq => new DeviceRecord { Kind = DeviceRecord.GradientKind, Seq = seq, Time = Now(), Batch = batch, Controls = c, Inputs = x, Sources = s, Gradient = g, InputGradient = gx, DeviceSeconds = deviceSeconds });
    }

    /// <summary>
    /// Marks that the training loop saved a checkpoint (<paramref name="label"/>, e.g. "epoch 3"): a run resumed from it
    /// redoes what this session records after it, so replay skips that (see <see cref="RecordingFile"/>).
    /// </summary>
    public long Checkpoint(string label)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        return Write(seq => new DeviceRecord { Kind = DeviceRecord.CheckpointKind, Seq = seq, Time = Now(), Label = label });
    }

    /// <inheritdoc/>
    public void Dispose() => _file.Dispose();

    internal static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private long Write(Func<long, DeviceRecord> record)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(!_file.CanWrite, this);
            var line = JsonSerializer.SerializeToUtf8Bytes(record(_seq + 1), Json);
            _file.Write(line);
            _file.WriteByte((byte)'\n');
            _file.Flush(flushToDisk: true);
            return ++_seq;
        }
    }

    private static bool EndsWithoutNewline(string path)
    {
        using var f = File.OpenRead(path);
        if (f.Length == 0)
        {
            return false;
        }
        f.Seek(-1, SeekOrigin.End);
        return f.ReadByte() != '\n';
    }
}
