using PnnKit.Core.Random;

namespace PnnKit.Spintronics;

/// <summary>Magnetic state of a tunnel junction's free layer relative to its reference layer.</summary>
public enum MtjState
{
    /// <summary>Parallel: low resistance.</summary>
    Parallel,

    /// <summary>Antiparallel: high resistance.</summary>
    Antiparallel,
}

/// <summary>
/// Device parameters of a perpendicular CoFeB/MgO magnetic tunnel junction. Defaults follow Ikeda et al.,
/// "A perpendicular-anisotropy CoFeB–MgO magnetic tunnel junction", Nature Materials 9, 721 (2010):
/// 40 nm diameter, TMR ≈ 120 %, thermal stability Δ ≈ 40, intrinsic critical current I_c0 ≈ 49 µA.
/// </summary>
public sealed record MtjParameters
{
    /// <summary>Parallel resistance, Ω. Assumption: RA ≈ 6 Ω·µm² over a 40 nm disc (area 1.26e-3 µm²) gives ≈ 4.8 kΩ.</summary>
    public double ParallelResistanceOhms { get; init; } = 4.8e3;

    /// <summary>Tunnel magnetoresistance ratio (R_AP − R_P)/R_P. Ikeda et al. 2010: 1.2 (120 %).</summary>
    public double Tmr { get; init; } = 1.2;

    /// <summary>Thermal stability factor Δ = E_b/(k_B T) at 300 K. Ikeda et al. 2010: ≈ 40.</summary>
    public double ThermalStability { get; init; } = 40;

    /// <summary>Intrinsic critical switching current, A. Ikeda et al. 2010: 49 µA.</summary>
    public double CriticalCurrentAmps { get; init; } = 49e-6;

    /// <summary>Attempt time τ0 of the Néel–Brown law, s. Conventional value 1 ns (Brown, Phys. Rev. 130, 1677 (1963); Koch et al., PRL 92, 088302 (2004)).</summary>
    public double AttemptTimeSeconds { get; init; } = 1e-9;

    /// <summary>Read voltage, V. Assumption: 0.1 V, well below the ≈ 0.4 V at which TMR halves.</summary>
    public double ReadVoltage { get; init; } = 0.1;

    /// <summary>Antiparallel resistance R_P (1 + TMR), Ω.</summary>
    public double AntiparallelResistanceOhms => ParallelResistanceOhms * (1 + Tmr);

    /// <summary>Throws for non-physical values, naming the parameter.</summary>
    public void Validate()
    {
        static void Require(bool ok, string name, double v, string rule)
        {
            if (!ok)
            {
                throw new ArgumentOutOfRangeException(name, $"MTJ {name} = {v} is not physical: it must be {rule}.");
            }
        }
        Require(double.IsFinite(ParallelResistanceOhms) && ParallelResistanceOhms > 0, nameof(ParallelResistanceOhms), ParallelResistanceOhms, "> 0 Ω");
        Require(double.IsFinite(Tmr) && Tmr >= 0, nameof(Tmr), Tmr, "≥ 0");
        Require(double.IsFinite(ThermalStability) && ThermalStability > 0, nameof(ThermalStability), ThermalStability, "> 0");
        Require(double.IsFinite(CriticalCurrentAmps) && CriticalCurrentAmps > 0, nameof(CriticalCurrentAmps), CriticalCurrentAmps, "> 0 A");
        Require(double.IsFinite(AttemptTimeSeconds) && AttemptTimeSeconds > 0, nameof(AttemptTimeSeconds), AttemptTimeSeconds, "> 0 s");
        Require(double.IsFinite(ReadVoltage) && ReadVoltage >= 0, nameof(ReadVoltage), ReadVoltage, "≥ 0 V");
    }
}

