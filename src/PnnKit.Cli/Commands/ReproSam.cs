using PnnKit.Bench.Repro;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro sam: SAM radius sweep, accuracy over fabricated crossbar instances.</summary>
internal static class ReproSam
{
    public static int Run(CliArgs args, ulong seed)
    {
        bool quick = args.Flag("quick");
        var d = new SamSweepOptions();
        var options = d with
        {
            Radii = quick ? [0, 0.1] : d.Radii,
            Hidden = quick ? [32] : d.Hidden,
            Epochs = args.Int("epochs", quick ? 2 : d.Epochs, 1, 10_000),
            TrainCount = quick ? 2000 : d.TrainCount,
            Instances = args.Int("instances", quick ? 4 : d.Instances, 1, 10_000),
            Seed = seed,
        };
        bool json = args.Flag("json");
        var result = SamSweep.Sweep(options, json ? null : Console.Error.WriteLine);
        if (json)
        {
            Output.Json(result);
            return 0;
        }
        var t = new Table().Title($"SAM vs plain training (Xu et al. 2026): MLP 784-{string.Join("-", options.Hidden)}-10 on the MNIST subset, {options.Instances} PCM crossbar instances (2 % stuck-ON, 2 % stuck-OFF, 10 % spread) read after 1 day; {result.Splits}")
            .AddColumn("ρ").AddColumn("software (test)").AddColumn("instances: validation mean").AddColumn("test mean").AddColumn("p5").AddColumn("worst");
        foreach (var r in result.Rows)
        {
            t.AddRow((r.Rho == 0 ? "0 (plain)" : $"{r.Rho}") + (r.Rho == result.ChosenRho ? " (chosen)" : ""), $"{r.SoftwareAccuracy:P2}", $"{r.ValidationMean:P2}", $"{r.Mean:P2}", $"{r.Percentile5:P2}", $"{r.Worst:P2}");
        }
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"ρ = {result.ChosenRho} chosen: the best mean over the instances on validation (the test columns play no part in the choice).");
        return 0;
    }
}
