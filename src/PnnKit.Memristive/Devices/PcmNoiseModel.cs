using PnnKit.Core.Random;

namespace PnnKit.Memristive.Devices;

/// <summary>
/// Statistical model of phase-change memory devices (programming noise, conductance drift and
/// accumulated 1/f read noise), following the model that aihwkit's PCMLikeNoiseModel implements,
/// fitted on ~1M PCM devices (Nandakumar et al., ICECS 2019; Joshi et al., Nat. Commun. 11, 2473 (2020)).
/// Conductances are in siemens; every formula is in relative conductance g/GMax.
/// Time convention (as aihwkit): <c>age</c> is seconds since programming finished, and the drift
/// clock is t = age + t₀, so the state at age 0 is the state at the first read, t₀ = 20 s.
/// Temperature: the fit is for <see cref="ReferenceTemperature"/> (300 K); a device held at T since programming
/// conducts exp(−E_c/k·(1/T − 1/T_ref)) times more (<see cref="ConductanceFactor"/>) and drifts as if
/// exp(E_d/k·(1/T_ref − 1/T)) times older (<see cref="DriftAcceleration"/>). At 300 K both factors are exactly 1.
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

    /// <summary>
    /// The same device statistics for devices of maximum conductance <paramref name="gMax"/> (every formula is in g/GMax),
    /// optionally with another programming-noise scale; this very model when nothing changes.
    /// </summary>
    public PcmNoiseModel WithGMax(double gMax, double? programmingNoiseScale = null) =>
        gMax == GMax && (programmingNoiseScale ?? ProgrammingNoiseScale) == ProgrammingNoiseScale ? this : new PcmNoiseModel(gMax)
        {
            ProgrammingCoefficients = ProgrammingCoefficients,
            T0 = T0,
            TRead = TRead,
            ConductionActivationEnergy = ConductionActivationEnergy,
            DriftActivationEnergy = DriftActivationEnergy,
            ProgrammingNoiseScale = programmingNoiseScale ?? ProgrammingNoiseScale,
            ReadNoiseScale = ReadNoiseScale,
            DriftScale = DriftScale,
        };

    /// <summary>Programming-noise polynomial coefficients, µS (see <see cref="DefaultProgrammingCoefficients"/>).</summary>
    public IReadOnlyList<double> ProgrammingCoefficients { get; init; } = DefaultProgrammingCoefficients;

    /// <summary>Reference time of the drift power law, s: t₀ = 20 s (aihwkit PCMLikeNoiseModel t_0).</summary>
    public double T0 { get; init; } = 20.0;

    /// <summary>Read duration in the 1/f noise integral, s: 250 ns (aihwkit PCMLikeNoiseModel t_read).</summary>
    public double TRead { get; init; } = 250e-9;

    /// <summary>Boltzmann constant, eV/K (CODATA 2018, exact).</summary>
    public const double BoltzmannEv = 8.617333262e-5;

    /// <summary>Temperature the statistics were measured at, K (room temperature, as aihwkit's PCM fit).</summary>
    public const double ReferenceTemperature = Core.Layers.ForwardContext.RoomTemperatureKelvin;

    /// <summary>Lowest temperature the temperature model is used for, K: drift keeps its power law (ν 0.07–0.11) down to 125 K (Khan, Dirisaglik et al., "Resistance drift in Ge₂Sb₂Te₅ phase change memory line cells at low temperatures", GST line cells 125–300 K).</summary>
    public const double MinTemperature = 200;

    /// <summary>Highest temperature, K: above ~400 K the amorphous phase crystallises within days (10-year retention is specified at 85 °C), which the model does not include.</summary>
    public const double MaxTemperature = 400;

    /// <summary>
    /// Activation energy of amorphous-phase conduction, eV: 0.333 eV for melt-quenched amorphous Ge₂Sb₂Te₅ at room
    /// temperature (Muneer et al., "Activation energy of metastable amorphous Ge₂Sb₂Te₅ from room temperature to
    /// melt", AIP Advances 8, 065314 (2018)). Applied to every state: an upper bound for partly crystalline states,
    /// which conduct partly through the crystal (activation energy ≈ 0); 0 turns the conductance dependence off.
    /// </summary>
    public double ConductionActivationEnergy { get; init; } = 0.333;

    /// <summary>
    /// Activation energy of the structural relaxation behind drift, eV. Ielmini et al., "Temperature acceleration of
    /// structural relaxation in amorphous Ge₂Sb₂Te₅", Appl. Phys. Lett. 92, 193511 (2008): relaxation is Arrhenius
    /// (distributed activation energies), so the time to reach a relaxed state shrinks as exp(−E_d/kT). One effective
    /// E_d = 1.5 eV is an assumption of ours (not a number checked against their fit): set a measured value for a
    /// real device; 0 turns acceleration off.
    /// </summary>
    public double DriftActivationEnergy { get; init; } = 1.5;

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

    /// <summary>Drifted conductance G(t) = G(t₀)·(t/t₀)^−ν with t = age + t₀, at the reference temperature. Throws for a negative age.</summary>
    public double Drift(double gProgrammed, double nu, double ageSeconds) => Drift(gProgrammed, nu, ageSeconds, ReferenceTemperature);

    /// <summary>
    /// Conductance of a device held at <paramref name="temperatureKelvin"/> since programming, read at that temperature:
    /// G = G(t₀)·f_c(T)·((a(T)·age + t₀)/t₀)^−ν, with f_c the <see cref="ConductanceFactor"/> and a the <see cref="DriftAcceleration"/>.
    /// </summary>
    public double Drift(double gProgrammed, double nu, double ageSeconds, double temperatureKelvin)
    {
        CheckAge(ageSeconds);
        double t = (DriftAcceleration(temperatureKelvin) * ageSeconds) + T0;
        return gProgrammed * ConductanceFactor(temperatureKelvin) * Math.Pow(t / T0, -nu);
    }

    /// <summary>G(T)/G(T_ref) = exp(−E_c/k·(1/T − 1/T_ref)): amorphous conduction is thermally activated, so a hotter device conducts more.</summary>
    public double ConductanceFactor(double temperatureKelvin)
    {
        CheckTemperature(temperatureKelvin);
        return Math.Exp(-ConductionActivationEnergy / BoltzmannEv * ((1 / temperatureKelvin) - (1 / ReferenceTemperature)));
    }

    /// <summary>How many seconds at T_ref one second at T relaxes the glass by: a(T) = exp(E_d/k·(1/T_ref − 1/T)), above 1 when hotter.</summary>
    public double DriftAcceleration(double temperatureKelvin)
    {
        CheckTemperature(temperatureKelvin);
        return Math.Exp(DriftActivationEnergy / BoltzmannEv * ((1 / ReferenceTemperature) - (1 / temperatureKelvin)));
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

    /// <summary>
    /// Conductance at <paramref name="ageSeconds"/> and <paramref name="temperatureKelvin"/>: drift, then read noise
    /// |G(t)|·σ_r·N(0,1), clipped at 0 S. The 1/f noise integral runs over the elapsed time, not the accelerated one.
    /// </summary>
    public double SampleAt(double gProgrammed, double nu, double ageSeconds, Rng rng, double temperatureKelvin = ReferenceTemperature)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double g = Drift(gProgrammed, nu, ageSeconds, temperatureKelvin);
        double sr = ReadNoiseRelativeSigma(gProgrammed, ageSeconds);
        return Math.Max(0, g + (Math.Abs(g) * sr * rng.Normal()));
    }

    internal static void CheckTemperature(double temperatureKelvin)
    {
        if (!(temperatureKelvin >= MinTemperature && temperatureKelvin <= MaxTemperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperatureKelvin), $"temperatureKelvin must be in [{MinTemperature}, {MaxTemperature}] K (the PCM temperature model's range), got {temperatureKelvin}.");
        }
    }

    internal static void CheckAge(double ageSeconds)
    {
        if (!double.IsFinite(ageSeconds) || ageSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ageSeconds), $"ageSeconds must be finite and ≥ 0 s (time since programming); a read before programming is impossible, got {ageSeconds}.");
        }
    }
}
