using PnnKit.Core.Random;

namespace PnnKit.Spintronics;

/// <summary>
/// Parameters of the reduced (universal) auto-oscillator model of a spin-torque nano-oscillator
/// (Slavin &amp; Tiberkevich, IEEE Trans. Magn. 45, 1875 (2009)). Defaults: f0 = 5 GHz FMR frequency
/// and α = 0.01 (CoFeB; Liu et al., APL 98, 042501 (2011)), nonlinear damping Q = 2 (assumption, of the order
/// given for in-plane macrospins by Slavin &amp; Tiberkevich 2009), threshold current 1 mA (assumption); thermal noise at
/// 300 K (the lab) on a free layer of moment M_s V (the CoFeB macrospin of <see cref="MacrospinParameters"/>).
/// </summary>
public sealed record AutoOscillatorParameters
{
    /// <summary>Ferromagnetic resonance frequency f0, Hz.</summary>
    public double FrequencyHz { get; init; } = 5e9;

    /// <summary>Gilbert damping α.</summary>
    public double Damping { get; init; } = 0.01;

    /// <summary>Nonlinear damping coefficient Q (> −1; the in-plane macrospin of <see cref="Reproductions.OscillatorModels"/> gives Q &lt; 0 in this normalisation).</summary>
    public double NonlinearDamping { get; init; } = 2;

    /// <summary>Threshold current I_th = Γ_G / σ, A.</summary>
    public double ThresholdCurrentAmps { get; init; } = 1e-3;

    /// <summary>Temperature of the thermal bath, K (300 K: room temperature, where STO reservoirs are run; 0 turns the noise off).</summary>
    public double Temperature { get; init; } = 300;

    /// <summary>
    /// Free-layer magnetic moment M_s V, A·m²: M_s = 0.95 MA/m (CoFeB, Liu et al. 2011) times the 5.9e-24 m³ ellipse of
    /// <see cref="MacrospinParameters"/> (assumption, the same free layer the LLG model uses).
    /// </summary>
    public double MagneticMoment { get; init; } = 0.95e6 * (1.5e-9 * Math.PI / 4 * 100e-9 * 50e-9);

    /// <summary>
    /// Nonlinear frequency shift N = dω/dp, rad/s (ω(p) = ω0 + N p). Default 0 (assumption): the reservoir reads the power,
    /// whose equation does not depend on N; in-plane STOs have N/2π of several −GHz (of the order given by Slavin &amp; Tiberkevich 2009),
    /// which widens the line by 1 + ν² (<see cref="AutoOscillator.Linewidth"/>).
    /// </summary>
    public double FrequencyShift { get; init; }

    /// <summary>Linear damping rate Γ_G = α ω0, 1/s.</summary>
    public double LinearDampingRate => Damping * 2 * Math.PI * FrequencyHz;

    /// <summary>
    /// Oscillation energy per unit normalised power, E(p)/p = 2 M_s V ω0/γ, J: a circular orbit at cone angle θ about the
    /// effective field B = ω0/γ stores M_s V B (1 − cos θ), and p = (1 − cos θ)/2 (the normalisation of <see cref="Reproductions.OscillatorModels"/>).
    /// </summary>
    public double EnergyPerPower => 2 * MagneticMoment * 2 * Math.PI * FrequencyHz / MacrospinParameters.Gamma;

    /// <summary>Throws for non-physical values.</summary>
    public void Validate()
    {
        static void Require(bool ok, string name, double v, string rule)
        {
            if (!ok)
            {
                throw new ArgumentOutOfRangeException(name, $"Auto-oscillator {name} = {v} is not physical: it must be {rule}.");
            }
        }
        Require(double.IsFinite(Damping) && Damping > 0, nameof(Damping), Damping, "> 0 (negative damping is not physical; zero leaves no threshold)");
        Require(double.IsFinite(FrequencyHz) && FrequencyHz > 0, nameof(FrequencyHz), FrequencyHz, "> 0 Hz");
        Require(double.IsFinite(NonlinearDamping) && NonlinearDamping > -1, nameof(NonlinearDamping), NonlinearDamping, "> −1, so the damping Γ_G (1 + Q p) stays positive for every p < 1");
        Require(double.IsFinite(ThresholdCurrentAmps) && ThresholdCurrentAmps > 0, nameof(ThresholdCurrentAmps), ThresholdCurrentAmps, "> 0 A");
        Require(double.IsFinite(Temperature) && Temperature >= 0, nameof(Temperature), Temperature, "≥ 0 K");
        Require(double.IsFinite(MagneticMoment) && MagneticMoment > 0, nameof(MagneticMoment), MagneticMoment, "> 0 A·m²");
        Require(double.IsFinite(FrequencyShift), nameof(FrequencyShift), FrequencyShift, "finite (rad/s)");
    }
}

