using System.Globalization;
using PnnKit.Bench.Repro;
using PnnKit.Methods;
using PnnKit.Networks.Reproductions;
using PnnKit.Spintronics.Reproductions;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro NAME: paper reproductions, reduced with --quick.</summary>
internal static class ReproCommand
{
    private static readonly string[] Names = ["insitu-photonic", "memristor-drift", "mechanical-insitu", "coupled-learning", "pbit-factor", "sto-reservoir", "d2nn"];

    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "repro", ["instances", "epochs", "seed", "dataset", "checkpoint"], ["json", "quick"]);
        string name = args.Positionals.Count == 1 ? args.Positionals[0] : throw new UsageException($"pnn repro: give one of {string.Join(", ", Names)}.");
        ulong seed = (ulong)args.Int("seed", 1, 0, int.MaxValue);
        bool json = args.Flag("json");
        switch (name)
        {
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
            case "mechanical-insitu":
                var m = MechanicalIris.Run(seed, trainSteps: args.Int("epochs", 800, 1, 1_000_000));
                if (json)
                {
                    Output.Json(new { m.IntactTestAccuracy, m.CriticalBonds, m.CutBond, m.DamagedTestAccuracy, RecoveryCurve = m.RecoveryCurve.Select(c => new { c.Step, c.Accuracy }), m.Equilibria });
                    return 0;
                }
                AnsiConsole.MarkupLine("[bold]Li & Mao 2024:[/] 14-node triangular lattice classifying Iris with in-situ gradients (adjoint forces, measured elongations)");
                AnsiConsole.MarkupLine($"test accuracy after in-situ training: {m.IntactTestAccuracy:P1}");
                AnsiConsole.MarkupLine($"critical bonds (cutting one leaves a zero mode): {string.Join(", ", m.CriticalBonds)}; all others are redundant");
                AnsiConsole.MarkupLine($"cutting bond {m.CutBond}, the most harmful redundant one: {m.DamagedTestAccuracy:P1}");
                AnsiConsole.MarkupLine("in-situ retraining after the cut: " + string.Join(", ", m.RecoveryCurve.Select(c => $"step {c.Step}: {c.Accuracy:P0}")));
                AnsiConsole.MarkupLine($"equilibria solved (physical measurements): {m.Equilibria}");
                return 0;
            case "coupled-learning":
                var c = CoupledLearningIris.Run(seed);
                if (json)
                {
                    Output.Json(new { c.Edges, c.TrainAccuracy, c.TestAccuracy, Curve = c.Curve.Select(p => new { p.Epoch, p.Accuracy }), c.CutEdge, c.LossBeforeCut, c.LossAfterCut, c.LossRecovered, c.Equilibria });
                    return 0;
                }
                AnsiConsole.MarkupLine($"[bold]Coupled learning (Stern et al. 2021):[/] {c.Edges}-edge resistor network on Iris");
                AnsiConsole.MarkupLine($"train {c.TrainAccuracy:P1}, test {c.TestAccuracy:P1}; test accuracy by epoch: " + string.Join(", ", c.Curve.Select(p => $"{p.Epoch}: {p.Accuracy:P0}")));
                AnsiConsole.MarkupLine($"opening the strongest edge ({c.CutEdge}): margin loss {c.LossBeforeCut:F4} → {c.LossAfterCut:F4}, then {c.LossRecovered:F4} after 10 more epochs");
                return 0;
            case "pbit-factor":
                var f = args.Value("seed") is null ? SpintronicDemos.Factor() : SpintronicDemos.Factor(945, seed);
                if (json)
                {
                    Output.Json(f);
                    return 0;
                }
                AnsiConsole.MarkupLine($"[bold]p-bit invertible multiplier (Borders et al. 2019):[/] {f.Number} → {f.X} × {f.Y} = {f.X * f.Y}, visited in {f.Visits} of the last {f.Counted} sweeps");
                return 0;
            case "sto-reservoir":
                var rs = new[] { SpintronicDemos.SineSquare(), SpintronicDemos.Narma() };
                if (json)
                {
                    Output.Json(rs);
                    return 0;
                }
                var rt = new Table().Title("One spin-torque oscillator as a time-multiplexed reservoir (Torrejon et al. 2017)").AddColumn("task").AddColumn("metric").AddColumn("reservoir").AddColumn("linear readout on the input alone");
                foreach (var r in rs)
                {
                    rt.AddRow(r.Task, r.Metric, r.Reservoir.ToString("F3", CultureInfo.InvariantCulture), r.LinearOnInput.ToString("F3", CultureInfo.InvariantCulture));
                }
                AnsiConsole.Write(rt);
                return 0;
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
