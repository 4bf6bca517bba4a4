namespace PnnKit.Spintronics;

/// <summary>
/// Parameters of the reduced (universal) auto-oscillator model of a spin-torque nano-oscillator
/// (Slavin &amp; Tiberkevich, IEEE Trans. Magn. 45, 1875 (2009)). Defaults: f0 = 5 GHz FMR frequency
/// and α = 0.01 (CoFeB; Liu et al., APL 98, 042501 (2011)), nonlinear damping Q = 2 (assumption, of the order
/// given for in-plane macrospins by Slavin &amp; Tiberkevich 2009), threshold current 1 mA (assumption).
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

    /// <summary>Linear damping rate Γ_G = α ω0, 1/s.</summary>
    public double LinearDampingRate => Damping * 2 * Math.PI * FrequencyHz;

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
    }
}

/// <summary>
/// The power equation of the reduced auto-oscillator model (Slavin &amp; Tiberkevich 2009, Eq. 27 for the
/// normalised power p = |c|²): dp/dt = −2 [Γ_G (1 + Q p) − σ I (1 − p)] p with σ = Γ_G / I_th. Above threshold
/// (ζ = I/I_th &gt; 1) the steady power is p0 = (ζ − 1)/(ζ + Q) and small deviations relax at Γ_p = 2 Γ_G (ζ − 1).
/// Integrated with classical RK4.
/// </summary>
public sealed class AutoOscillator
{
    /// <summary>An oscillator at power <paramref name="power"/>.</summary>
    public AutoOscillator(AutoOscillatorParameters parameters, double power = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        if (!(power >= 0 && power < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(power), $"Normalised power must be in [0, 1), got {power}.");
        }
        Parameters = parameters;
        Power = power;
    }

    /// <summary>Parameters.</summary>
    public AutoOscillatorParameters Parameters { get; }

    /// <summary>Normalised power p ∈ [0, 1).</summary>
    public double Power { get; set; }

    /// <summary>Steady-state power at current <paramref name="current"/>: max(0, (ζ − 1)/(ζ + Q)).</summary>
    public double SteadyPower(double current)
    {
        double z = current / Parameters.ThresholdCurrentAmps;
        return z <= 1 ? 0 : (z - 1) / (z + Parameters.NonlinearDamping);
    }

    /// <summary>Relaxation rate of the power, Γ_p = 2 Γ_G (ζ − 1), 1/s (above threshold).</summary>
    public double RelaxationRate(double current) => 2 * Parameters.LinearDampingRate * ((current / Parameters.ThresholdCurrentAmps) - 1);

    private double Rate(double p, double z)
    {
        double g = Parameters.LinearDampingRate;
        return -2 * ((g * (1 + (Parameters.NonlinearDamping * p))) - (g * z * (1 - p))) * p;
    }

    /// <summary>Advances by <paramref name="seconds"/> at constant current in <paramref name="steps"/> RK4 steps; returns the power.</summary>
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
        double z = current / Parameters.ThresholdCurrentAmps, h = seconds / steps, p = Power;
        for (int s = 0; s < steps; s++)
        {
            double k1 = Rate(p, z);
            double k2 = Rate(p + (0.5 * h * k1), z);
            double k3 = Rate(p + (0.5 * h * k2), z);
            double k4 = Rate(p + (h * k3), z);
            p += h / 6 * (k1 + (2 * k2) + (2 * k3) + k4);
        }
        Power = p;
        return p;
    }
}
