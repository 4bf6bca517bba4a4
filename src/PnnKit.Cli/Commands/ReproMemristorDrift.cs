using System.Globalization;
using PnnKit.Bench.Plots;
using PnnKit.Bench.Repro;
using PnnKit.Methods;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>
/// pnn repro memristor-drift: the 784-256-128-10 MLP trained with one recipe in software (the digital baseline),
/// on the PCM crossbar model hardware-aware and plain, and the software weights mapped onto crossbars; 20
/// fabricated instances read at 1 s … 1 year with global drift compensation. Prints a table, writes memristor-drift.png.
/// </summary>
internal static class ReproMemristorDrift
{
    /// <summary>The plot's file, in the working directory.</summary>
    public const string PlotFile = "memristor-drift.png";

    public static int Run(CliArgs args, ulong seed)
    {
        bool quick = args.Flag("quick"), json = args.Flag("json");
        var options = MemristorDriftOptions.Issue4 with
        {
            Hidden = quick ? [64] : [256, 128],
            Epochs = args.Int("epochs", quick ? 3 : MemristorDriftOptions.Issue4.Epochs, 1, 10_000),
            Instances = args.Int("instances", quick ? 3 : 20, 1, 10_000),
            Ages = quick ? [1, 86_400] : RobustnessProtocol.StandardAges,
            Seed = seed,
        };
        var runs = MemristorDrift.Compare(options, json ? null : Console.Error.WriteLine);
        if (json)
        {
            Output.Json(runs);
            return 0;
        }
        double software = runs[0].SoftwareAccuracy!.Value;
        var table = new Table().Title($"MLP 784-{string.Join("-", options.Hidden)}-10 on the MNIST subset, {options.Epochs} epochs (Adam, cosine, ±{options.AugmentShift} px shifts): "
                + $"{options.Instances} PCM instances per age, global drift compensation")
            .AddColumn("training").AddColumn("ideal read");
        foreach (double age in options.Ages)
        {
            table.AddColumn($"{Age(age)} mean / p5");
        }
        table.AddRow(["software", $"{software:P2}", .. options.Ages.Select(_ => "")]);
        foreach (var r in runs)
        {
            table.AddRow([r.Training, $"{r.IdealAccuracy:P2}", .. r.Ages.Select(a => $"{a.Mean:P2} / {a.Percentile5:P2}")]);
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"Data: {runs[0].Splits} (no choice is made in the run, so no validation part is held out).");
        AnsiConsole.MarkupLine($"Software baseline (the same MLP and recipe, float32): {software:P2}. hardware-aware: the crossbar model with programming noise ×{options.TrainingNoiseScale} "
            + "sampled in every training forward; plain: the same model trained without it; software-mapped: the software weights, each layer's max |w| at g_max.");
        foreach (var r in runs)
        {
            var day = r.Ages.FirstOrDefault(a => a.AgeSeconds >= 86_400);
            if (day is not null)
            {
                AnsiConsole.MarkupLine($"{r.Training}: mean at {Age(day.AgeSeconds)} {(software - day.Mean) * 100:F2} points below the software baseline.");
            }
        }
        AnsiConsole.MarkupLine($"Energy per inference at 1 day (hardware-aware): core {Output.Joules(runs[0].CoreEnergyPerInferenceJoules)}, system {Output.Joules(runs[0].SystemEnergyPerInferenceJoules)}.");
        var flat = options.Ages.Select(a => new AgeStatistics(a, software, 0, software, software, [software])).ToList();
        AccuracyOverAge.Save(PlotFile, $"MLP 784-{string.Join("-", options.Hidden)}-10 on PCM crossbars, {options.Instances} instances",
            [("software", flat), .. runs.Select(r => (r.Training, r.Ages))]);
        AnsiConsole.MarkupLine($"Plot written to {PlotFile}.");
        return 0;
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
