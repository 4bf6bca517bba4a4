using System.Globalization;
using PnnKit.Bench.Runs;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn runs list | compare A B [--store FILE]: the run store.</summary>
internal static class RunsCommand
{
    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "runs", ["store"], ["json"]);
        if (args.Positionals is not (["list"] or ["compare", _, _]))
        {
            throw new UsageException("pnn runs: give list, or compare A B (run names or commit prefixes).");
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
                throw new UsageException("pnn runs: give list, or compare A B (run names or commit prefixes).");
        }
        return 0;
    }

    private static string Format(double v, string unit) => unit.Length == 0 ? v.ToString("G6", CultureInfo.InvariantCulture) : $"{v:G4} {unit}";
}
