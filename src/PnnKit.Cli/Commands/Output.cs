using System.Text.Json;
using PnnKit.Cli.Runs;
using PnnKit.Core.Costs;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Training;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>Shared printing: JSON for scripts, Spectre tables for people.</summary>
internal static class Output
{
    public static void Json(object value) => Console.WriteLine(JsonSerializer.Serialize(value, RunDirectory.Json));

    public static string Joules(double j) => Units.Joules(j);

    public static string Seconds(double s) => Units.Seconds(s);

    public static void EpochLine(EpochMetrics m, int epochs) =>
        Console.Error.WriteLine($"epoch {m.Epoch}/{epochs}  loss {m.TrainLoss:F4}" +
            (m.TrainAccuracy is double a ? $"  train acc {a:P2}" : "") +
            (m.ValidationAccuracy is double v ? $"  val acc {v:P2}" : m.ValidationLoss is double vl ? $"  val loss {vl:F4}" : ""));

    public static void Result(RunResult r)
    {
        var table = new Table().Title($"[bold]{Markup.Escape(r.Name)}[/] on {Markup.Escape(r.Data)}").AddColumn("figure").AddColumn("value");
        table.AddRow("test accuracy", r.TestAccuracy is double a ? $"{a:P2}" : "n/a");
        table.AddRow("test loss", $"{r.TestLoss:F4}");
        table.AddRow("epochs", r.Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("train / test examples", $"{r.TrainCount} / {r.TestCount}");
        table.AddRow("parameters", r.Parameters.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("energy per inference, core", Joules(r.CoreEnergyPerInferenceJoules));
        table.AddRow("energy per inference, system", Joules(r.SystemEnergyPerInferenceJoules));
        table.AddRow("latency (critical path)", Seconds(r.LatencySeconds));
        if (r.Device is { } d)
        {
            table.AddRow("trained on", Markup.Escape($"{d.Address}0…, {d.Method}"));
            table.AddRow("device examples (gradients)", $"{d.Examples:N0} ({d.GradientExamples:N0}, {d.Readings:N0} readings)");
            table.AddRow("device calls (retried)", $"{d.Calls:N0} ({d.Retries:N0})");
            table.AddRow("device time, wall time waiting", $"{Seconds(d.DeviceSeconds)}, {Seconds(d.WallSeconds)}");
            table.AddRow("device energy (training and test)", Joules(d.EnergyJoules));
        }
        if (r.CostReport is { } c)
        {
            CostRows(table, c);
        }
        table.AddRow("run directory", Markup.Escape(r.RunDirectory));
        AnsiConsole.Write(table);
        if (r.CostReport is { } report)
        {
            CostTerms(report);
        }
        if (r.CostParameters is { Count: > 0 } used)
        {
            var p = new Table().Title("cost parameters behind these figures").AddColumn("model").AddColumn("parameter").AddColumn("value").AddColumn("source").AddColumn("valid for");
            foreach (var q in used)
            {
                p.AddRow(Markup.Escape(q.Model), Markup.Escape(q.Name), Markup.Escape($"{q.Value:G3} {q.Unit}"), Markup.Escape(q.Source), Markup.Escape(q.Validity));
            }
            AnsiConsole.Write(p);
        }
    }

    /// <summary>TOPS/W both ways, throughput, static power and the deployment, as rows of a figure table.</summary>
    public static void CostRows(Table table, InferenceCostReport c)
    {
        static string G3(double? v) => v is double x ? x.ToString("G3", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
        table.AddRow("TOPS/W, core / system", $"{G3(c.CoreTopsPerWatt)} / {G3(c.SystemTopsPerWatt)} ({G3(c.OperationsPerInference)} operations per inference)");
        table.AddRow("throughput (one inference at a time)", c.ThroughputPerSecond is double t ? $"{G3(t)} inferences/s" : "n/a (no stage declared a latency)");
        table.AddRow("static power", Markup.Escape(c.StaticPower.ToString()));
        table.AddRow("deployment (amortisation)", c.Deployment is { } d ? $"{G3(d.InferencesPerSecond)} inferences/s for {G3(d.Lifetime.Seconds / 86_400)} days" : "none stated: nothing amortised");
    }

    /// <summary>Every term of the system figure with its share, then the terms not counted.</summary>
    public static void CostTerms(InferenceCostReport c)
    {
        var terms = new Table().Title("system energy per inference, by term").AddColumn("term").AddColumn("category").AddColumn("kind").AddColumn("energy").AddColumn("share");
        foreach (var t in c.Terms)
        {
            terms.AddRow(Markup.Escape(t.Name), t.Category?.ToString() ?? "—", t.Kind, Markup.Escape(t.PerInference.ToString()), $"{t.Share:P1}");
        }
        AnsiConsole.Write(terms);
        AnsiConsole.MarkupLine(c.Excluded.Count == 0
            ? "Terms not counted: none declared."
            : "Terms not counted: " + Markup.Escape(string.Join("; ", c.Excluded.Select(e => $"{e.Key} ({e.Value})"))) + ".");
    }

    /// <summary>A reproduction's report: its lines (the lead in bold) and tables, every text escaped.</summary>
    public static void Report(ReproReport report)
    {
        foreach (var block in report.Blocks)
        {
            switch (block)
            {
                case ReportLine { Lead: { } lead } line:
                    AnsiConsole.MarkupLine($"[bold]{Markup.Escape(lead)}[/] {Markup.Escape(line.Text)}");
                    break;
                case ReportLine line:
                    AnsiConsole.MarkupLine(Markup.Escape(line.Text));
                    break;
                case ReportTable t:
                    // An empty title would print an empty line above the table: a table without one has none.
                    var table = t.Title.Length == 0 ? new Table() : new Table().Title(Markup.Escape(t.Title));
                    foreach (string c in t.Columns)
                    {
                        table.AddColumn(Markup.Escape(c));
                    }
                    foreach (var row in t.Rows)
                    {
                        table.AddRow([.. row.Select(Markup.Escape)]);
                    }
                    AnsiConsole.Write(table);
                    break;
                default:
                    throw new InvalidOperationException($"unknown report block {block.GetType().Name}");
            }
        }
    }
}
