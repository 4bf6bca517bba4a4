using System.Globalization;
using PnnKit.Bench.Repro;
using PnnKit.Methods;
using PnnKit.Networks.Reproductions;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro NAME: paper reproductions, reduced with --quick.</summary>
internal static class ReproCommand
{
    private static readonly string[] Names = ["insitu-photonic", "memristor-drift", "memristor-hybrid", "memristor-adc", "memristor-pulsed", "mechanical-insitu", "coupled-learning", "mechanical-regression", "diode-xor", "pbit-factor", "pbit-boltzmann", "sto-reservoir", "sto-models", "pat", "sam", "forward-only", "wave-rnn", "d2nn"];

    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "repro", ["instances", "epochs", "seed", "seeds", "dataset", "checkpoint", "twin", "sam"], ["json", "quick", "baseline-only"]);
        string name = args.Positionals.Count == 1 ? args.Positionals[0] : throw new UsageException($"pnn repro: give one of {string.Join(", ", Names)}.");
        ulong seed = (ulong)args.Int("seed", 1, 0, int.MaxValue);
        bool json = args.Flag("json");
        switch (name)
        {
            case "pat":
                return ReproPat.Run(args, seed);
            case "sam":
                return ReproSam.Run(args, seed);
            case "insitu-photonic":
                var photonic = InSituPhotonic.Tasks.Select(t => InSituPhotonic.Run(t, seed)).ToList();
                if (json)
                {
                    Output.Json(photonic);
                    return 0;
                }
                var t = new Table().Title("In-situ backpropagation with light: 3 × 4-port Clements meshes + photodetectors (Hughes et al. 2018)")
                    .AddColumn("task").AddColumn("in silico (ideal design)").AddColumn("deployed on a fabricated instance").AddColumn("after in-situ training").AddColumn("system energy / inference");
                foreach (var r in photonic)
                {
                    t.AddRow(r.Task, $"{r.DesignAccuracy:P2}", $"{r.DeployedAccuracy:P2}", $"{r.RecoveredAccuracy:P2}", Output.Joules(r.SystemEnergyPerInferenceJoules));
                }
                AnsiConsole.Write(t);
                return 0;
            case "memristor-drift":
                bool quick = args.Flag("quick");
                var options = new MemristorDriftOptions
                {
                    Hidden = quick ? [64] : [256, 128],
                    Epochs = args.Int("epochs", quick ? 3 : 10, 1, 10_000),
                    Instances = args.Int("instances", quick ? 3 : 20, 1, 10_000),
                    Ages = quick ? [1, 86_400] : RobustnessProtocol.StandardAges,
                    Seed = seed,
                };
                var log = json ? null : (Action<string>)Console.Error.WriteLine;
                var runs = new[] { MemristorDrift.Run(options, log), MemristorDrift.Run(options with { HardwareAware = false }, log) };
                if (json)
                {
                    Output.Json(runs);
                    return 0;
                }
                var table = new Table().Title($"Crossbar MLP 784-{string.Join("-", options.Hidden)}-10 on the MNIST subset, {options.Instances} PCM instances per age, global drift compensation")
                    .AddColumn("training").AddColumn("ideal");
                foreach (double age in options.Ages)
                {
                    table.AddColumn($"{Age(age)} mean / p5");
                }
                foreach (var r in runs)
                {
                    table.AddRow([r.HardwareAware ? "hardware-aware" : "plain", $"{r.IdealAccuracy:P2}", .. r.Ages.Select(a => $"{a.Mean:P2} / {a.Percentile5:P2}")]);
                }
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine($"Energy per inference at 1 day: core {Output.Joules(runs[0].CoreEnergyPerInferenceJoules)}, system {Output.Joules(runs[0].SystemEnergyPerInferenceJoules)}.");
                return 0;
            case "memristor-hybrid":
                return ReproMemristorHybrid.Run(args, seed);
            case "memristor-adc":
                return ReproMemristorAdc.Run(args, seed);
            case "memristor-pulsed":
                return ReproMemristorPulsed.Run(args, seed);
            case "mechanical-insitu":
                var m = MechanicalIris.Run(seed, trainSteps: args.Int("epochs", 800, 1, 1_000_000));
                if (json)
                {
                    Output.Json(new { m.IntactTestAccuracy, m.CriticalBonds, m.CutBond, m.DamagedTestAccuracy, RecoveryCurve = m.RecoveryCurve.Select(c => new { c.Step, c.Accuracy }), m.Equilibria, m.ActuationJoulesPerInference, m.SystemJoulesPerInference, m.CostTerms });
                    return 0;
                }
                AnsiConsole.MarkupLine("[bold]Li & Mao 2024:[/] 14-node triangular lattice classifying Iris with in-situ gradients (adjoint forces, measured elongations)");
                AnsiConsole.MarkupLine($"test accuracy after in-situ training: {m.IntactTestAccuracy:P1}");
                AnsiConsole.MarkupLine($"critical bonds (cutting one leaves a zero mode): {string.Join(", ", m.CriticalBonds)}; all others are redundant");
                AnsiConsole.MarkupLine($"cutting bond {m.CutBond}, the most harmful redundant one: {m.DamagedTestAccuracy:P1}");
                AnsiConsole.MarkupLine("in-situ retraining after the cut: " + string.Join(", ", m.RecoveryCurve.Select(c => $"step {c.Step}: {c.Accuracy:P0}")));
                AnsiConsole.MarkupLine($"equilibria solved (physical measurements): {m.Equilibria}");
                AnsiConsole.MarkupLine($"energy per classified flower: actuation (½Fᵀu / actuator efficiency) {Output.Joules(m.ActuationJoulesPerInference)}, system (+ one camera frame) {Output.Joules(m.SystemJoulesPerInference)}");
                return 0;
            case "coupled-learning":
                return ReproCoupledLearning.Run(args);
            case "pbit-factor":
                return ReproPbitFactor.Run(args);
            case "sto-reservoir":
                return ReproStoReservoir.Run(args);
            case "pbit-boltzmann":
                return ReproPbitBoltzmann.Run(args);
            case "sto-models":
                return ReproStoModels.Run(args);
            case "diode-xor":
                return ReproDiodeXor.Run(args);
            case "mechanical-regression":
                return ReproMechanicalRegression.Run(args);
            case "forward-only":
                return ReproForwardOnly.Run(args, seed, json);
            case "wave-rnn":
                return ReproWaveRnn.Run(args);
            case "d2nn":
                return ReproD2nn.Run(args, seed);
            default:
                throw new UsageException($"pnn repro: unknown reproduction '{name}'; available: {string.Join(", ", Names)}.");
        }
    }

    private static string Age(double s) => s switch
    {
        >= 365 * 86_400 => "1 year",
        >= 30 * 86_400 => "1 month",
        >= 86_400 => "1 day",
        >= 3600 => "1 hour",
        _ => $"{s.ToString(CultureInfo.InvariantCulture)} s",
    };
}
