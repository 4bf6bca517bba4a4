using System.Globalization;
using PnnKit.Bench.Runs;
using PnnKit.Devices.Recording;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn runs list | compare A B [--store FILE] | recording FILE|RUNDIR: the run store, and the device recordings of runs.</summary>
internal static class RunsCommand
{
    private const string Usage = "pnn runs: give list, or compare A B (run names or commit prefixes), or recording FILE|RUNDIR (a device recording).";

    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "runs", ["store"], ["json"]);
        if (args.Positionals is ["recording", var target])
        {
            return Recordings(target, args.Flag("json"));
        }
        if (args.Positionals is not (["list"] or ["compare", _, _]))
        {
            throw new UsageException(Usage);
        }
        string path = args.Value("store") ?? Path.Combine("runs", "pnnkit.db");
        if (!File.Exists(path))
        {
            throw new UsageException($"pnn runs: no run store at {path}; train a run first or give --store FILE.");
        }
        using var store = RunStore.Open(path);
        bool json = args.Flag("json");
        switch (args.Positionals.FirstOrDefault())
        {
            case "list":
                var rows = store.Rows();
                if (json)
                {
                    Output.Json(rows);
                    break;
                }
                var list = new Table().AddColumn("run").AddColumn("commit").AddColumn("seed").AddColumn("metric").AddColumn("value").AddColumn("recorded (UTC)");
                foreach (var r in rows)
                {
                    list.AddRow(Markup.Escape(r.Run), r.GitCommit[..Math.Min(10, r.GitCommit.Length)], r.Seed.ToString(CultureInfo.InvariantCulture), r.Metric, Format(r.Value, r.Unit), r.RecordedUtc);
                }
                AnsiConsole.Write(list);
                break;
            case "compare" when args.Positionals.Count == 3:
                var cmp = store.Compare(args.Positionals[1], args.Positionals[2]);
                if (json)
                {
                    Output.Json(cmp);
                    break;
                }
                var table = new Table().AddColumn("metric").AddColumn(Markup.Escape(args.Positionals[1])).AddColumn(Markup.Escape(args.Positionals[2])).AddColumn("change");
                foreach (var c in cmp)
                {
                    table.AddRow(c.Metric, c.A is double a ? Format(a, c.Unit) : "—", c.B is double b ? Format(b, c.Unit) : "—", c.Delta is double d ? Format(d, c.Unit) : "—");
                }
                AnsiConsole.Write(table);
                break;
            default:
                throw new UsageException(Usage);
        }
        return 0;
    }

    // A recording file, or a run directory's device*.jsonl recordings: sessions, queries, examples, checkpoints, time span.
    private static int Recordings(string target, bool json)
    {
        string[] files = File.Exists(target) ? [target]
            : Directory.Exists(target) ? [.. Directory.GetFiles(target, "device*.jsonl").Order(StringComparer.Ordinal)]
            : throw new UsageException($"pnn runs recording: no file or run directory at {target}.");
        if (files.Length == 0)
        {
            throw new UsageException($"pnn runs recording: {target} holds no device*.jsonl recording; a run records one when it trains against a device.");
        }
        var recordings = files.Select(RecordingFile.Read).ToList();
        var summaries = recordings.Select(RecordingSummary.Of).ToList();
        if (json)
        {
            Output.Json(summaries);
            return 0;
        }
        // One two-column table per recording: the figures stay readable in a narrow terminal.
        foreach (var s in summaries)
        {
            var table = new Table().AddColumn(Markup.Escape(Path.GetFileName(s.Path))).AddColumn("");
            table.AddRow("device", Markup.Escape(s.Device));
            table.AddRow("sessions", Count(s.Sessions));
            table.AddRow("measurements", Count(s.Measurements));
            table.AddRow("examples", Count(s.Examples));
            table.AddRow("gradient calls", Count(s.Gradients));
            table.AddRow("checkpoints", Count(s.Checkpoints));
            table.AddRow("superseded queries", Count(s.Superseded));
            table.AddRow("first (UTC)", s.First ?? "—");
            table.AddRow("last (UTC)", s.Last ?? "—");
            AnsiConsole.Write(table);
        }
        foreach (var torn in recordings.SelectMany(r => r.TornLines))
        {
            AnsiConsole.MarkupLine(Markup.Escape(torn));
        }
        AnsiConsole.MarkupLine("superseded: queries a crashed session made after its last checkpoint, redone by the resumed run and skipped on replay.");
        return 0;
    }

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Format(double v, string unit) => unit.Length == 0 ? v.ToString("G6", CultureInfo.InvariantCulture) : $"{v:G4} {unit}";
}
