using PnnKit.Core.Random;

namespace PnnKit.Memristive.Devices;

/// <summary>
/// Random telegraph noise (RTN) of one filamentary cell: a trap near the filament captures and emits a carrier, so the
/// conductance switches between two levels, G·(1 + A·(s − p)) with s ∈ {0, 1} and p the stationary probability of s = 1
/// (so the mean is G). The switching is a two-state Markov process with rates <see cref="RateUp"/> (0 → 1) and
/// <see cref="RateDown"/> (1 → 0): dwell times are exponential with means 1/rate, and the autocorrelation of s − p is
/// p(1 − p)·exp(−(r_up + r_down)·τ) (Machlup, J. Appl. Phys. 25, 341 (1954)). RTN is the read noise of HfOx RRAM
/// (Ambrogio et al., "Statistical fluctuations in HfOx resistive-switching memory: Part II — random telegraph noise",
/// IEEE Trans. Electron Devices 61, 2920 (2014); Puglisi et al., IEEE EDL 34, 387 (2013)).
/// </summary>
/// <param name="RelativeAmplitude">ΔG/G between the two levels (≥ 0).</param>
/// <param name="RateUp">Rate of 0 → 1 switches, s⁻¹ (&gt; 0).</param>
/// <param name="RateDown">Rate of 1 → 0 switches, s⁻¹ (&gt; 0).</param>
public sealed record TelegraphNoise(double RelativeAmplitude, double RateUp, double RateDown)
{
    /// <summary>Stationary probability of the upper level, r_up / (r_up + r_down).</summary>
    public double UpperProbability => RateUp / (RateUp + RateDown);

    /// <summary>Relative standard deviation of the conductance, A·√(p(1 − p)).</summary>
    public double RelativeSigma => RelativeAmplitude * Math.Sqrt(UpperProbability * (1 - UpperProbability));

    /// <summary>The relative deviation of level <paramref name="upper"/> from the mean: A·(s − p).</summary>
    public double Deviation(bool upper) => RelativeAmplitude * ((upper ? 1 : 0) - UpperProbability);

    /// <summary>A level drawn from the stationary distribution (a read long after the last one): upper with probability p.</summary>
    public bool SampleStationary(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return rng.NextDouble() < UpperProbability;
    }

    /// <summary>
    /// The level <paramref name="dtSeconds"/> after <paramref name="upper"/>, exactly: P(1 at t + Δt | s) = p + (s − p)·e^(−(r_up + r_down)Δt).
    /// </summary>
    public bool Step(bool upper, double dtSeconds, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(dtSeconds >= 0) || !double.IsFinite(dtSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(dtSeconds), $"dtSeconds must be finite and ≥ 0 s, got {dtSeconds}.");
        }
        double p = UpperProbability;
        double pUpper = p + (((upper ? 1 : 0) - p) * Math.Exp(-(RateUp + RateDown) * dtSeconds));
        return rng.NextDouble() < pUpper;
    }

    /// <summary>Throws naming the first invalid field and its allowed range.</summary>
    public void Validate()
    {
        if (!double.IsFinite(RelativeAmplitude) || RelativeAmplitude < 0 || RelativeAmplitude >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RelativeAmplitude), $"RelativeAmplitude must be in [0, 1), got {RelativeAmplitude}.");
        }
        if (!(RateUp > 0) || !double.IsFinite(RateUp))
        {
            throw new ArgumentOutOfRangeException(nameof(RateUp), $"RateUp must be finite and > 0 s⁻¹, got {RateUp}.");
        }
        if (!(RateDown > 0) || !double.IsFinite(RateDown))
        {
            throw new ArgumentOutOfRangeException(nameof(RateDown), $"RateDown must be finite and > 0 s⁻¹, got {RateDown}.");
        }
    }
}
