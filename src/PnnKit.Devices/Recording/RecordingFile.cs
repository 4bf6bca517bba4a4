using System.Text;
using System.Text.Json;

namespace PnnKit.Devices.Recording;

/// <summary>
/// A <see cref="DeviceRecording"/> read back and checked: every line a well-formed record, sequence numbers increasing
/// by one, each query's sizes matching its session's header. A line that does not parse is an error naming the file and
/// line, except a torn line left by a crash, the last of the file or of its session (the next line starts a session):
/// that is reported in <see cref="TornLines"/> and ignored. <see cref="Replayed"/> applies the resume rule.
/// </summary>
public sealed class RecordingFile
{
    private RecordingFile(string path, IReadOnlyList<RecordedSession> sessions, IReadOnlyList<string> torn, long lastSeq)
    {
        Path = path;
        Sessions = sessions;
        TornLines = torn;
        LastSeq = lastSeq;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The sessions, in the order they were recorded.</summary>
    public IReadOnlyList<RecordedSession> Sessions { get; }

    /// <summary>What was ignored: one line per torn line, naming the file and line.</summary>
    public IReadOnlyList<string> TornLines { get; }

    /// <summary>The sequence number of the last whole record (0 for an empty file).</summary>
    public long LastSeq { get; }

    /// <summary>
    /// The queries (measurements and gradient calls) of the run as it finally happened, in order. A session followed by
    /// another one ended in a crash and the run resumed from its last checkpoint: its queries after that checkpoint were
    /// redone by the next session and are skipped (all of them when it saved none). The last session is kept whole.
    /// </summary>
    public IReadOnlyList<DeviceRecord> Replayed() =>
        [.. Sessions.SelectMany((s, i) => i == Sessions.Count - 1 ? s.Queries : s.QueriesKeptOnResume())];

    /// <summary>Reads and checks <paramref name="path"/>.</summary>
    public static RecordingFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No device recording at {path}.", path);
        }
        var lines = File.ReadAllText(path, Encoding.UTF8).Split('\n');
        // The text after the last newline is empty for a file whose last record is whole.
        int count = lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var sessions = new List<(DeviceRecord Header, List<DeviceRecord> Records)>();
        var torn = new List<string>();
        long seq = 0;
        for (int i = 0; i < count; i++)
        {
            int line = i + 1;
            var record = Parse(lines[i]);
            if (record is null)
            {
                if (i == count - 1 || Parse(lines[i + 1]) is { Kind: DeviceRecord.SessionKind })
                {
                    torn.Add($"{path}, line {line}: a torn record (a crash while it was written), ignored.");
                    continue;
                }
                throw new InvalidDataException($"{path}, line {line}: not a device record (not one JSON object with kind, seq and time).");
            }
            record.Line = line;
            if (record.Seq != seq + 1)
            {
                throw new InvalidDataException($"{path}, line {line}: sequence number {record.Seq} follows {seq}; records must be numbered one after another.");
            }
            seq = record.Seq;
            if (record.Kind == DeviceRecord.SessionKind)
            {
                CheckHeader(path, record);
                sessions.Add((record, []));
                continue;
            }
            if (sessions.Count == 0)
            {
                throw new InvalidDataException($"{path}, line {line}: a {record.Kind} record before any session header.");
            }
            Check(path, sessions[^1].Header, record);
            sessions[^1].Records.Add(record);
        }
        return new RecordingFile(path, [.. sessions.Select(s => new RecordedSession(s.Header, s.Records))], torn, seq);
    }

    private static DeviceRecord? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<DeviceRecord>(line, DeviceRecording.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void CheckHeader(string path, DeviceRecord h)
    {
        if (string.IsNullOrEmpty(h.Device) || h.InputSize is not > 0 || h.OutputSize is not > 0 || h.ControlCount is not >= 0)
        {
            throw new InvalidDataException($"{path}, line {h.Line}: a session header needs device, inputSize and outputSize (positive) and controlCount.");
        }
    }

    private static void Check(string path, DeviceRecord h, DeviceRecord r)
    {
        switch (r.Kind)
        {
            case DeviceRecord.CheckpointKind:
                if (string.IsNullOrEmpty(r.Label))
                {
                    throw new InvalidDataException($"{path}, line {r.Line}: a checkpoint record needs a label.");
                }
                return;
            case DeviceRecord.MeasureKind or DeviceRecord.GradientKind:
                if (r.Batch is not int batch || batch < 0)
                {
                    throw new InvalidDataException($"{path}, line {r.Line}: a {r.Kind} record needs batch (a count of examples).");
                }
                Size(path, r, "controls", r.Controls, h.ControlCount!.Value);
                Size(path, r, "inputs", r.Inputs, batch * h.InputSize!.Value);
                if (r.Kind == DeviceRecord.MeasureKind)
                {
                    Size(path, r, "outputs", r.Outputs, batch * h.OutputSize!.Value);
                    return;
                }
                Size(path, r, "sources", r.Sources, batch * h.OutputSize!.Value);
                Size(path, r, "gradient", r.Gradient, h.ControlCount!.Value);
                Size(path, r, "inputGradient", r.InputGradient, batch * h.InputSize!.Value);
                return;
            default:
                throw new InvalidDataException($"{path}, line {r.Line}: unknown kind '{r.Kind}' (session, measure, gradient, checkpoint).");
        }
    }

    private static void Size(string path, DeviceRecord r, string field, double[]? values, int expected)
    {
        if (values is null || values.Length != expected)
        {
            throw new InvalidDataException($"{path}, line {r.Line}: {field} has {values?.Length.ToString() ?? "no"} values, the session's device needs {expected}.");
        }
    }
}
