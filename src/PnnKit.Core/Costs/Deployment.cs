namespace PnnKit.Core.Costs;

/// <summary>
/// A stated deployment: how many inferences per second over how long. One-off and recurring costs
/// (calibration, drift management, retraining) are amortised over its inferences (DESIGN.md §6).
/// </summary>
public sealed record Deployment
{
    /// <summary>A deployment running <paramref name="inferencesPerSecond"/> for <paramref name="lifetime"/>.</summary>
    public Deployment(double inferencesPerSecond, Duration lifetime)
    {
        if (!double.IsFinite(inferencesPerSecond) || inferencesPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inferencesPerSecond), $"inferences per second must be finite and > 0, got {inferencesPerSecond}.");
        }
        if (!double.IsFinite(lifetime.Seconds) || lifetime.Seconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), $"deployment lifetime must be finite and > 0 s, got {lifetime.Seconds}.");
        }
        InferencesPerSecond = inferencesPerSecond;
        Lifetime = lifetime;
    }

    /// <summary>Mean inference rate, 1/s.</summary>
    public double InferencesPerSecond { get; }

    /// <summary>How long the system is deployed.</summary>
    public Duration Lifetime { get; }

    /// <summary>Inferences over the lifetime: the denominator of every amortised term.</summary>
    public double Inferences => InferencesPerSecond * Lifetime.Seconds;
}
