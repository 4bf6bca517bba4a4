using PnnKit.Core.Random;

namespace PnnKit.Spintronics.Reproductions;

/// <summary>Settings of <see cref="OscillatorModels.Run"/>.</summary>
public sealed record OscillatorModelsOptions
{
    /// <summary>Currents, in units of the LLG threshold current, at which the steady power is compared (≤ 2: beyond, the in-plane orbit gives way to other states).</summary>
    public IReadOnlyList<double> Supercriticalities { get; init; } = [0.9, 1.1, 1.2, 1.3, 1.5, 1.7, 2.0];

    /// <summary>Current step for the relaxation comparison, from ζ to ζ', in units of the threshold current.</summary>
    public (double From, double To) Step { get; init; } = (1.3, 1.7);

    /// <summary>LLG time step, s (≈ 1/1200 of the 8 GHz precession period).</summary>
    public double TimeStep { get; init; } = 1e-13;

    /// <summary>Simulated time to reach the steady orbit before measuring, s (≥ 10 power relaxation times at ζ = 1.1).</summary>
    public double SettleSeconds { get; init; } = 40e-9;

    /// <summary>Simulated time over which the steady power is averaged, s (≈ 40 precession periods).</summary>
    public double AverageSeconds { get; init; } = 5e-9;

    /// <summary>The reduced run for CI.</summary>
    public static OscillatorModelsOptions Quick { get; } = new() { Supercriticalities = [0.9, 1.2, 1.5, 2.0], SettleSeconds = 25e-9, AverageSeconds = 2e-9 };
}

/// <summary>Steady normalised power at one current.</summary>
/// <param name="Supercriticality">ζ = I / I_th.</param>
/// <param name="Llg">Full macrospin LLGS model: time average of (1 − m_x)/2.</param>
/// <param name="Reduced">Reduced auto-oscillator model with the fitted Q: max(0, (ζ − 1)/(ζ + Q)).</param>
public sealed record PowerPoint(double Supercriticality, double Llg, double Reduced);

/// <summary>Result of <see cref="OscillatorModels.Run"/>.</summary>
/// <param name="ThresholdCurrentAmps">Threshold current of the macrospin (Sun 2000), shared by both models, A.</param>
/// <param name="LinearDampingRate">Γ_G = α γ (B_x + B_k + B_d/2) of the macrospin, 1/s, shared by both models.</param>
/// <param name="FittedQ">Nonlinear damping Q of the reduced model fitted to the LLG steady powers (least squares).</param>
/// <param name="Power">Steady power against current, both models.</param>
/// <param name="MaxPowerError">Largest |reduced − LLG| over the points above threshold.</param>
/// <param name="LlgRelaxationSeconds">Time the LLG's period-averaged power takes to cover 1 − 1/e of the step.</param>
/// <param name="ReducedRelaxationSeconds">The same for the reduced model with the fitted Q.</param>
/// <param name="LinearRelaxationSeconds">The reduced model's small-signal time 1/Γ_p = 1/(2 Γ_G (ζ' − 1)).</param>
public sealed record OscillatorModelsResult(double ThresholdCurrentAmps, double LinearDampingRate, double FittedQ, IReadOnlyList<PowerPoint> Power,
    double MaxPowerError, double LlgRelaxationSeconds, double ReducedRelaxationSeconds, double LinearRelaxationSeconds);

/// <summary>
/// Checks the reduced auto-oscillator model (Slavin &amp; Tiberkevich 2009) against the full macrospin LLGS model
/// (issue 6): on amplitude response, the steady power against current above and below threshold, and on relaxation
/// time, the response of the power to a current step. Both share the macrospin's threshold current and linear damping
/// Γ_G = α ω_eff; Q, which the reduced model takes as a parameter, is fitted to the LLG powers. The LLG power is
/// (1 − m_x)/2 (0 at rest along the polariser, 1 reversed), averaged over whole precession periods (rising zero
/// crossings of m_y) because the in-plane orbit is strongly elliptical. Zero temperature, so the runs are deterministic.
/// </summary>
public static class OscillatorModels
{
    /// <summary>The in-plane macrospin compared: 50 mT along the easy axis x, the polariser along x.</summary>
    public static MacrospinParameters Macrospin { get; } = new() { AppliedField = (0.05, 0, 0) };

    /// <summary>Runs both models and compares them.</summary>
    public static OscillatorModelsResult Run(OscillatorModelsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var mp = Macrospin;
        double ith = new MacrospinLlg(mp).ThresholdCurrent();
        double gammaG = mp.Damping * MacrospinParameters.Gamma * (mp.AppliedField.X + mp.AnisotropyField + (mp.DemagField / 2));
        var llgPower = options.Supercriticalities.Select(z => SteadyLlgPower(mp, z * ith, options)).ToArray();
        var above = options.Supercriticalities.Select((z, k) => (Z: z, P: llgPower[k])).Where(p => p.Z > 1).ToArray();
        if (above.Length == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Give at least one current above threshold (ζ > 1) to fit Q.");
        }
        double q = FitQ(above);
        var reduced = Reduced(ith, gammaG, q);
        var points = options.Supercriticalities.Select((z, k) => new PowerPoint(z, llgPower[k], reduced.SteadyPower(z * ith))).ToList();
        double maxError = points.Where(p => p.Supercriticality > 1).Max(p => Math.Abs(p.Reduced - p.Llg));

        var (from, to) = options.Step;
        double llgTau = LlgStepRelaxation(mp, from * ith, to * ith, options);
        double reducedTau = ReducedStepRelaxation(reduced, from * ith, to * ith, options.TimeStep);
        double linearTau = 1 / (2 * gammaG * (to - 1));
        return new OscillatorModelsResult(ith, gammaG, q, points, maxError, llgTau, reducedTau, linearTau);
    }

