using PnnKit.Core.Costs;
using PnnKit.Core.Random;
using PnnKit.Spintronics.Costs;

namespace PnnKit.Spintronics.Reproductions;

/// <summary>The most visited (X, Y) of a p-bit factorizer anneal.</summary>
/// <param name="Number">The number factored.</param>
/// <param name="X">First factor.</param>
/// <param name="Y">Second factor.</param>
/// <param name="Visits">Sweeps spent in that state among the counted ones.</param>
/// <param name="Counted">Sweeps counted (the last ones of the anneal).</param>
/// <param name="Sweeps">Sweeps of the whole anneal.</param>
/// <param name="CoreEnergyPerSweepJoules">p-bits and synapse MACs per sweep (<see cref="PBitCostModel"/>), J.</param>
/// <param name="SystemEnergyPerSweepJoules">Core plus the p-bit input DACs per sweep, J.</param>
public sealed record FactorizationResult(long Number, long X, long Y, int Visits, int Counted, int Sweeps, double CoreEnergyPerSweepJoules, double SystemEnergyPerSweepJoules)
{
    /// <summary>System energy of the whole anneal that yields the answer, J.</summary>
    public double SystemEnergyPerSolutionJoules => SystemEnergyPerSweepJoules * Sweeps;
}

/// <summary>A reservoir figure and the honest baseline: the same readout on the input alone.</summary>
/// <param name="Task">Task name.</param>
/// <param name="Metric">"accuracy" or "NMSE".</param>
/// <param name="Reservoir">The oscillator reservoir's figure.</param>
/// <param name="LinearOnInput">A linear readout of the (preprocessed) input alone (Abreu Araujo et al. 2020).</param>
/// <param name="Nodes">Virtual nodes per input sample.</param>
/// <param name="OscillatorEnergyPerInferenceJoules">The oscillator's bias energy per input sample, J.</param>
/// <param name="CoreEnergyPerInferenceJoules">Oscillator bias plus readout MACs per input sample (<see cref="ReservoirCostModel"/>), J.</param>
/// <param name="SystemEnergyPerInferenceJoules">Core plus DAC, ADC and readout weight reads per input sample, J.</param>
public sealed record ReservoirResult(string Task, string Metric, double Reservoir, double LinearOnInput, int Nodes,
    double OscillatorEnergyPerInferenceJoules, double CoreEnergyPerInferenceJoules, double SystemEnergyPerInferenceJoules);

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
        const int Counted = 1000, Sweeps = 4000;
        var counts = f.Anneal(Sweeps, betaStart: 0.01, betaEnd: 5, countLast: Counted, new Rng(seed));
        var best = counts.MaxBy(kv => kv.Value);
        var ledger = new CostLedger();
        long updates = (long)Sweeps * (f.BitsX + f.BitsY);
        PBitCostModel.Default.ChargeUpdates(ledger, updates, updates * PBitFactorizer.SynapseMacsPerUpdate, weightReads: 0);
        ledger.Exclude("synapse weight reads", "the multiplier's cost function needs only F, held in a register");
        ledger.RecordInferences(Sweeps);
        return new FactorizationResult(number, best.Key.X, best.Key.Y, best.Value, Counted, Sweeps, ledger.CoreEnergyPerInference, ledger.SystemEnergyPerInference(0));
    }

    /// <summary>Sine/square waveform classification: 24 virtual nodes, node time 0.2/Γ_p, ridge λ = 1e-10.</summary>
    public static ReservoirResult SineSquare(ulong seed = 21)
    {
        var rng = new Rng(seed);
        var (_, reservoir) = Oscillator(24, 0.2, rng.Split("mask"));
        var (u, y) = SineSquareTask.Generate(300, rng.Split("task"));
        var ledger = new CostLedger();
        var states = reservoir.Run(u, ledger);
        int train = 150 * SineSquareTask.SamplesPerPeriod, washout = 16;
        return Costed(new ReservoirResult("sine/square", "accuracy",
            SineSquareTask.ReadoutAccuracy(states, reservoir.Nodes, y, washout, train, 1e-10),
            SineSquareTask.ReadoutAccuracy(u, 1, y, washout, train, 1e-10), reservoir.Nodes, 0, 0, 0), reservoir, ledger, u.Length);
    }

    /// <summary>NARMA-10: 40 virtual nodes, node time 0.03/Γ_p, ridge λ = 1e-8.</summary>
    public static ReservoirResult Narma(ulong seed = 31)
    {
        var rng = new Rng(seed);
        var (_, reservoir) = Oscillator(40, 0.03, rng.Split("mask"));
        var (u, y) = Narma10.Generate(3000, rng.Split("narma"));
        var scaled = u.Select(v => (v - 0.25) / 0.25).ToArray(); // NARMA inputs in [0, 0.5] → [−1, 1]
        var ledger = new CostLedger();
        var states = reservoir.Run(scaled, ledger);
        return Costed(new ReservoirResult("NARMA-10", "NMSE",
            Narma10.ReadoutNmse(states, reservoir.Nodes, y, 100, 2000, 1e-8),
            Narma10.ReadoutNmse(scaled, 1, y, 100, 2000, 1e-8), reservoir.Nodes, 0, 0, 0), reservoir, ledger, scaled.Length);
    }

    // Charges one readout per input sample and fills in the energies per inference (one input sample).
    private static ReservoirResult Costed(ReservoirResult r, OscillatorReservoir reservoir, CostLedger ledger, int samples)
    {
        reservoir.Costs.ChargeReadout(ledger, reservoir.Nodes, outputs: 1, samples);
        ledger.RecordInferences(samples);
        double oscillator = ledger.Entries.Single(e => e.Component == ReservoirCostModel.OscillatorComponent).EnergyJoules / samples;
        return r with { OscillatorEnergyPerInferenceJoules = oscillator, CoreEnergyPerInferenceJoules = ledger.CoreEnergyPerInference, SystemEnergyPerInferenceJoules = ledger.SystemEnergyPerInference(0) };
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
