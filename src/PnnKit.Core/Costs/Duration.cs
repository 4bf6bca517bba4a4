namespace PnnKit.Core.Costs;

/// <summary>A time span in seconds, for latencies and deployment lifetimes; <see cref="Power"/> × duration = <see cref="Energy"/>.</summary>
/// <param name="Seconds">The duration, s.</param>
public readonly record struct Duration(double Seconds) : IComparable<Duration>
{
    /// <summary>No time.</summary>
    public static Duration Zero => default;

    /// <summary>From days of 86,400 s.</summary>
    public static Duration FromDays(double days) => new(days * 86_400);

    /// <summary>From years of 365 days.</summary>
    public static Duration FromYears(double years) => new(years * 365 * 86_400);

    /// <summary>The period of a rate: 1 / <paramref name="hertz"/>.</summary>
    public static Duration FromRate(double hertz) => new(1 / hertz);

    /// <summary>True when the value is a finite, non-negative duration (what a latency can be).</summary>
    public bool IsValidCost => double.IsFinite(Seconds) && Seconds >= 0;

    public static Duration operator +(Duration a, Duration b) => new(a.Seconds + b.Seconds);

    public static Duration operator -(Duration a, Duration b) => new(a.Seconds - b.Seconds);

    public static Duration operator *(Duration t, double factor) => new(t.Seconds * factor);

    public static Duration operator *(double factor, Duration t) => new(t.Seconds * factor);

    public static Duration operator /(Duration t, double divisor) => new(t.Seconds / divisor);

    /// <summary>The ratio of two durations (how many of <paramref name="b"/> fit in <paramref name="a"/>), dimensionless.</summary>
    public static double operator /(Duration a, Duration b) => a.Seconds / b.Seconds;

    public static bool operator <(Duration a, Duration b) => a.Seconds < b.Seconds;

    public static bool operator >(Duration a, Duration b) => a.Seconds > b.Seconds;

    public static bool operator <=(Duration a, Duration b) => a.Seconds <= b.Seconds;

    public static bool operator >=(Duration a, Duration b) => a.Seconds >= b.Seconds;

    /// <summary>Sum of <paramref name="durations"/>.</summary>
    public static Duration Sum(IEnumerable<Duration> durations) => new(durations.Sum(d => d.Seconds));

    /// <inheritdoc/>
    public int CompareTo(Duration other) => Seconds.CompareTo(other.Seconds);

    /// <summary>"250 ns".</summary>
    public override string ToString() => SiFormat.Format(Seconds, "s");
}
