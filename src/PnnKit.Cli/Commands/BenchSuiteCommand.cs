using System.Globalization;
using PnnKit.Bench.Runs;
using PnnKit.Bench.Suite;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>
/// pnn bench suite [--quick] [--seed N] [--runs-dir DIR] [--json]: every substrate and the digital
/// baseline on the same tasks, one row each, saved to DIR/NAME/suite.json and the run store DIR/pnnkit.db.
/// </summary>
internal static class BenchSuiteCommand
{
    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "bench suite", ["seed", "runs-dir", "cluster"], ["json", "quick"]);
        if (args.Positionals.Count != 0)
        {
            throw new UsageException($"pnn bench suite: unexpected argument '{args.Positionals[0]}' (pnn bench suite [--quick] [--seed N] [--runs-dir DIR] [--cluster CONFIG] [--json]).");
        }
        var options = new SuiteOptions { Quick = args.Flag("quick"), Seed = (ulong)args.Int("seed", 1, 0, int.MaxValue) };
        bool json = args.Flag("json");
        string? cluster = args.Value("cluster");
        SuiteResult result;
        using (var session = Sweeps.Open(cluster, "bench suite"))
        {
            result = BenchSuite.Run(options, json ? null : Console.Error.WriteLine,
                (spec, keys) => Sweeps.Run(session, new PnnKit.Cluster.Sweep(SuiteSweep.KindName, spec, keys), cluster, "bench suite"));
        }
        string file = Save(result, args.Value("runs-dir") ?? "runs");
        if (json)
        {
            Output.Json(new { SuiteFile = file, result.Rows, result.Skipped });
            return 0;
        }
        Print(result, "pnn bench suite" + (options.Quick ? " --quick" : ""));
        foreach (var skip in result.Skipped)
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(skip.Line)}[/]");
        }
        AnsiConsole.MarkupLine($"Rows written to {Markup.Escape(file)}; figures recorded in the run store beside it (pnn runs list | compare A B).");
        return 0;
    }

    /// <summary>Writes suite.json into a new folder under <paramref name="root"/> and records every figure in ROOT/pnnkit.db; returns the JSON path.</summary>
    public static string Save(SuiteResult result, string root)
    {
        string commit = GitInfo.Commit();
        string run = SuiteStore.RunName(result.Options, commit);
        string dir = Path.Combine(root, $"{run}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        string file = SuiteStore.WriteJson(result, dir);
        using var store = RunStore.Open(Path.Combine(root, "pnnkit.db"));
        SuiteStore.Record(store, run, commit, result);
        return file;
    }

    /// <summary>The suite's tables (accuracy; method; energy and the digital MLP at equal accuracy; static metrics) and the comparison sentences.</summary>
    public static void Print(SuiteResult result, string title)
    {
        var acc = new Table().Title($"[bold]{Markup.Escape(title)}: test accuracy[/]")
            .AddColumn("task").AddColumn("substrate").AddColumn("class").AddColumn("ideal").AddColumn("instances: mean / p5 / worst (n)").AddColumn("deployed").AddColumn("after 1 day");
        foreach (var r in result.Rows)
        {
            string instances = r.Instances == 0 ? "—" : $"{Pct(r.InstanceMean)} / {Pct(r.InstanceP5)} / {Pct(r.InstanceWorst)} ({r.Instances})";
            string deployed = r.DeployedStd is double sd ? $"{Pct(r.DeployedAccuracy)} ± {sd * 100:F2}" : Pct(r.DeployedAccuracy);
            acc.AddRow(r.Task, Markup.Escape(r.Label + (r.Precision == "fp32" ? " fp32" : "")), r.SubstrateClass, Pct(r.IdealAccuracy), instances, deployed,
                r.AccuracyAfterOneDay is double d ? Pct(d) : Markup.Escape(r.DriftPolicy));
        }
        AnsiConsole.Write(acc);
        foreach (var g in result.Rows.Where(r => r.Splits is not null).GroupBy(r => r.Task))
        {
            var first = g.First();
            string seeds = first.Seeds.Count > 1 ? $"; figures are means over seeds {first.Seeds[0]}–{first.Seeds[^1]} ({first.Seeds.Count} splits and initialisations), ± the std of the deployed accuracy" : $"; seed {string.Join(", ", first.Seeds)}";
            // A substrate that draws its own split (the reproduction it comes from) says so; one without a recorded split says that too.
            var others = result.Rows.Where(r => r.Task == g.Key && r.Substrate != "digital" && r.Splits != first.Splits)
                .Select(r => r.Splits is { } s ? $"{r.Label} {s}" : $"{r.Label}: its reproduction's own train / test split, not recorded").ToList();
            string own = others.Count > 0 ? $" ({string.Join("; ", others)})" : "";
            AnsiConsole.MarkupLine(Markup.Escape($"{g.Key}: split {first.Splits}{own}{seeds}."));
        }
        var method = new Table().Title($"[bold]{Markup.Escape(title)}: models and training[/]")
            .AddColumn("task").AddColumn("substrate").AddColumn("model").AddColumn("training").AddColumn("physical queries").AddColumn("params");
        foreach (var r in result.Rows)
        {
            method.AddRow(r.Task, Markup.Escape(r.Label), Markup.Escape(r.Model), Markup.Escape(r.TrainingMethod),
                r.PhysicalQueries is long q ? q.ToString("N0", CultureInfo.InvariantCulture) : "not counted", r.Parameters.ToString("N0", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(method);
        var cost = new Table().Title($"[bold]{Markup.Escape(title)}: energy per inference, and the cheapest digital MLP reaching the deployed accuracy on validation[/]")
            .AddColumn("task").AddColumn("substrate").AddColumn("core").AddColumn("system").AddColumn("latency").AddColumn("digital match (cheapest precision)").AddColumn("substrate vs digital match")
            .AddColumn("fp32 match").AddColumn("substrate vs fp32");
        foreach (var r in result.Rows)
        {
            string match = r.Substrate == "digital" ? "" : r.DigitalMatch is { } m ? Match(m) : $"none up to {EqualAccuracy.Widths[^1]}";
            string fp32 = r.Substrate == "digital" ? "" : r.DigitalMatchFp32 is { } f ? Match(f) : $"none up to {EqualAccuracy.Widths[^1]}";
            cost.AddRow(Markup.Escape(r.Task), Markup.Escape(r.Label + (r.Precision == "fp32" ? " fp32" : "")), Output.Joules(r.CoreEnergyJoules), Output.Joules(r.SystemEnergyJoules),
                r.LatencySeconds is double s ? Output.Seconds(s) : "not modelled", Markup.Escape(match), Versus(r.EfficiencyVsDigital), Markup.Escape(fp32), Versus(r.EfficiencyVsFp32));
        }
        AnsiConsole.Write(cost);
        var stat = new Table().Title($"[bold]{Markup.Escape(title)}: NeuroBench-style static metrics (layered models; — where not defined)[/]")
            .AddColumn("task").AddColumn("model").AddColumn("footprint").AddColumn("connection sparsity").AddColumn("activation sparsity").AddColumn("effective MACs / sample");
        foreach (var r in result.Rows)
        {
            var m = r.Static;
            stat.AddRow(r.Task, Markup.Escape(r.Model), m is null ? "—" : $"{m.FootprintBytes:N0} B", m is null ? "—" : $"{m.ConnectionSparsity:P1}", m is null ? "—" : $"{m.ActivationSparsity:P1}",
                m is null ? "—" : m.EffectiveMacsPerSample.ToString("N0", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(stat);
        foreach (var substrate in result.Rows.Where(r => r.Static is null).Select(r => r.Substrate).Distinct())
        {
            AnsiConsole.MarkupLine($"— {Markup.Escape(substrate)}: {Markup.Escape(StaticMetrics.NotMeasured(substrate) ?? "not measured")}.");
        }
        AnsiConsole.MarkupLine("Static metrics (NeuroBench, Yik et al. 2025): words of 4 B (float32; 2 B and 1 B for the fp16 and int8 digital rows); a crossbar weight counts as its conductance pair G⁺, G⁻ (2 words), its biases are digital words; "
            + "a mesh counts its phases (θ, φ per MZI, output phases) as words, its connections as the entries of its equivalent N×N matrix and its MACs as complex MACs of that dense matrix (not 2×2 MZI cell operations).");
        foreach (var r in result.Rows.Where(r => r.Substrate != "digital"))
        {
            string verdict = r.EfficiencyVsDigital is double x ? EqualAccuracy.Describe(x, r.DigitalMatch!.Precision) + (r.EfficiencyVsFp32 is double f && r.DigitalMatch.Precision != "fp32" ? $" (against fp32: {EqualAccuracy.Factor(f >= 1 ? f : 1 / f)}× {(f >= 1 ? "less" : "more")} energy)" : "")
                : r.DigitalMatch is null ? $"no digital MLP up to hidden {EqualAccuracy.Widths[^1]} reaches its accuracy" : "no system energy to compare";
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Task)} / {Markup.Escape(r.Label)}[/]: {Markup.Escape(verdict)}." + (r.Note.Length > 0 ? $" {Markup.Escape(r.Note)}." : ""));
        }
        AnsiConsole.MarkupLine("Digital: 45 nm arithmetic (Horowitz, ISSCC 2014): MAC fp32 4.6 pJ, fp16 1.5 pJ, int8 0.23 pJ (8-bit multiply and add; plus 3.1 pJ per int8 requantized activation), "
            + "weights from 1 MB SRAM at 100 pJ per 64 bits read once per batch (4, 2 or 1 byte per weight); latency assumes 256 MAC lanes at 1 GHz. fp16 and int8: the fp32 MLP after post-training quantization "
            + "(int8: per-channel weight scales, activation scales from the min/max over 2,048 training rows), accuracy measured. "
            + "Digital match: for each precision the smallest one-hidden-layer MLP (widths 1, 2, 4, …, 256, the digital row's training and seeds) whose validation accuracy reaches the substrate's deployed accuracy; "
            + "the cheapest of them is the match (its test accuracy shown), the fp32 one the second comparison.");
    }

    private static string Match(DigitalMatch m) => $"hidden {m.Hidden} {m.Precision}: {Pct(m.Accuracy)} (val {Pct(m.ValidationAccuracy)}), {Output.Joules(m.SystemEnergyJoules)}";

    private static string Versus(double? ratio) => ratio is double x ? (x >= 1 ? $"{EqualAccuracy.Factor(x)}× less energy" : $"{EqualAccuracy.Factor(1 / x)}× more energy") : "";

    private static string Pct(double? v) => v is double x ? (x * 100).ToString("F2", CultureInfo.InvariantCulture) + " %" : "—";
}
