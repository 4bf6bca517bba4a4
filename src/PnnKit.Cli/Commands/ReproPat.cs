using PnnKit.Bench.Repro;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro pat: the model-to-reality gap, in-silico vs physics-aware training on coupled pendula.</summary>
internal static class ReproPat
{
    public static int Run(CliArgs args, ulong seed)
    {
        bool quick = args.Flag("quick");
        var d = new PhysicsAwareGapOptions();
        var options = d with
        {
            TrainCount = quick ? 1500 : d.TrainCount,
            TestCount = quick ? 500 : d.TestCount,
            Epochs = args.Int("epochs", quick ? 3 : d.Epochs, 1, 10_000),
            Seed = seed,
        };
        bool json = args.Flag("json");
        var r = PhysicsAwareGap.Run(options, json ? null : Console.Error.WriteLine);
        if (json)
        {
            Output.Json(r);
            return 0;
        }
        var t = new Table().Title($"Physics-aware training (Wright et al. 2022): {r.PhysicalLayers} layers of {r.Pendula} coupled pendula + digital readout, {r.Data} ({r.TrainCount} train / {r.TestCount} test)")
            .AddColumn("training").AddColumn("on the nominal model (twin)").AddColumn("on the real instance (η = 0.1, σ_J = 0.2)");
        t.AddRow("in silico, then deployed", $"{r.InSilicoOnTwin:P2}", $"{r.InSilicoOnSystem:P2}");
        t.AddRow("physics-aware (forward on the instance, backward through the twin)", $"{r.PhysicsAwareOnTwin:P2}", $"{r.PhysicsAwareOnSystem:P2}");
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"physical queries (examples measured) in physics-aware training: {r.PhysicalQueries:N0}");
        return 0;
    }
}
