using System.Globalization;
using PnnKit.Bench.Repro;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro memristor-pulsed: in-situ pulsed training from scratch, per device model.</summary>
internal static class ReproMemristorPulsed
{
    public static int Run(CliArgs args, ulong seed)
    {
        bool quick = args.Flag("quick"), json = args.Flag("json");
        var options = new MemristorPulsedOptions
        {
            Hidden = quick ? [] : [64],
            Epochs = args.Int("epochs", quick ? 1 : 3, 1, 10_000),
            TrainSamples = quick ? 1000 : int.MaxValue,
            Seed = seed,
        };
        var r = MemristorPulsed.Run(options, json ? null : Console.Error.WriteLine);
        if (json)
        {
            Output.Json(r);
            return 0;
        }
        var t = new Table().Title($"In-situ pulsed SGD from scratch (BL 31, aihwkit PulsedDevice defaults): 784-{string.Join("", options.Hidden.Select(h => $"{h}-"))}10 on the MNIST subset, {r.TrainSamples} training digits × {options.Epochs} epochs; digital SGD {r.DigitalAccuracy:P2}")
            .AddColumn("device model").AddColumn("test accuracy").AddColumn("mean |w|").AddColumn("pulses").AddColumn("w = 0.3 after 500 up/down pulse pairs");
        foreach (var row in r.Rows)
        {
            t.AddRow(row.Device, $"{row.Accuracy:P2}", row.MeanAbsWeight.ToString("F3", CultureInfo.InvariantCulture), row.Pulses.ToString("N0", CultureInfo.InvariantCulture), row.DriftUnderBalancedPulses.ToString("F3", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"Data: {r.Splits} (no choice is made in the run, so no validation part is held out).");
        return 0;
    }
}
