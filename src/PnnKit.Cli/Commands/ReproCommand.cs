using PnnKit.Bench.Repro;
using PnnKit.Networks.Reproductions;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro NAME: paper reproductions, reduced with --quick.</summary>
internal static class ReproCommand
{
    internal static readonly string[] Names = ["insitu-photonic", "mesh-mnist", "mesh-calibration", "memristor-drift", "memristor-hybrid", "memristor-adc", "memristor-pulsed", "mechanical-insitu", "coupled-learning", "mechanical-regression", "diode-xor", "pbit-factor", "pbit-boltzmann", "sto-reservoir", "sto-models", "pat", "sam", "forward-only", "wave-rnn", "d2nn", "dfa", "pat-photonic", "spsa-crossbar"];

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
            case "dfa":
                return ReproDfa.Run(args, seed);
            case "pat-photonic":
                return ReproPatPhotonic.Run(args, seed);
            case "spsa-crossbar":
                return ReproSpsaCrossbar.Run(args, seed);
            case "insitu-photonic":
                return ReproInSituPhotonic.Run(args, seed);
            case "mesh-mnist":
                return ReproMeshMnist.Run(args, seed);
            case "mesh-calibration":
                return ReproMeshCalibration.Run(args, seed);
            case "memristor-drift":
                return ReproMemristorDrift.Run(args, seed);
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
}
