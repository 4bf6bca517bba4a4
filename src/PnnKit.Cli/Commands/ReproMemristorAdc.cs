using PnnKit.Bench.Repro;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro memristor-adc: energy per inference (core vs system) and accuracy against ADC bits 4–8.</summary>
internal static class ReproMemristorAdc
{
    public static int Run(CliArgs args, ulong seed)
    {
        bool quick = args.Flag("quick"), json = args.Flag("json");
        var options = new MemristorAdcSweepOptions
        {
            Hidden = quick ? [64] : [256, 128],
            Epochs = args.Int("epochs", quick ? 3 : 10, 1, 10_000),
            TestSamples = quick ? 500 : int.MaxValue,
            Seed = seed,
        };
        var r = MemristorAdcSweep.Run(options, json ? null : Console.Error.WriteLine);
        if (json)
        {
            Output.Json(r);
            return 0;
        }
        var t = new Table().Title($"MLP 784-{string.Join("-", options.Hidden)}-10 on PCM crossbars (8-bit DAC, amplitude encoding), MNIST subset ({r.Splits}); software accuracy {r.SoftwareAccuracy:P2}; energy per inference")
            .AddColumn("ADC bits").AddColumn("validation accuracy").AddColumn("test accuracy").AddColumn("core: array reads").AddColumn("DAC").AddColumn("ADC").AddColumn("TIA").AddColumn("digital partial sums").AddColumn("system").AddColumn("system / core").AddColumn("re-reads");
        foreach (var row in r.Rows)
        {
            t.AddRow($"{row.AdcBits}", $"{row.ValidationAccuracy:P2}", $"{row.Accuracy:P2}", Output.Joules(row.ArrayJoules), Output.Joules(row.DacJoules), Output.Joules(row.AdcJoules), Output.Joules(row.TiaJoules),
                Output.Joules(row.DigitalJoules), Output.Joules(row.SystemJoules), $"{row.SystemJoules / row.ArrayJoules:F1}", $"{row.BoundManagementRereads}");
        }
        AnsiConsole.Write(t);
        return 0;
    }
}
