namespace PnnKit.Core.Data;

/// <summary>
/// Data that cannot be used as given: a missing file or directory, a truncated or corrupt IDX/gzip
/// file, a malformed CSV row, or a NaN/infinity in features. The message is one line that names the
/// file (and offset or field) and says what was expected, so a user can fix the input without a
/// debugger. The CLI maps this type to exit code 2.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>An empty message; prefer the other constructors.</summary>
    public DataFormatException() { }

    /// <summary>A one-line message naming the file and what was expected.</summary>
    public DataFormatException(string message) : base(message) { }

    /// <summary>A one-line message and the lower-level cause (for example an <see cref="InvalidDataException"/>).</summary>
    public DataFormatException(string message, Exception innerException) : base(message, innerException) { }
}
