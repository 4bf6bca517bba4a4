namespace PnnKit.Devices.Recording;

/// <summary>A replayed run asked a query the recording does not hold next: the run is not the one recorded.</summary>
public sealed class ReplayMismatchException : Exception
{
    /// <summary>A mismatch at record <paramref name="seq"/> of <paramref name="path"/> (null past the last record), in <paramref name="field"/>.</summary>
    public ReplayMismatchException(string path, long? seq, string field, string message) : base(message)
    {
        Path = path;
        Seq = seq;
        Field = field;
    }

    /// <summary>The recording replayed.</summary>
    public string Path { get; }

    /// <summary>The sequence number of the record the query was checked against; null when the recording had no more.</summary>
    public long? Seq { get; }

    /// <summary>What differed: kind, batch, controls, inputs or sources.</summary>
    public string Field { get; }
}
