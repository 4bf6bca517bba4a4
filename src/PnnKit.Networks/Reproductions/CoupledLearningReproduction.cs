using PnnKit.Core.Reproductions;

namespace PnnKit.Networks.Reproductions;

/// <summary>The self-learning resistor network over several seeds, as <c>pnn repro coupled-learning</c> prints it.</summary>
/// <param name="Runs">One run per seed, the first seed first (the first also ran the damage phase).</param>
/// <param name="FirstSeed">The first seed.</param>
/// <param name="Options">The settings every seed ran with.</param>
/// <param name="LabEffects">Digital potentiometers against continuous conductances, on the 16-edge and the interior-node network.</param>
public sealed record CoupledLearningResult(IReadOnlyList<CoupledLearningIrisResult> Runs, int FirstSeed, CoupledLearningIrisOptions Options, IReadOnlyList<LabEffectRow> LabEffects) : IReproResult
{
    /// <inheritdoc/>
    public object Json()
    {
        var r = Runs[0];
        return new
        {
            r.Edges,
            MeanTestAccuracy = Runs.Average(x => x.TestAccuracy),
            MinTestAccuracy = Runs.Min(x => x.TestAccuracy),
            Splits = r.Splits,
            Seeds = Runs.Select(x => new { x.Seed, x.TrainAccuracy, x.ValidationAccuracy, x.TestAccuracy }),
            First = new
            {
                r.Seed,
                Curve = r.Curve.Select(p => new { p.Epoch, p.Accuracy }),
                CutEdges = r.CutEdges.Select(e => new[] { e.A, e.B }),
                SkippedEdges = r.SkippedEdges.Select(e => new[] { e.A, e.B }),
                Options.CutEvery,
                Damage = r.Damage.Select(p => new { p.Step, p.Loss, p.Error }),
                r.TestAccuracyAfterDamage,
                r.Equilibria,
                r.CopiesMeanAccuracy,
                r.CopiesWorstAccuracy,
                r.CoreJoulesPerInference,
                r.SystemJoulesPerInference,
            },
            LabEffects = LabEffects.Select(l => new { l.Layout, l.Nodes, l.Edges, l.Update, l.MeanValidationAccuracy, l.MeanTestAccuracy, l.MinTestAccuracy }),
        };
    }

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var r = Runs[0];
        double mean = Runs.Average(x => x.TestAccuracy), min = Runs.Min(x => x.TestAccuracy);
        var report = new ReproReport()
            .Lead("Coupled learning (Stern et al. 2021; Dillavou et al. 2022):", $"{r.Edges}-edge self-learning resistor network on Iris ({r.Splits} flowers per seed; the layout was chosen on validation of seeds {string.Join(", ", CoupledLearningIris.LayoutSearchSeeds)}: `--sweep`)")
            .Line($"test accuracy over seeds {FirstSeed}–{FirstSeed + Runs.Count - 1}: mean {mean:P1}, min {min:P1} ({string.Join(", ", Runs.Select(x => $"{x.TestAccuracy:P1}"))})")
            .Line($"seed {r.Seed}: train {r.TrainAccuracy:P1}, validation {r.ValidationAccuracy:P1}, test {r.TestAccuracy:P1}; validation accuracy by epoch: " + string.Join(", ", r.Curve.Select(p => $"{p.Epoch}: {p.Accuracy:P0}")))
            .Line($"the trained conductances on 20 fabricated copies (5 % conductance spread, 1 mV read noise): test accuracy mean {r.CopiesMeanAccuracy:P1}, worst {r.CopiesWorstAccuracy:P1}")
            .Line($"damage: a random edge cut every {Options.CutEvery} single-flower updates while learning continues; cut {string.Join(", ", r.CutEdges.Select(e => $"{e.A}–{e.B}"))}" + (r.SkippedEdges.Count > 0 ? $"; skipped (would disconnect an output or source): {string.Join(", ", r.SkippedEdges.Select(e => $"{e.A}–{e.B}"))}" : "; no candidate cut would have disconnected the network"));
        var table = report.Table("training-set margin loss and error during the damage phase (a cut right before each step that is a multiple of " + Options.CutEvery + ")").AddColumn("step").AddColumn("margin loss").AddColumn("error");
        foreach (var p in r.Damage)
        {
            table.AddRow($"{p.Step}", $"{p.Loss:F4}", $"{p.Error:P0}");
        }
        var lab = report.Table($"as built: edges of 128-tap digital potentiometers stepped by window comparators (2 mV offsets, dead band chosen on validation), as Dillavou et al. 2022 built them, and continuous conductances (the rule of the run above), Iris test accuracy over seeds {FirstSeed}–{FirstSeed + Runs.Count - 1}")
            .AddColumn("network").AddColumn("nodes").AddColumn("edges").AddColumn("update").AddColumn("mean validation").AddColumn("mean test").AddColumn("min test");
        foreach (var l in LabEffects)
        {
            lab.AddRow(l.Layout, $"{l.Nodes}", $"{l.Edges}", l.Update, $"{l.MeanValidationAccuracy:P1}", $"{l.MeanTestAccuracy:P1}", $"{l.MinTestAccuracy:P1}");
        }
        return report
            .Line($"test accuracy after the damage phase: {r.TestAccuracyAfterDamage:P1}; equilibria solved: {r.Equilibria}")
            .Line($"energy per classified flower: core (V²G in the network over its {Units.Seconds(new NetworkCostModel().ElectricalDriveSeconds)} drive) {Units.Joules(r.CoreJoulesPerInference)}, system (+ source DACs, output ADCs) {Units.Joules(r.SystemJoulesPerInference)}");
    }
}

