using System.Text.Json;
using PnnKit.Cli.Runs;
using PnnKit.Core.Training;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>Shared printing: JSON for scripts, Spectre tables for people.</summary>
internal static class Output
{
    public static void Json(object value) => Console.WriteLine(JsonSerializer.Serialize(value, RunDirectory.Json));

    public static string Joules(double j) => j switch
    {
        >= 1e-3 => $"{j * 1e3:F2} mJ",
        >= 1e-6 => $"{j * 1e6:F2} µJ",
        >= 1e-9 => $"{j * 1e9:F2} nJ",
        _ => $"{j * 1e12:F2} pJ",
    };

    public static string Seconds(double s) => s switch
    {
        >= 1 => $"{s:F2} s",
        >= 1e-3 => $"{s * 1e3:F2} ms",
        >= 1e-6 => $"{s * 1e6:F2} µs",
        _ => $"{s * 1e9:F2} ns",
    };

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
        table.AddRow("run directory", Markup.Escape(r.RunDirectory));
        AnsiConsole.Write(table);
    }
}
