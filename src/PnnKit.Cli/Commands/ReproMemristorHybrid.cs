using PnnKit.Bench.Repro;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro memristor-hybrid: hybrid training (Yao et al. 2020), last layer and all layers.</summary>
internal static class ReproMemristorHybrid
{
    public static int Run(CliArgs args, ulong seed)
    {
        bool quick = args.Flag("quick"), json = args.Flag("json");
        var options = new MemristorHybridOptions
        {
            Hidden = quick ? [64] : [256, 128],
            SoftwareEpochs = quick ? 3 : 10,
            HybridEpochs = args.Int("epochs", quick ? 3 : 10, 0, 10_000),
            Seed = seed,
        };
        var log = json ? null : (Action<string>)Console.Error.WriteLine;
        var runs = new[] { MemristorHybrid.Run(options, log), MemristorHybrid.Run(options with { Scope = HybridScope.AllLayers }, log) };
        if (json)
        {
            Output.Json(new { Hybrid = runs.Select(r => new { Scope = r.Scope.ToString(), r.SoftwareAccuracy, r.TransferredAccuracy, r.HybridAccuracy, r.FaultyDevices, r.HybridSamples, r.HybridSteps, r.WeightWrites, r.Splits }) });
            return 0;
        }
        var t = new Table().Title($"Hybrid training (Yao et al. 2020): MLP 784-{string.Join("-", options.Hidden)}-10 on the MNIST subset, one PCM instance ({options.Variation.StuckOnRate:P0} stuck-ON, {options.Variation.StuckOffRate:P0} stuck-OFF, {options.Variation.ConductanceSpread:P0} spread), {options.HybridDataFraction:P0} of the training data in situ")
            .AddColumn("hybrid training updates").AddColumn("software").AddColumn("after transfer").AddColumn("after hybrid training").AddColumn("stuck devices").AddColumn("steps").AddColumn("weights rewritten");
        foreach (var r in runs)
        {
            t.AddRow(r.Scope == HybridScope.LastLayer ? "last layer" : "all layers", $"{r.SoftwareAccuracy:P2}", $"{r.TransferredAccuracy:P2}", $"{r.HybridAccuracy:P2}", $"{r.FaultyDevices}", $"{r.HybridSteps}", $"{r.WeightWrites}");
        }
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"Data: {runs[0].Splits} (no choice is made in the run, so no validation part is held out).");
        return 0;
    }
}
