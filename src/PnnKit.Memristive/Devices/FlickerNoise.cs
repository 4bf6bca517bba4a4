using PnnKit.Core.Random;

namespace PnnKit.Memristive.Devices;

/// <summary>
/// A 1/f (flicker) noise process: relative fluctuations with one-sided power spectral density S(f) = Q²/f between
/// <see cref="LowFrequency"/> and <see cref="HighFrequency"/>, built as McWhorter's superposition of Lorentzians
/// (McWhorter 1957; Van der Ziel, Proc. IEEE 76, 233 (1988)): one Ornstein–Uhlenbeck process per corner frequency,
/// corners spaced by a constant ratio ρ, each of variance Q²·ln ρ. A sum of Lorentzians 4s²γ/(γ² + ω²) with log-uniform
/// rates γ is s²/(ln ρ · f), so the total variance is Q²·ln(f_hi/f_lo): the integral of Q²/f over the band, which is the
/// read-noise variance of Joshi et al., Nat. Commun. 11, 2473 (2020) with f_lo = 1/(t + t_read) and f_hi = 1/(2 t_read)
/// (see <see cref="PcmNoiseModel.ReadNoiseRelativeSigma"/>). Each component is sampled exactly at a fixed interval
/// (x ← a·x + √(1 − a²)·s·z, a = e^(−γΔt)), so a trace of any length has the stationary statistics from its first sample.
/// </summary>
public sealed class FlickerNoise
{
    /// <summary>Corner frequencies per decade: 4 (ratio ρ = 10^¼; the sum's ripple around 1/f is under 1 %, Van der Ziel 1988).</summary>
    public const int CornersPerDecade = 4;

    private readonly double[] _gamma, _sigma, _state;

    /// <summary>
    /// A process of amplitude <paramref name="q"/> (S(f) = q²/f) over [<paramref name="lowFrequency"/>, <paramref name="highFrequency"/>] Hz,
    /// started in its stationary distribution from <paramref name="rng"/>.
    /// </summary>
    public FlickerNoise(double q, double lowFrequency, double highFrequency, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!double.IsFinite(q) || q < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(q), $"q must be finite and ≥ 0, got {q}.");
        }
        if (!(lowFrequency > 0) || !(highFrequency > lowFrequency) || !double.IsFinite(highFrequency))
        {
            throw new ArgumentOutOfRangeException(nameof(lowFrequency), $"the band must satisfy 0 < lowFrequency < highFrequency < ∞ Hz, got [{lowFrequency}, {highFrequency}].");
        }
        Q = q;
        LowFrequency = lowFrequency;
        HighFrequency = highFrequency;
        double decades = Math.Log10(highFrequency / lowFrequency);
        int n = Math.Max(1, (int)Math.Ceiling(decades * CornersPerDecade));
        double lnRatio = Math.Log(highFrequency / lowFrequency) / n;
        _gamma = new double[n];
        _sigma = new double[n];
        _state = new double[n];
        for (int k = 0; k < n; k++)
        {
            // Corners at the geometric centres of n equal log-slices of the band.
            _gamma[k] = 2 * Math.PI * lowFrequency * Math.Exp((k + 0.5) * lnRatio);
            _sigma[k] = q * Math.Sqrt(lnRatio);
            _state[k] = _sigma[k] * rng.Normal();
        }
    }

    /// <summary>Amplitude Q: S(f) = Q²/f.</summary>
    public double Q { get; }

    /// <summary>Lowest frequency of the band, Hz.</summary>
    public double LowFrequency { get; }

    /// <summary>Highest frequency of the band, Hz.</summary>
    public double HighFrequency { get; }

    /// <summary>Stationary variance, Q²·ln(f_hi/f_lo).</summary>
    public double Variance => Q * Q * Math.Log(HighFrequency / LowFrequency);

    /// <summary>The current value (relative fluctuation).</summary>
    public double Value
    {
        get
        {
            double s = 0;
            foreach (double x in _state)
            {
                s += x;
            }
            return s;
        }
    }

    /// <summary>Advances the process by <paramref name="dtSeconds"/> and returns its new value.</summary>
    public double Advance(double dtSeconds, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(dtSeconds > 0) || !double.IsFinite(dtSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(dtSeconds), $"dtSeconds must be finite and > 0 s, got {dtSeconds}.");
        }
        double s = 0;
        for (int k = 0; k < _state.Length; k++)
        {
            double a = Math.Exp(-_gamma[k] * dtSeconds);
            _state[k] = (a * _state[k]) + (Math.Sqrt(1 - (a * a)) * _sigma[k] * rng.Normal());
            s += _state[k];
        }
        return s;
    }

    /// <summary><paramref name="count"/> values at intervals of <paramref name="dtSeconds"/> (the current value first).</summary>
    public double[] Trace(int count, double dtSeconds, Rng rng)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"count must be ≥ 1, got {count}.");
        }
        var v = new double[count];
        v[0] = Value;
        for (int i = 1; i < count; i++)
        {
            v[i] = Advance(dtSeconds, rng);
        }
        return v;
    }
}