/// <summary>
/// One magnetic tunnel junction: a two-state resistor whose state switches stochastically under a current
/// pulse by thermally assisted spin-transfer torque. Positive current drives P → AP, negative AP → P.
/// Mean switching time (Néel–Brown with spin-torque-lowered barrier; Koch et al., PRL 92, 088302 (2004)):
/// τ = τ0 exp(Δ (1 − |I|/I_c0)) for |I| &lt; I_c0; above I_c0 the precessional regime
/// τ = τ0 ln(π / (2θ0)) / (|I|/I_c0 − 1), θ0 = 1/√(2Δ) (Sun, PRB 62, 570 (2000)); the faster of the two
/// is used so the rate is continuous in spirit and monotone in |I|. P_switch(t) = 1 − exp(−t/τ).
/// </summary>
public sealed class MagneticTunnelJunction
{
    /// <summary>A junction in <paramref name="state"/>.</summary>
    public MagneticTunnelJunction(MtjParameters parameters, MtjState state = MtjState.Parallel)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
        State = state;
    }

    /// <summary>Device parameters.</summary>
    public MtjParameters Parameters { get; }

    /// <summary>Current magnetic state.</summary>
    public MtjState State { get; set; }

    /// <summary>Resistance in the present state, Ω.</summary>
    public double Resistance => ResistanceOf(State);

    /// <summary>Resistance in <paramref name="state"/>, Ω.</summary>
    public double ResistanceOf(MtjState state) => state == MtjState.Parallel ? Parameters.ParallelResistanceOhms : Parameters.AntiparallelResistanceOhms;

    /// <summary>Read current at the read voltage, A.</summary>
    public double ReadCurrent => Parameters.ReadVoltage / Resistance;

    /// <summary>Read energy for a read of <paramref name="seconds"/>: V²/R · t, J.</summary>
    public double ReadEnergy(double seconds) => Parameters.ReadVoltage * Parameters.ReadVoltage / Resistance * RequireDuration(seconds);

    private static double RequireDuration(double seconds) => double.IsFinite(seconds) && seconds >= 0
        ? seconds
        : throw new ArgumentOutOfRangeException(nameof(seconds), $"Duration must be finite and ≥ 0 s, got {seconds}.");

    /// <summary>Mean time to switch under a constant current of magnitude |<paramref name="current"/>|, s.</summary>
    public double MeanSwitchingTime(double current)
    {
        var p = Parameters;
        double x = Math.Abs(current) / p.CriticalCurrentAmps;
        double thermal = p.AttemptTimeSeconds * Math.Exp(p.ThermalStability * (1 - Math.Min(x, 1)));
        if (x <= 1)
        {
            return thermal;
        }
        double theta0 = 1 / Math.Sqrt(2 * p.ThermalStability);
        double precessional = p.AttemptTimeSeconds * Math.Log(Math.PI / (2 * theta0)) / (x - 1);
        return Math.Min(thermal, precessional);
    }

    /// <summary>
    /// Probability that a pulse of <paramref name="current"/> lasting <paramref name="seconds"/> switches
    /// the junction out of its present state (0 when the current pushes toward the present state).
    /// </summary>
    public double SwitchingProbability(double current, double seconds)
    {
        RequireDuration(seconds);
        if (!double.IsFinite(current))
        {
            throw new ArgumentOutOfRangeException(nameof(current), $"Pulse current must be finite, got {current} A.");
        }
        bool towardAp = current > 0;
        if (current == 0 || (towardAp && State == MtjState.Antiparallel) || (!towardAp && State == MtjState.Parallel))
        {
            return 0;
        }
        return -double.ExpM1(-seconds / MeanSwitchingTime(current));
    }

    /// <summary>
    /// Applies a write pulse: switches with <see cref="SwitchingProbability"/>, and returns the energy
    /// dissipated, I² R t with R the resistance before the pulse (an upper bound when it switches to P).
    /// </summary>
    public double ApplyPulse(double current, double seconds, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double energy = current * current * Resistance * seconds;
        double p = SwitchingProbability(current, seconds);
        if (p > 0 && rng.NextDouble() < p)
        {
            State = State == MtjState.Parallel ? MtjState.Antiparallel : MtjState.Parallel;
        }
        return energy;
    }
}
