namespace PnnKit.Devices.Recording;

/// <summary>
/// The figures of one recording, as <c>pnn runs recording</c> prints them: sessions, queries and examples measured,
/// gradient calls, checkpoints, the queries a resume superseded, torn lines, and the time span from first to last record.
/// </summary>
public sealed record RecordingSummary(
    string Path,
    string Device,
    int Sessions,
    int Measurements,
    long Examples,
    int Gradients,
    int Checkpoints,
    int Superseded,
    int TornLines,
    string? First,
    string? Last)
{
    /// <summary>Summarises <paramref name="recording"/>; a file without sessions names no device and no times.</summary>
    public static RecordingSummary Of(RecordingFile recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var sessions = recording.Sessions;
        var queries = sessions.SelectMany(s => s.Queries).ToList();
        var records = sessions.SelectMany(s => s.Records.Prepend(s.Header)).ToList();
        return new RecordingSummary(
            recording.Path,
            string.Join(", ", sessions.Select(s => s.Header.Device).Distinct()),
            sessions.Count,
            queries.Count(q => q.Kind == DeviceRecord.MeasureKind),
            queries.Where(q => q.Kind == DeviceRecord.MeasureKind).Sum(q => (long)q.Batch!.Value),
            queries.Count(q => q.Kind == DeviceRecord.GradientKind),
            sessions.Sum(s => s.Checkpoints.Count()),
            queries.Count - recording.Replayed().Count,
            recording.TornLines.Count,
            records.FirstOrDefault()?.Time,
            records.LastOrDefault()?.Time);
    }
}
