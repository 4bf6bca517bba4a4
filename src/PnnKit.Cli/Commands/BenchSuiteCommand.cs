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
        var args = new CliArgs(argv, "bench suite", ["seed", "runs-dir"], ["json", "quick"]);
        if (args.Positionals.Count != 0)
        {
            throw new UsageException($"pnn bench suite: unexpected argument '{args.Positionals[0]}' (pnn bench suite [--quick] [--seed N] [--runs-dir DIR] [--json]).");
        }
        var options = new SuiteOptions { Quick = args.Flag("quick"), Seed = (ulong)args.Int("seed", 1, 0, int.MaxValue) };
        bool json = args.Flag("json");
        var result = BenchSuite.Run(options, json ? null : Console.Error.WriteLine);
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
            acc.AddRow(r.Task, r.Substrate, r.SubstrateClass, Pct(r.IdealAccuracy), instances, Pct(r.DeployedAccuracy), r.AccuracyAfterOneDay is double d ? Pct(d) : Markup.Escape(r.DriftPolicy));
        }
        AnsiConsole.Write(acc);
        var method = new Table().Title($"[bold]{Markup.Escape(title)}: models and training[/]")
            .AddColumn("task").AddColumn("substrate").AddColumn("model").AddColumn("training").AddColumn("physical queries").AddColumn("params");
        foreach (var r in result.Rows)
        {
            method.AddRow(r.Task, r.Substrate, Markup.Escape(r.Model), Markup.Escape(r.TrainingMethod),
                r.PhysicalQueries is long q ? q.ToString("N0", CultureInfo.InvariantCulture) : "not counted", r.Parameters.ToString("N0", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(method);
        var cost = new Table().Title($"[bold]{Markup.Escape(title)}: energy per inference, and the smallest digital MLP reaching the deployed accuracy[/]")
            .AddColumn("task").AddColumn("substrate").AddColumn("core").AddColumn("system").AddColumn("latency").AddColumn("digital match").AddColumn("substrate vs digital match");
        foreach (var r in result.Rows)
        {
            string match = r.Substrate == "digital" ? "" : r.DigitalMatch is { } m ? $"hidden {m.Hidden}: {Pct(m.Accuracy)}, {Output.Joules(m.SystemEnergyJoules)}" : $"none up to {EqualAccuracy.Widths[^1]}";
            cost.AddRow(r.Task, r.Substrate, Output.Joules(r.CoreEnergyJoules), Output.Joules(r.SystemEnergyJoules), r.LatencySeconds is double s ? Output.Seconds(s) : "not modelled",
                Markup.Escape(match), r.EfficiencyVsDigital is double x ? (x >= 1 ? $"{EqualAccuracy.Factor(x)}× less energy" : $"{EqualAccuracy.Factor(1 / x)}× more energy") : "");
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
        AnsiConsole.MarkupLine("Static metrics (NeuroBench, Yik et al. 2025): words of 4 B (float32); a crossbar weight counts as its conductance pair G⁺, G⁻ (2 words), its biases are digital words; "
            + "a mesh counts its phases (θ, φ per MZI, output phases) as words, its connections as the entries of its equivalent N×N matrix and its MACs as complex MACs of that dense matrix (not 2×2 MZI cell operations).");
        foreach (var r in result.Rows.Where(r => r.Substrate != "digital"))
        {
            string verdict = r.EfficiencyVsDigital is double x ? EqualAccuracy.Describe(x)
                : r.DigitalMatch is null ? $"no digital MLP up to hidden {EqualAccuracy.Widths[^1]} reaches its accuracy" : "no system energy to compare";
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Task)} / {Markup.Escape(r.Substrate)}[/]: {Markup.Escape(verdict)}." + (r.Note.Length > 0 ? $" {Markup.Escape(r.Note)}." : ""));
        }
        AnsiConsole.MarkupLine("Digital: 45 nm arithmetic (Horowitz, ISSCC 2014), fp32 MAC 4.6 pJ, weights from 1 MB SRAM at 100 pJ per 64 bits read once per batch; latency assumes 256 MAC lanes at 1 GHz. "
            + "Digital match: the smallest one-hidden-layer MLP (widths 1, 2, 4, …, 256, the digital row's training and seed) whose test accuracy reaches the substrate's deployed accuracy.");
    }

    private static string Pct(double? v) => v is double x ? (x * 100).ToString("F2", CultureInfo.InvariantCulture) + " %" : "—";
}
