using PnnKit.Networks.Reproductions;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro coupled-learning: the 16-edge self-learning resistor network on Iris, over several seeds, and its damage curve.</summary>
internal static class ReproCoupledLearning
{
    public static int Run(CliArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool quick = args.Flag("quick");
        int first = args.Int("seed", 1, 0, int.MaxValue - 1000);
        int seeds = args.Int("seeds", quick ? 3 : 10, 1, 1000);
        var options = new CoupledLearningIrisOptions { Epochs = args.Int("epochs", 30, 1, 100_000) };
        if (args.Flag("sweep"))
        {
            return Search(args, options);
        }
        var runs = Enumerable.Range(first, seeds).Select(s => CoupledLearningIris.Run(options with { Seed = (ulong)s })).ToList();
        var r = runs[0];
        double mean = runs.Average(x => x.TestAccuracy), min = runs.Min(x => x.TestAccuracy);
        if (args.Flag("json"))
        {
            Output.Json(new
            {
                r.Edges,
                MeanTestAccuracy = mean,
                MinTestAccuracy = min,
                Splits = r.Splits,
                Seeds = runs.Select(x => new { x.Seed, x.TrainAccuracy, x.ValidationAccuracy, x.TestAccuracy }),
                First = new
                {
                    r.Seed,
                    Curve = r.Curve.Select(p => new { p.Epoch, p.Accuracy }),
                    CutEdges = r.CutEdges.Select(e => new[] { e.A, e.B }),
                    SkippedEdges = r.SkippedEdges.Select(e => new[] { e.A, e.B }),
                    options.CutEvery,
                    Damage = r.Damage.Select(p => new { p.Step, p.Loss, p.Error }),
                    r.TestAccuracyAfterDamage,
                    r.Equilibria,
                    r.CopiesMeanAccuracy,
                    r.CopiesWorstAccuracy,
                    r.CoreJoulesPerInference,
                    r.SystemJoulesPerInference,
                },
            });
            return 0;
        }
        AnsiConsole.MarkupLine($"[bold]Coupled learning (Stern et al. 2021; Dillavou et al. 2022):[/] {r.Edges}-edge self-learning resistor network on Iris ({r.Splits} flowers per seed; the layout was chosen on validation of seeds {string.Join(", ", CoupledLearningIris.LayoutSearchSeeds)}: `--sweep`)");
        AnsiConsole.MarkupLine($"test accuracy over seeds {first}–{first + seeds - 1}: mean {mean:P1}, min {min:P1} ({string.Join(", ", runs.Select(x => $"{x.TestAccuracy:P1}"))})");
        AnsiConsole.MarkupLine($"seed {r.Seed}: train {r.TrainAccuracy:P1}, validation {r.ValidationAccuracy:P1}, test {r.TestAccuracy:P1}; validation accuracy by epoch: " + string.Join(", ", r.Curve.Select(p => $"{p.Epoch}: {p.Accuracy:P0}")));
        AnsiConsole.MarkupLine($"the trained conductances on 20 fabricated copies (5 % conductance spread, 1 mV read noise): test accuracy mean {r.CopiesMeanAccuracy:P1}, worst {r.CopiesWorstAccuracy:P1}");
        AnsiConsole.MarkupLine($"damage: a random edge cut every {options.CutEvery} single-flower updates while learning continues; cut {string.Join(", ", r.CutEdges.Select(e => $"{e.A}–{e.B}"))}" + (r.SkippedEdges.Count > 0 ? $"; skipped (would disconnect an output or source): {string.Join(", ", r.SkippedEdges.Select(e => $"{e.A}–{e.B}"))}" : "; no candidate cut would have disconnected the network"));
        var table = new Table().Title("training-set margin loss and error during the damage phase (a cut right before each step that is a multiple of " + options.CutEvery + ")").AddColumn("step").AddColumn("margin loss").AddColumn("error");
        foreach (var p in r.Damage)
        {
            table.AddRow($"{p.Step}", $"{p.Loss:F4}", $"{p.Error:P0}");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"test accuracy after the damage phase: {r.TestAccuracyAfterDamage:P1}; equilibria solved: {r.Equilibria}");
        AnsiConsole.MarkupLine($"energy per classified flower: core (V²G in the network over its {Output.Seconds(new PnnKit.Networks.NetworkCostModel().ElectricalDriveSeconds)} drive) {Output.Joules(r.CoreJoulesPerInference)}, system (+ source DACs, output ADCs) {Output.Joules(r.SystemJoulesPerInference)}");
        return 0;
    }

    /// <summary>--sweep: the layout search on validation (<see cref="CoupledLearningIris.SearchLayout"/>), the ten best and the 18-edge layout.</summary>
    private static int Search(CliArgs args, CoupledLearningIrisOptions options)
    {
        var seeds = CoupledLearningIris.LayoutSearchSeeds;
        var scores = CoupledLearningIris.SearchLayout(seeds, options);
        static string Name(LayoutScore s) => s.Dropped.Count == 0 ? "all 18 edges" : "without " + string.Join(" and ", s.Dropped.Select(e => $"{e.A}–{e.B}"));
        if (args.Flag("json"))
        {
            Output.Json(new { Seeds = seeds, Layouts = scores.Select(s => new { Dropped = s.Dropped.Select(e => new[] { e.A, e.B }), s.MeanValidationAccuracy }) });
            return 0;
        }
        var table = new Table().Title($"layouts by mean validation accuracy over seeds {string.Join(", ", seeds)} (24 flowers each; test not read)").AddColumn("rank").AddColumn("layout").AddColumn("mean validation accuracy");
        for (int i = 0; i < scores.Count; i++)
        {
            if (i < 10 || scores[i].Dropped.Count == 0)
            {
                table.AddRow($"{i + 1}", Name(scores[i]), $"{scores[i].MeanValidationAccuracy:P1}");
            }
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"the default 16-edge layout is {Name(new LayoutScore([.. CoupledLearningIris.Layout18.Except(CoupledLearningIris.Layout16)], 0))}");
        return 0;
    }
}
