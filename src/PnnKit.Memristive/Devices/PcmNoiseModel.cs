using PnnKit.Core.Random;

namespace PnnKit.Memristive.Devices;

/// <summary>
/// Statistical model of phase-change memory devices (programming noise, conductance drift and
/// accumulated 1/f read noise), following the model that aihwkit's PCMLikeNoiseModel implements,
/// fitted on ~1M PCM devices (Nandakumar et al., ICECS 2019; Joshi et al., Nat. Commun. 11, 2473 (2020)).
/// Conductances are in siemens; every formula is in relative conductance g/GMax.
/// Time convention (as aihwkit): <c>age</c> is seconds since programming finished, and the drift
/// clock is t = age + t₀, so the state at age 0 is the state at the first read, t₀ = 20 s.
/// </summary>
public sealed class PcmNoiseModel
{
    /// <summary>Programming-noise polynomial coefficients c₀, c₁, c₂ in µS for GMax = 25 µS (aihwkit PCMLikeNoiseModel prog_coeff).</summary>
    public static readonly IReadOnlyList<double> DefaultProgrammingCoefficients = [0.26348, 1.9650, -1.1731];

    /// <summary>The GMax the coefficients were fitted for, S (25 µS, aihwkit prog_coeff_g_max_reference).</summary>
    public const double CoefficientReferenceGMax = 25e-6;

    /// <summary>A model for devices with maximum conductance <paramref name="gMax"/>, S.</summary>
    public PcmNoiseModel(double gMax = Crossbar.WeightMapping.DefaultGMax)
    {
        if (!double.IsFinite(gMax) || gMax <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(gMax), $"gMax must be a finite conductance > 0 S, got {gMax}.");
        }
        GMax = gMax;
    }

    /// <summary>Maximum device conductance, S.</summary>
    public double GMax { get; }

    /// <summary>Programming-noise polynomial coefficients, µS (see <see cref="DefaultProgrammingCoefficients"/>).</summary>
    public IReadOnlyList<double> ProgrammingCoefficients { get; init; } = DefaultProgrammingCoefficients;

    /// <summary>Reference time of the drift power law, s: t₀ = 20 s (aihwkit PCMLikeNoiseModel t_0).</summary>
    public double T0 { get; init; } = 20.0;

    /// <summary>Read duration in the 1/f noise integral, s: 250 ns (aihwkit PCMLikeNoiseModel t_read).</summary>
    public double TRead { get; init; } = 250e-9;

    /// <summary>Multiplier on the programming-noise σ (1 = the fitted model, 0 = off).</summary>
    public double ProgrammingNoiseScale { get; init; } = 1.0;

    /// <summary>Multiplier on the read-noise σ (1 = the fitted model, 0 = off).</summary>
    public double ReadNoiseScale { get; init; } = 1.0;

    /// <summary>Multiplier on the drift exponent ν (1 = the fitted model, 0 = no drift).</summary>
    public double DriftScale { get; init; } = 1.0;

    /// <summary>Programming-noise standard deviation, S: σ = Σ cᵢ (g/GMax)ⁱ µS, rescaled by GMax / 25 µS, times the scale.</summary>
    public double ProgrammingSigma(double gTarget)
    {
        double r = gTarget / GMax, p = 1, s = 0;
        foreach (double c in ProgrammingCoefficients)
        {
            s += c * p;
            p *= r;
        }
        return ProgrammingNoiseScale * s * 1e-6 * (GMax / CoefficientReferenceGMax);
    }

    /// <summary>A programmed conductance: gTarget + σ(gTarget)·N(0,1), clipped at 0 S.</summary>
    public double SampleProgrammed(double gTarget, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return Math.Max(0, gTarget + (ProgrammingSigma(gTarget) * rng.Normal()));
    }

    /// <summary>
    /// Mean and standard deviation of the drift exponent ν for a target conductance (aihwkit's PCM fit):
    /// μ = clamp(−0.0155 ln(g/GMax) + 0.0244, 0.049, 0.1), σ = clamp(−0.0125 ln(g/GMax) − 0.0059, 0.008, 0.045).
    /// </summary>
    public static (double Mean, double Std) DriftStatistics(double relativeConductance)
    {
        double lr = Math.Log(Math.Max(Math.Abs(relativeConductance), 1e-7));
        double mu = Math.Clamp((-0.0155 * lr) + 0.0244, 0.049, 0.1);
        double sig = Math.Clamp((-0.0125 * lr) - 0.0059, 0.008, 0.045);
        return (mu, sig);
    }

    /// <summary>A drift exponent ν = |μ + σ·N(0,1)| · DriftScale for target conductance <paramref name="gTarget"/>, S.</summary>
    public double SampleDriftExponent(double gTarget, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var (mu, sig) = DriftStatistics(gTarget / GMax);
        return Math.Abs(mu + (sig * rng.Normal())) * DriftScale;
    }

    /// <summary>Drifted conductance G(t) = G(t₀)·(t/t₀)^−ν with t = age + t₀. Throws for a negative age.</summary>
    public double Drift(double gProgrammed, double nu, double ageSeconds)
    {
        CheckAge(ageSeconds);
        double t = ageSeconds + T0;
        return gProgrammed * Math.Pow(t / T0, -nu);
    }

    /// <summary>
    /// Relative standard deviation of the accumulated 1/f read noise at <paramref name="ageSeconds"/>:
    /// Q_s·√ln((t + t_read)/(2 t_read)) with Q_s = min(0.0088 / max((g/GMax)^0.65, 10⁻³), 0.2), times the scale.
    /// It grows with time as √ln t.
    /// </summary>
    public double ReadNoiseRelativeSigma(double gProgrammed, double ageSeconds)
    {
        CheckAge(ageSeconds);
        double t = ageSeconds + T0;
        double qs = Math.Min(0.0088 / Math.Max(Math.Pow(Math.Abs(gProgrammed) / GMax, 0.65), 1e-3), 0.2);
        return ReadNoiseScale * qs * Math.Sqrt(Math.Log((t + TRead) / (2 * TRead)));
    }

    /// <summary>Conductance at <paramref name="ageSeconds"/>: drift, then read noise |G(t)|·σ_r·N(0,1), clipped at 0 S.</summary>
    public double SampleAt(double gProgrammed, double nu, double ageSeconds, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double g = Drift(gProgrammed, nu, ageSeconds);
        double sr = ReadNoiseRelativeSigma(gProgrammed, ageSeconds);
        return Math.Max(0, g + (Math.Abs(g) * sr * rng.Normal()));
    }

    internal static void CheckAge(double ageSeconds)
    {
        if (!double.IsFinite(ageSeconds) || ageSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ageSeconds), $"ageSeconds must be finite and ≥ 0 s (time since programming); a read before programming is impossible, got {ageSeconds}.");
        }
    }
}