/// <summary>
/// The reduced (universal) auto-oscillator model of Slavin &amp; Tiberkevich 2009 for the complex amplitude c = √p e^{−iφ}:
/// dc/dt = −i ω(p) c − Γ_+(p) c + Γ_−(p) c + f(t), with ω(p) = ω0 + N p, positive damping Γ_+(p) = Γ_G (1 + Q p), negative
/// damping Γ_−(p) = σ I (1 − p), σ = Γ_G / I_th. Its power obeys dp/dt = −2 [Γ_+(p) − Γ_−(p)] p (their Eq. 27) plus noise. Above
/// threshold (ζ = I/I_th &gt; 1) the steady power is p0 = (ζ − 1)/(ζ + Q) and small deviations relax at Γ_p = 2 Γ_G (ζ − 1).
/// The thermal term is white and Gaussian, ⟨f(t) f*(t′)⟩ = 2 Γ_+(p) (k_B T / E_n) δ(t − t′) with E(p) = E_n p,
/// the fluctuation–dissipation choice that gives ⟨p⟩ = k_B T / E_n in equilibrium. At T = 0 the power is integrated with
/// classical RK4; at T &gt; 0 the amplitude with the stochastic Heun scheme, one step of the <see cref="Rng"/> passed in.
/// <see cref="Phase"/> is φ − ω0 t, the phase in the frame rotating at ω0.
/// </summary>
public sealed class AutoOscillator
{
    private const double MaxThermalStep = 0.02; // in units of 1/Γ_G
    private readonly Rng? _thermal;

    /// <summary>An oscillator at power <paramref name="power"/>; <paramref name="thermal"/> drives its noise (required when T &gt; 0).</summary>
    public AutoOscillator(AutoOscillatorParameters parameters, double power = 1e-3, Rng? thermal = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        if (!(power >= 0 && power < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(power), $"Normalised power must be in [0, 1), got {power}.");
        }
        if (parameters.Temperature > 0 && thermal is null)
        {
            throw new ArgumentNullException(nameof(thermal), $"Auto-oscillator at Temperature = {parameters.Temperature} K needs a thermal Rng (or set Temperature = 0 for the deterministic model).");
        }
        Parameters = parameters;
        Power = power;
        _thermal = thermal;
    }

    /// <summary>Parameters.</summary>
    public AutoOscillatorParameters Parameters { get; }

    /// <summary>Normalised power p ∈ [0, 1).</summary>
    public double Power { get; set; }

    /// <summary>Phase φ − ω0 t in the frame rotating at ω0, rad (unwrapped).</summary>
    public double Phase { get; set; }

    /// <summary>Steady-state power at current <paramref name="current"/>: max(0, (ζ − 1)/(ζ + Q)).</summary>
    public double SteadyPower(double current)
    {
        double z = current / Parameters.ThresholdCurrentAmps;
        return z <= 1 ? 0 : (z - 1) / (z + Parameters.NonlinearDamping);
    }

    /// <summary>Relaxation rate of the power, Γ_p = 2 Γ_G (ζ − 1), 1/s (above threshold).</summary>
    public double RelaxationRate(double current) => 2 * Parameters.LinearDampingRate * ((current / Parameters.ThresholdCurrentAmps) - 1);

