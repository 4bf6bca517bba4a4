namespace PnnKit.Core.Physical;

/// <summary>
/// A physical system returned NaN or ±∞ for some examples of a batch. The trainer drops those
/// examples from the step, counts them, and measures the rest again: a method never trains on them.
/// </summary>
public sealed class NonFiniteMeasurementException : Exception
{
    /// <summary>The system and the batch rows whose measurements were not finite.</summary>
    public NonFiniteMeasurementException(string system, IReadOnlyList<int> rows)
        : base($"{system} returned non-finite measurements for {rows?.Count} example(s) of the batch (rows {string.Join(", ", (rows ?? []).Take(8))}{((rows?.Count ?? 0) > 8 ? ", …" : "")}).")
    {
        ArgumentNullException.ThrowIfNull(rows);
        System = system;
        Rows = rows;
    }

    /// <summary>Not used: the rows are required.</summary>
    public NonFiniteMeasurementException()
        : this("a physical system", [])
    {
    }

    /// <summary>Not used: the rows are required.</summary>
    public NonFiniteMeasurementException(string message, Exception innerException)
        : base(message, innerException)
    {
        System = "a physical system";
        Rows = [];
    }

    /// <summary>Name of the system.</summary>
    public string System { get; }

    /// <summary>Batch rows (0-based) with a non-finite measurement.</summary>
    public IReadOnlyList<int> Rows { get; }
}
