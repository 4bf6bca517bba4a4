using PnnKit.Bench.Repro;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro d2nn: Lin et al.'s diffractive network on MNIST (or Fashion-MNIST), plain and misalignment-robust.</summary>
internal static class ReproD2nn
{
    public static int Run(CliArgs args, ulong seed)
    {
        bool quick = args.Flag("quick");
        var defaults = quick ? D2nnOptions.Quick : new D2nnOptions();
        var options = defaults with
        {
            Dataset = args.Value("dataset") ?? defaults.Dataset,
            Epochs = args.Int("epochs", defaults.Epochs, 1, 10_000),
            CheckpointDirectory = args.Value("checkpoint"),
            Seed = seed,
        };
        bool json = args.Flag("json");
        var r = D2nnMnist.Run(options, json ? null : Console.Error.WriteLine);
        if (json)
        {
            Output.Json(r);
            return 0;
        }
        var g = options.Geometry;
        var table = new Table()
            .Title($"D2NN (Lin et al. 2018): {r.Layers} phase masks of {r.N}×{r.N}, λ = {g.Wavelength * 1e3} mm, pitch {g.Pitch * 1e3} mm, {g.LayerDistance * 1e2} cm apart; {r.Dataset}, {r.Splits}, {r.Epochs} epochs")
            .AddColumn("training").AddColumn("validation accuracy").AddColumn("test accuracy");
        foreach (var q in options.QuantizationLevels)
        {
            table.AddColumn($"{q} phase levels");
        }
        table.AddColumn("middle mask ±1 px: mean").AddColumn("worst");
        foreach (var n in r.Networks)
        {
            table.AddRow([n.Training, $"{n.ValidationAccuracy:P2}", $"{n.Accuracy:P2}", .. n.Quantized.Select(q => $"{q.Accuracy:P2}"), $"{n.ShiftedMean:P2}", $"{n.ShiftedWorst:P2}"]);
        }
        AnsiConsole.Write(table);
        return 0;
    }
}
