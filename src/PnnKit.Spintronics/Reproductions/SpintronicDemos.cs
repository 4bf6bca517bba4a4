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

    /// <summary>Whether the p-bits were ideal (independent reads, identical sigmoids) rather than fabricated sMTJs.</summary>
    public bool Ideal { get; init; }
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
    double OscillatorEnergyPerInferenceJoules, double CoreEnergyPerInferenceJoules, double SystemEnergyPerInferenceJoules)
{
    /// <summary>The reservoir's figure on the validation window (where θ and λ are chosen).</summary>
    public double ReservoirValidation { get; init; }

    /// <summary>Node time θ in units of the power relaxation time 1/Γ_p.</summary>
    public double NodeTime { get; init; }

    /// <summary>Ridge regularisation of the readout.</summary>
    public double Lambda { get; init; }

    /// <summary>Input samples in the readout's training, validation and test windows.</summary>
    public Core.Data.SplitSizes? Splits { get; init; }

    /// <summary>Temperature of the oscillator's thermal noise, K (0: the deterministic model).</summary>
    public double Temperature { get; init; }
}

/// <summary>One point of a reservoir sweep: node time, ridge λ and the validation figure.</summary>
public sealed record ReservoirSweepPoint(double NodeTime, double Lambda, double Validation);

/// <summary>A reservoir sweep: the grid on validation and the chosen point's result (its test window read once).</summary>
public sealed record ReservoirSweep(IReadOnlyList<ReservoirSweepPoint> Grid, ReservoirResult Chosen);

/// <summary>
/// The spintronic demonstrations, shared by the tests and `pnn repro`: p-bit factorization of 945
/// (Borders et al., Nature 2019) and a single spin-torque-oscillator reservoir, time-multiplexed into
/// virtual nodes (Torrejon et al., Nature 2017), on sine/square classification and NARMA-10.
/// </summary>
public static class SpintronicDemos
{
    /// <summary>
    /// Anneals an invertible multiplier of 8 p-bits (3- and 5-bit factors) and returns the most visited state. By default the
    /// p-bits are stochastic MTJs as fabricated (<see cref="StochasticMtjParameters"/>: τ = 8 ns reads on a 10 ns clock, slope
    /// and offset spread, devices drawn from the seed's "devices" stream); <paramref name="ideal"/> anneals ideal p-bits.
    /// </summary>
    public static FactorizationResult Factor(long number = 945, ulong seed = 17, bool ideal = false)
    {
        var f = new PBitFactorizer(number, 3, 5);
        const int Counted = 1000, Sweeps = 4000;
        var rng = new Rng(seed);
        var devices = ideal ? null : StochasticMtjPBits.Fabricate(f.BitsX + f.BitsY, new StochasticMtjParameters(), rng.Split("devices"));
        var counts = f.Anneal(Sweeps, betaStart: 0.01, betaEnd: 5, countLast: Counted, ideal ? rng : rng.Split("sampler"), devices, PBitCostModel.Default.UpdateSeconds);
        var best = counts.MaxBy(kv => kv.Value);
        var ledger = new CostLedger();
        long updates = (long)Sweeps * (f.BitsX + f.BitsY);
        PBitCostModel.Default.ChargeUpdates(ledger, updates, updates * PBitFactorizer.SynapseMacsPerUpdate, weightReads: 0);
        ledger.Exclude("synapse weight reads", "the multiplier's cost function needs only F, held in a register");
        ledger.RecordInferences(Sweeps);
        return new FactorizationResult(number, best.Key.X, best.Key.Y, best.Value, Counted, Sweeps, ledger.CoreEnergyPerInference, ledger.SystemEnergyPerInference(0)) { Ideal = ideal };
    }

    /// <summary>Temperature of the reservoir demonstrations, K: the oscillator's thermal noise at room temperature, as in the lab.</summary>
    public const double RoomTemperature = 300;

    /// <summary>
    /// The thermal figures of the reservoir's oscillator at its bias (2 I_th, p0 = 1/4) and <paramref name="temperature"/>: k_B T / E(p0) and
    /// the linear-regime relative power spread √(Γ_+(p0)/Γ_eff · k_B T/E(p0)) (Slavin &amp; Tiberkevich 2009).
    /// </summary>
    public static (double KtOverEnergy, double RelativePowerSpread) ThermalSpread(double temperature = RoomTemperature)
    {
        var o = new AutoOscillatorParameters { Temperature = temperature };
        double p0 = (2 - 1) / (2 + o.NonlinearDamping), ratio = MacrospinParameters.Boltzmann * temperature / (o.EnergyPerPower * p0);
        return (ratio, Math.Sqrt((1 + (o.NonlinearDamping * p0)) / (2 - 1) * ratio));
    }