    /// <summary>
    /// Generation linewidth above threshold, full width at half maximum, rad/s: 2Δω = Γ_+(p0) (k_B T / E(p0)) (1 + ν²), with
    /// ν = N p0 / Γ_eff and Γ_eff = Γ_p / 2 (Kim, Tiberkevich &amp; Slavin, PRL 100, 017207 (2008); Slavin &amp; Tiberkevich 2009,
    /// the stochastic term of the universal oscillator equation). Valid while it is well below Γ_p (the Lorentzian, low-temperature regime).
    /// </summary>
    public double Linewidth(double current)
    {
        double p0 = SteadyPower(current);
        if (!(p0 > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(current), $"The linewidth formula holds above threshold (I > I_th = {Parameters.ThresholdCurrentAmps} A), got {current} A.");
        }
        var o = Parameters;
        double gammaPlus = o.LinearDampingRate * (1 + (o.NonlinearDamping * p0));
        double nu = o.FrequencyShift * p0 / (RelaxationRate(current) / 2);
        return gammaPlus * (MacrospinParameters.Boltzmann * o.Temperature / (o.EnergyPerPower * p0)) * (1 + (nu * nu));
    }

    private double Rate(double p, double z)
    {
        double g = Parameters.LinearDampingRate;
        return -2 * ((g * (1 + (Parameters.NonlinearDamping * p))) - (g * z * (1 - p))) * p;
    }

    /// <summary>Advances by <paramref name="seconds"/> at constant current in <paramref name="steps"/> steps; returns the power.</summary>
    public double Advance(double current, double seconds, int steps = 4)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), $"Duration must be finite and ≥ 0 s, got {seconds}.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (!double.IsFinite(current))
        {
            throw new ArgumentOutOfRangeException(nameof(current), $"Current must be finite, got {current} A.");
        }
        double z = current / Parameters.ThresholdCurrentAmps;
        if (Parameters.Temperature > 0)
        {
            // The stochastic scheme is first order in time: at least one step per 0.02/Γ_G, whatever the caller asks.
            steps = Math.Max(steps, (int)Math.Ceiling(seconds * Parameters.LinearDampingRate / MaxThermalStep));
            return AdvanceThermal(z, seconds / steps, steps);
        }
        return AdvanceDeterministic(z, seconds / steps, steps);
    }

    private double AdvanceDeterministic(double z, double h, int steps)
    {
        double p = Power, n = Parameters.FrequencyShift;
        for (int s = 0; s < steps; s++)
        {
            double k1 = Rate(p, z);
            double p2 = p + (0.5 * h * k1);
            double k2 = Rate(p2, z);
            double p3 = p + (0.5 * h * k2);
            double k3 = Rate(p3, z);
            double p4 = p + (h * k3);
            double k4 = Rate(p4, z);
            Phase += h / 6 * n * (p + (2 * p2) + (2 * p3) + p4); // dφ/dt = N p along the same RK4 stages
            p += h / 6 * (k1 + (2 * k2) + (2 * k3) + k4);
        }
        Power = p;
        return p;
    }

    // Stochastic Heun on c; each step starts from c = √p on the real axis, so the phase increment is −arg(c′) (no wrapping).
    private double AdvanceThermal(double z, double h, int steps)
    {
        var o = Parameters;
        double g = o.LinearDampingRate, q = o.NonlinearDamping, n = o.FrequencyShift;
        double eta = MacrospinParameters.Boltzmann * o.Temperature / o.EnergyPerPower;
        var rng = _thermal!;
        double p = Power;
        for (int s = 0; s < steps; s++)
        {
            double re = Math.Sqrt(Math.Max(p, 0)), im = 0;
            double amp = Math.Sqrt(g * (1 + (q * p)) * eta * h); // ⟨|Δf|²⟩ = 2 Γ_+ η h, split over re and im
            double wr = amp * rng.Normal(), wi = amp * rng.Normal();
            // drift a(c) = [−(Γ_+ − Γ_−) − i N p] c
            double gain = -((g * (1 + (q * p))) - (g * z * (1 - p))), rot = -n * p;
            double ar = (gain * re) - (rot * im), ai = (gain * im) + (rot * re);
            double tr = re + (ar * h) + wr, ti = im + (ai * h) + wi;
            double pt = (tr * tr) + (ti * ti);
            double gt = -((g * (1 + (q * pt))) - (g * z * (1 - pt))), rt = -n * pt;
            double br = (gt * tr) - (rt * ti), bi = (gt * ti) + (rt * tr);
            double cr = re + (0.5 * h * (ar + br)) + wr, ci = im + (0.5 * h * (ai + bi)) + wi;
            p = (cr * cr) + (ci * ci);
            Phase -= Math.Atan2(ci, cr);
        }
        Power = p;
        return p;
    }
}
