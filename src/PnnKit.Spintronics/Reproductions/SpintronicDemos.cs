using PnnKit.Core.Random;

namespace PnnKit.Spintronics.Reproductions;

/// <summary>The most visited (X, Y) of a p-bit factorizer anneal.</summary>
/// <param name="Number">The number factored.</param>
/// <param name="X">First factor.</param>
/// <param name="Y">Second factor.</param>
/// <param name="Visits">Sweeps spent in that state among the counted ones.</param>
/// <param name="Counted">Sweeps counted (the last ones of the anneal).</param>
public sealed record FactorizationResult(long Number, long X, long Y, int Visits, int Counted);

/// <summary>A reservoir figure and the honest baseline: the same readout on the input alone.</summary>
/// <param name="Task">Task name.</param>
/// <param name="Metric">"accuracy" or "NMSE".</param>
/// <param name="Reservoir">The oscillator reservoir's figure.</param>
/// <param name="LinearOnInput">A linear readout of the (preprocessed) input alone (Abreu Araujo et al. 2020).</param>
public sealed record ReservoirResult(string Task, string Metric, double Reservoir, double LinearOnInput);

/// <summary>
/// The spintronic demonstrations, shared by the tests and `pnn repro`: p-bit factorization of 945
/// (Borders et al., Nature 2019) and a single spin-torque-oscillator reservoir, time-multiplexed into
/// virtual nodes (Torrejon et al., Nature 2017), on sine/square classification and NARMA-10.
/// </summary>
public static class SpintronicDemos
{
    /// <summary>Anneals an invertible multiplier of 8 p-bits (3- and 5-bit factors) and returns the most visited state.</summary>
    public static FactorizationResult Factor(long number = 945, ulong seed = 17)
    {
        var f = new PBitFactorizer(number, 3, 5);
        const int Counted = 1000;
        var counts = f.Anneal(sweeps: 4000, betaStart: 0.01, betaEnd: 5, countLast: Counted, new Rng(seed));
        var best = counts.MaxBy(kv => kv.Value);
        return new FactorizationResult(number, best.Key.X, best.Key.Y, best.Value, Counted);
    }

    /// <summary>Sine/square waveform classification: 24 virtual nodes, node time 0.2/Γ_p, ridge λ = 1e-10.</summary>
    public static ReservoirResult SineSquare(ulong seed = 21)
    {
        var rng = new Rng(seed);
        var (_, reservoir) = Oscillator(24, 0.2, rng.Split("mask"));
        var (u, y) = SineSquareTask.Generate(300, rng.Split("task"));
        var states = reservoir.Run(u);
        int train = 150 * SineSquareTask.SamplesPerPeriod, washout = 16;
        return new ReservoirResult("sine/square", "accuracy",
            SineSquareTask.ReadoutAccuracy(states, reservoir.Nodes, y, washout, train, 1e-10),
            SineSquareTask.ReadoutAccuracy(u, 1, y, washout, train, 1e-10));
    }

    /// <summary>NARMA-10: 40 virtual nodes, node time 0.03/Γ_p, ridge λ = 1e-8.</summary>
    public static ReservoirResult Narma(ulong seed = 31)
    {
        var rng = new Rng(seed);
        var (_, reservoir) = Oscillator(40, 0.03, rng.Split("mask"));
        var (u, y) = Narma10.Generate(3000, rng.Split("narma"));
        var scaled = u.Select(v => (v - 0.25) / 0.25).ToArray(); // NARMA inputs in [0, 0.5] → [−1, 1]
        var states = reservoir.Run(scaled);
        return new ReservoirResult("NARMA-10", "NMSE",
            Narma10.ReadoutNmse(states, reservoir.Nodes, y, 100, 2000, 1e-8),
            Narma10.ReadoutNmse(scaled, 1, y, 100, 2000, 1e-8));
    }

    // Biased at twice the threshold current; the input modulates it by ±0.6 threshold; node time in units of 1/Γ_p.
    private static (AutoOscillator Oscillator, OscillatorReservoir Reservoir) Oscillator(int nodes, double nodeTimeInRelaxationTimes, Rng mask)
    {
        var osc = new AutoOscillator(new AutoOscillatorParameters());
        double ith = osc.Parameters.ThresholdCurrentAmps;
        double tauP = 1 / osc.RelaxationRate(2 * ith);
        return (osc, new OscillatorReservoir(osc, nodes: nodes, nodeSeconds: nodeTimeInRelaxationTimes * tauP, biasCurrent: 2 * ith, inputCurrent: 0.6 * ith, mask));
    }
}
