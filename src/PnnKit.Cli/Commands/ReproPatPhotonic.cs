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
        var log = json ? null : (Action<string>)Console.Error.WriteLine;
        using var chip = ServedChip<double>.From(args);
        if (chip is not null)
        {
            options = options with { ChipMeshes = chip.Mesh };
        }
        PhysicsAwarePhotonicResult r;
        if (args.Flag("sweep"))
        {
            var sweep = PhysicsAwarePhotonic.Sweep(options, log: log);
            if (json)
            {
                Output.Json(sweep);
                return 0;
            }
            var grid = new Table().Title($"Validation accuracy ({sweep.Chosen.Splits.Validation} held-out points; in silico on the nominal model, the others on the chip) by output gain and step").AddColumn("training").AddColumn("output gain");
            foreach (double lr in PhysicsAwarePhotonic.SweepLearningRates)
            {
                grid.AddColumn($"step {lr} rad");
            }
            foreach (var row in sweep.Grid.GroupBy(p => (p.Method, p.OutputGain)))
            {
                grid.AddRow([row.Key.Method, $"{row.Key.OutputGain}", .. row.Select(p => $"{p.ValidationAccuracy:P2}")]);
            }
            AnsiConsole.Write(grid);
            r = sweep.Chosen;
            AnsiConsole.MarkupLine($"chosen on validation: in silico gain {r.InSilicoSettings.OutputGain}, step {r.InSilicoSettings.LearningRate}; physics-aware {r.PhysicsAwareSettings.OutputGain}, {r.PhysicsAwareSettings.LearningRate}; in situ {r.InSituSettings.OutputGain}, {r.InSituSettings.LearningRate}; each read on test once:");
        }
        else
        {
            r = PhysicsAwarePhotonic.Run(options, log);
            if (json)
            {
                Output.Json(r);
                return 0;
            }
        }
        var v = options.Variation;
        var t = new Table().Title($"Physics-aware training on light (Wright et al. 2022): {r.Layers} × {r.Modes}-port Clements meshes + photodetectors, {r.Task} ({r.Splits})")
            .AddColumn("training").AddColumn("on the nominal model").AddColumn($"on the fabricated chip (phase offsets {v.PhaseErrorStd} rad, couplers ±{v.CouplerSplittingStd}, crosstalk {v.NeighbourCrosstalk})").AddColumn("validation").AddColumn("gain, step");
        t.AddRow("in silico, then deployed", $"{r.InSilicoOnModel:P1}", $"{r.InSilicoOnChip:P1}", $"{r.InSilicoValidation:P1} (model)", $"{r.InSilicoSettings.OutputGain}, {r.InSilicoSettings.LearningRate}");
        t.AddRow("physics-aware (forward on the chip, backward through the model)", $"{r.PhysicsAwareOnModel:P1}", $"{r.PhysicsAwareOnChip:P1}", $"{r.PhysicsAwareValidation:P1} (chip)", $"{r.PhysicsAwareSettings.OutputGain}, {r.PhysicsAwareSettings.LearningRate}");
        t.AddRow("in situ (gradients measured with light)", "–", $"{r.InSituOnChip:P1}", $"{r.InSituValidation:P1} (chip)", $"{r.InSituSettings.OutputGain}, {r.InSituSettings.LearningRate}");
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"physical cost of training on the chip: physics-aware {r.PhysicsAwareQueries:N0} examples measured; in situ {r.InSituOpticalPasses:N0} optical passes");
        ReproInSituPhotonic.WriteReadings(r.InSituReadings);
        if (chip is not null)
        {
            AnsiConsole.MarkupLine(Markup.Escape(chip.Summary()));
        }
        ReproInSituPhotonic.WriteNoiseTable([("in situ on the chip", r.DetectorNoiseSweep)]);
        return 0;
    }
}
