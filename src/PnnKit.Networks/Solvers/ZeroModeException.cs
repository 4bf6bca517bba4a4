namespace PnnKit.Networks.Solvers;

/// <summary>
/// The stiffness (or conductance) matrix is singular: the network has a zero-energy mode — a floppy
/// mechanism after a bond is cut, or a floating part. <see cref="Index"/> is the unknown (in the
/// caller's numbering) at which the near-zero pivot appeared.
/// </summary>
public sealed class ZeroModeException : Exception
{
    /// <summary>An exception for unknown <paramref name="index"/> with <paramref name="message"/>.</summary>
    public ZeroModeException(int index, string message) : base(message) => Index = index;

    /// <summary>An exception with <paramref name="message"/>.</summary>
    public ZeroModeException(string message) : base(message) => Index = -1;

    /// <summary>An exception with <paramref name="message"/> and an inner cause.</summary>
    public ZeroModeException(string message, Exception inner) : base(message, inner) => Index = -1;

    /// <summary>An exception with no message.</summary>
    public ZeroModeException() => Index = -1;

    /// <summary>The unknown whose pivot vanished (−1 when not known).</summary>
    public int Index { get; }
}