    /// <summary>Node times θ·Γ_p the sweeps try.</summary>
    public static IReadOnlyList<double> SweepNodeTimes { get; } = [0.03, 0.1, 0.2, 0.4, 1, 2, 5, 10];

    /// <summary>Ridge λ the sweeps try.</summary>
    public static IReadOnlyList<double> SweepLambdas { get; } = [1e-10, 1e-8, 1e-6];

    // Sine/square: 300 periods of 8 samples; the readout trains on periods 0–119, validation 120–149, test 150–299.
    private const int SinePeriods = 300, SineTrain = 120, SineValidationEnd = 150, SineWashout = 16;

    // NARMA-10: 3,000 samples; train [100, 1600), validation [1600, 2000), test [2000, 2999).
    internal const int NarmaLength = 3000, NarmaWashout = 100, NarmaTrain = 1600, NarmaValidationEnd = 2000;

    /// <summary>
    /// Sine/square waveform classification, 24 virtual nodes. Node time and ridge λ were chosen on validation by
    /// <see cref="SineSquareSweep"/> at each temperature: at 300 K θ = 10/Γ_p, λ = 1e-10 (77.1 % of the window, the longest θ of
    /// the grid: thermal power noise favours nodes that relax fully and are averaged by the readout); at 0 K θ = 0.1/Γ_p,
    /// λ = 1e-10 (100 %, tied with 0.2/Γ_p and first in the grid; 0.03/Γ_p: 85.4 %). Other temperatures take the 300 K settings.
    /// </summary>
    public static ReservoirResult SineSquare(ulong seed = 21, double? nodeTime = null, double? lambda = null, double temperature = RoomTemperature) =>
        SineSquareRun(seed, nodeTime ?? (temperature == 0 ? 0.1 : 10), lambda ?? 1e-10, temperature, readTest: true);

    /// <summary>Every θ × λ of <see cref="SweepNodeTimes"/> × <see cref="SweepLambdas"/> on sine/square's validation window; the best (first on ties) is run on test.</summary>
    public static ReservoirSweep SineSquareSweep(ulong seed = 21, double temperature = RoomTemperature) =>
        Sweep(higherIsBetter: true, (t, l) => SineSquareRun(seed, t, l, temperature, readTest: false).ReservoirValidation, (t, l) => SineSquare(seed, t, l, temperature));

    /// <summary>
    /// NARMA-10, 40 virtual nodes, node time and λ chosen on validation by <see cref="NarmaSweep"/>: at 300 K θ = 0.1/Γ_p,
    /// λ = 1e-6 (NMSE 0.729); at 0 K θ = 0.03/Γ_p, λ = 1e-6 (NMSE 0.667; λ = 1e-8 0.669). Other temperatures take the 300 K settings.
    /// </summary>
    public static ReservoirResult Narma(ulong seed = 31, double? nodeTime = null, double? lambda = null, double temperature = RoomTemperature) =>
        NarmaRun(seed, nodeTime ?? (temperature == 0 ? 0.03 : 0.1), lambda ?? 1e-6, temperature, readTest: true);

    /// <summary>Every θ × λ on NARMA-10's validation window (lowest NMSE wins, first on ties); the best is run on test.</summary>
    public static ReservoirSweep NarmaSweep(ulong seed = 31, double temperature = RoomTemperature) =>
        Sweep(higherIsBetter: false, (t, l) => NarmaRun(seed, t, l, temperature, readTest: false).ReservoirValidation, (t, l) => Narma(seed, t, l, temperature));

    private static ReservoirSweep Sweep(bool higherIsBetter, Func<double, double, double> validation, Func<double, double, ReservoirResult> run)
    {
        var grid = SweepNodeTimes.SelectMany(t => SweepLambdas.Select(l => new ReservoirSweepPoint(t, l, Validate(validation, t, l)))).ToList();
        var best = grid.First(p => !double.IsNaN(p.Validation));
        foreach (var p in grid.Where(p => !double.IsNaN(p.Validation)))
        {
            best = (higherIsBetter ? p.Validation > best.Validation : p.Validation < best.Validation) ? p : best;
        }
        return new ReservoirSweep(grid, run(best.NodeTime, best.Lambda));
    }

