using PnnKit.Bench.Repro;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro pat-photonic: the model-to-reality gap on a photonic mesh network, in silico vs physics-aware vs in situ.</summary>
internal static class ReproPatPhotonic
{
    public static int Run(CliArgs args, ulong seed)
    {
        bool quick = args.Flag("quick");
        var d = new PhysicsAwarePhotonicOptions();
        var options = d with
        {
            Points = quick ? 400 : d.Points,
            Epochs = args.Int("epochs", quick ? 15 : d.Epochs, 1, 10_000),
            Seed = seed,
        };
        bool json = args.Flag("json");
        var r = PhysicsAwarePhotonic.Run(options, json ? null : Console.Error.WriteLine);
        if (json)
        {
            Output.Json(r);
            return 0;
        }
        var v = options.Variation;
        var t = new Table().Title($"Physics-aware training on light (Wright et al. 2022): {r.Layers} × {r.Modes}-port Clements meshes + photodetectors, {r.Task} ({r.TrainCount} train / {r.TestCount} test)")
            .AddColumn("training").AddColumn("on the nominal model").AddColumn($"on the fabricated chip (phase offsets {v.PhaseErrorStd} rad, couplers ±{v.CouplerSplittingStd}, crosstalk {v.NeighbourCrosstalk})");
        t.AddRow("in silico, then deployed", $"{r.InSilicoOnModel:P1}", $"{r.InSilicoOnChip:P1}");
        t.AddRow("physics-aware (forward on the chip, backward through the model)", $"{r.PhysicsAwareOnModel:P1}", $"{r.PhysicsAwareOnChip:P1}");
        t.AddRow("in situ (gradients measured with light)", "–", $"{r.InSituOnChip:P1}");
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"physical cost of training on the chip: physics-aware {r.PhysicsAwareQueries:N0} examples measured; in situ {r.InSituOpticalPasses:N0} optical passes");
        ReproInSituPhotonic.WriteReadings(r.InSituReadings);
        ReproInSituPhotonic.WriteNoiseTable([("in situ on the chip", r.DetectorNoiseSweep)]);
        return 0;
    }
}