/// <summary>The layout search on validation (<c>pnn repro coupled-learning --sweep</c>): the ten best and the 18-edge layout.</summary>
/// <param name="Seeds">The seeds whose validation splits score a layout.</param>
/// <param name="Scores">Every layout, best first.</param>
public sealed record CoupledLearningSearchResult(IReadOnlyList<ulong> Seeds, IReadOnlyList<LayoutScore> Scores) : IReproResult
{
    private static string Name(LayoutScore s) => s.Dropped.Count == 0 ? "all 18 edges" : "without " + string.Join(" and ", s.Dropped.Select(e => $"{e.A}–{e.B}"));

    /// <inheritdoc/>
    public object Json() => new { Seeds, Layouts = Scores.Select(s => new { Dropped = s.Dropped.Select(e => new[] { e.A, e.B }), s.MeanValidationAccuracy }) };

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var report = new ReproReport();
        var table = report.Table($"layouts by mean validation accuracy over seeds {string.Join(", ", Seeds)} (24 flowers each; test not read)").AddColumn("rank").AddColumn("layout").AddColumn("mean validation accuracy");
        for (int i = 0; i < Scores.Count; i++)
        {
            if (i < 10 || Scores[i].Dropped.Count == 0)
            {
                table.AddRow($"{i + 1}", Name(Scores[i]), $"{Scores[i].MeanValidationAccuracy:P1}");
            }
        }
        return report.Line($"the default 16-edge layout is {Name(new LayoutScore([.. CoupledLearningIris.Layout18.Except(CoupledLearningIris.Layout16)], 0))}");
    }
}

/// <summary><c>pnn repro coupled-learning</c>: <see cref="CoupledLearningIris"/> over several seeds, or its layout search, from the command line.</summary>
public sealed class CoupledLearningReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "coupled-learning";

    /// <inheritdoc/>
    public string Summary => "self-learning 16-edge resistor network on Iris over 10 seeds (--seeds N), an edge cut every 100 updates; a 64-node interior network and digital-potentiometer edges beside continuous ones (Stern et al. 2021; Dillavou et al. 2022)";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Stern et al.", 2021, "Physical Review X"), new("Dillavou et al.", 2022, "Physical Review Applied")];

    /// <inheritdoc/>
    public string? Quick => "3 seeds instead of 10";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } =
        [ReproOption.Quick, ReproOption.Epochs, ReproOption.Seed, new("seeds", "how many consecutive seeds, from --seed, are averaged (default 10)"), ReproOption.Sweep];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool quick = args.Flag("quick");
        int first = args.Int("seed", 1, 0, int.MaxValue - 1000);
        int seeds = args.Int("seeds", quick ? 3 : 10, 1, 1000);
        var options = new CoupledLearningIrisOptions { Epochs = args.Int("epochs", 30, 1, 100_000) };
        if (args.Flag("sweep"))
        {
            var searchSeeds = CoupledLearningIris.LayoutSearchSeeds;
            return new CoupledLearningSearchResult(searchSeeds, CoupledLearningIris.SearchLayout(searchSeeds, options));
        }
        var runs = Enumerable.Range(first, seeds).Select(s => CoupledLearningIris.Run(options with { Seed = (ulong)s })).ToList();
        return new CoupledLearningResult(runs, first, options, CoupledLearningLabEffects.Run(first, seeds, options.Epochs));
    }
}