    // NaN where the readout cannot be fitted: at 0 K and long node times every node sits at its steady power, the states are
    // collinear, and the ridge normal matrix is singular at small λ.
    private static double Validate(Func<double, double, double> validation, double nodeTime, double lambda)
    {
        try
        {
            return validation(nodeTime, lambda);
        }
        catch (InvalidOperationException)
        {
            return double.NaN;
        }
    }

    private static ReservoirResult SineSquareRun(ulong seed, double nodeTime, double lambda, double temperature, bool readTest)
    {
        var rng = new Rng(seed);
        var (_, reservoir) = Oscillator(24, nodeTime, rng.Split("mask"), rng.Split("thermal"), temperature);
        var (u, y) = SineSquareTask.Generate(SinePeriods, rng.Split("task"));
        var ledger = new CostLedger();
        var states = reservoir.Run(u, ledger);
        const int p = SineSquareTask.SamplesPerPeriod;
        int train = SineTrain * p, validationEnd = SineValidationEnd * p;
        double Score(double[] x, int features, int from, int to) => SineSquareTask.ReadoutAccuracy(x, features, y, SineWashout, train, from, to, lambda);
        return Costed(new ReservoirResult("sine/square", "accuracy",
            readTest ? Score(states, reservoir.Nodes, validationEnd, u.Length) : double.NaN,
            readTest ? Score(u, 1, validationEnd, u.Length) : double.NaN, reservoir.Nodes, 0, 0, 0)
        {
            ReservoirValidation = Score(states, reservoir.Nodes, train, validationEnd),
            NodeTime = nodeTime,
            Lambda = lambda,
            Temperature = temperature,
            Splits = new Core.Data.SplitSizes(train - SineWashout, validationEnd - train, u.Length - validationEnd),
        }, reservoir, ledger, u.Length);
    }

    private static ReservoirResult NarmaRun(ulong seed, double nodeTime, double lambda, double temperature, bool readTest)
    {
        var rng = new Rng(seed);
        var (_, reservoir) = Oscillator(40, nodeTime, rng.Split("mask"), rng.Split("thermal"), temperature);
        var (u, y) = Narma10.Generate(NarmaLength, rng.Split("narma"));
        var scaled = u.Select(v => (v - 0.25) / 0.25).ToArray(); // NARMA inputs in [0, 0.5] → [−1, 1]
        var ledger = new CostLedger();
        var states = reservoir.Run(scaled, ledger);
        double Score(double[] x, int features, int from, int to) => Narma10.ReadoutNmse(x, features, y, NarmaWashout, NarmaTrain, from, to, lambda);
        int end = NarmaLength - 1; // the last sample has no target
        return Costed(new ReservoirResult("NARMA-10", "NMSE",
            readTest ? Score(states, reservoir.Nodes, NarmaValidationEnd, end) : double.NaN,
            readTest ? Score(scaled, 1, NarmaValidationEnd, end) : double.NaN, reservoir.Nodes, 0, 0, 0)
        {
            ReservoirValidation = Score(states, reservoir.Nodes, NarmaTrain, NarmaValidationEnd),
            NodeTime = nodeTime,
            Lambda = lambda,
            Temperature = temperature,
            Splits = new Core.Data.SplitSizes(NarmaTrain - NarmaWashout, NarmaValidationEnd - NarmaTrain, end - NarmaValidationEnd),
        }, reservoir, ledger, scaled.Length);
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
    private static (AutoOscillator Oscillator, OscillatorReservoir Reservoir) Oscillator(int nodes, double nodeTimeInRelaxationTimes, Rng mask, Rng thermal, double temperature)
    {
        var osc = new AutoOscillator(new AutoOscillatorParameters { Temperature = temperature }, thermal: thermal);
        double ith = osc.Parameters.ThresholdCurrentAmps;
        double tauP = 1 / osc.RelaxationRate(2 * ith);
        return (osc, new OscillatorReservoir(osc, nodes: nodes, nodeSeconds: nodeTimeInRelaxationTimes * tauP, biasCurrent: 2 * ith, inputCurrent: 0.6 * ith, mask));
    }
}
