namespace PnnKit.Devices;

/// <summary>How a <see cref="RemoteDevice{T}"/> waits for and retries a server.</summary>
public sealed record RemoteDeviceOptions
{
    /// <summary>
    /// Deadline of one call. Default 30 s: longer than a settling heater (ms) plus a large batch at a bench instrument's
    /// rate, shorter than a person notices a hung run.
    /// </summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries of a call that failed because the server was unreachable or late, before giving up. Default 5.</summary>
    public int Attempts { get; init; } = 5;

    /// <summary>Wait before the second try; each later one waits twice as long. Default 200 ms (so 5 tries span about 3 s).</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Throws naming the field and its allowed range.</summary>
    public void Validate()
    {
        if (CallTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CallTimeout), $"CallTimeout must be > 0, got {CallTimeout}.");
        }
        if (Attempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Attempts), $"Attempts must be ≥ 1, got {Attempts}.");
        }
        if (FirstBackoff < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(FirstBackoff), $"FirstBackoff must be ≥ 0, got {FirstBackoff}.");
        }
    }
}