    private static AutoOscillator Reduced(double ith, double gammaG, double q) => new(new AutoOscillatorParameters
    {
        Damping = Macrospin.Damping,
        FrequencyHz = gammaG / Macrospin.Damping / (2 * Math.PI),
        NonlinearDamping = q,
        ThresholdCurrentAmps = ith,
        Temperature = 0, // the comparison is at zero temperature, like the LLG runs
    });

    // Least squares over Q ∈ (−1, 10) by golden-section search (the error is unimodal in Q).
    private static double FitQ((double Z, double P)[] points)
    {
        double Error(double q) => points.Sum(p => Math.Pow(((p.Z - 1) / (p.Z + q)) - p.P, 2));
        double lo = -0.99, hi = 10, g = (Math.Sqrt(5) - 1) / 2;
        for (int k = 0; k < 200; k++)
        {
            double a = hi - (g * (hi - lo)), b = lo + (g * (hi - lo));
            if (Error(a) < Error(b))
            {
                hi = b;
            }
            else
            {
                lo = a;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static MacrospinLlg Kicked(MacrospinParameters mp)
    {
        var llg = new MacrospinLlg(mp);
        llg.M[0] = Math.Cos(0.1);
        llg.M[1] = Math.Sin(0.1);
        return llg;
    }

    private static double SteadyLlgPower(MacrospinParameters mp, double current, OscillatorModelsOptions o)
    {
        var llg = Kicked(mp);
        var rng = new Rng(1); // unused at zero temperature
        llg.Run(o.TimeStep, Steps(o.SettleSeconds, o.TimeStep), -current, 0, rng);
        var periods = PeriodAverages(llg, -current, o.TimeStep, Steps(o.AverageSeconds, o.TimeStep), rng);
        return periods.Count == 0 ? 0 : periods.Average(p => p.Power);
    }

    // Per-period means of (1 − m_x)/2 between rising zero crossings of m_y, with the time of each period's end.
    private static List<(double Time, double Power)> PeriodAverages(MacrospinLlg llg, double current, double dt, int steps, Rng rng)
    {
        var result = new List<(double, double)>();
        double sum = 0, prevY = llg.M[1];
        int count = 0;
        bool started = false;
        for (int s = 1; s <= steps; s++)
        {
            llg.Run(dt, 1, current, 0, rng);
            double y = llg.M[1];
            if (prevY < 0 && y >= 0)
            {
                if (started && count > 0)
                {
                    result.Add((s * dt, sum / count));
                }
                started = true;
                sum = 0;
                count = 0;
            }
            sum += (1 - llg.M[0]) / 2;
            count++;
            prevY = y;
        }
        return result;
    }

    private static double LlgStepRelaxation(MacrospinParameters mp, double from, double to, OscillatorModelsOptions o)
    {
        var llg = Kicked(mp);
        var rng = new Rng(1);
        llg.Run(o.TimeStep, Steps(o.SettleSeconds, o.TimeStep), -from, 0, rng);
        double p0 = PeriodAverages(llg, -from, o.TimeStep, Steps(o.AverageSeconds, o.TimeStep), rng).Average(p => p.Power);
        var after = PeriodAverages(llg, -to, o.TimeStep, Steps(o.SettleSeconds, o.TimeStep), rng);
        double p1 = after.Skip(after.Count / 2).Average(p => p.Power);
        return CrossingTime(after, p0, p1);
    }

    private static double ReducedStepRelaxation(AutoOscillator osc, double from, double to, double dt)
    {
        osc.Power = osc.SteadyPower(from);
        double p0 = osc.Power, p1 = osc.SteadyPower(to);
        var trace = new List<(double, double)>();
        double t = 0;
        while (trace.Count == 0 || Math.Abs(trace[^1].Item2 - p1) > 1e-3 * Math.Abs(p1 - p0))
        {
            t += 10 * dt;
            trace.Add((t, osc.Advance(to, 10 * dt, 1)));
        }
        return CrossingTime(trace, p0, p1);
    }

    // First time the power covers 1 − 1/e of the way from p0 to p1, interpolated linearly between samples.
    private static double CrossingTime(List<(double Time, double Power)> trace, double p0, double p1)
    {
        double target = p1 + ((p0 - p1) / Math.E);
        double prevT = 0, prevP = p0;
        foreach (var (time, power) in trace)
        {
            if ((power - target) * (prevP - target) <= 0 && power != prevP)
            {
                return prevT + ((time - prevT) * (target - prevP) / (power - prevP));
            }
            prevT = time;
            prevP = power;
        }
        return double.NaN;
    }

    private static int Steps(double seconds, double dt) => (int)Math.Round(seconds / dt);
}
