using PnnKit.Bench.Repro;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro mesh-mnist: 64-port Clements meshes with electro-optic activations on 64 Fourier features of MNIST.</summary>
internal static class ReproMeshMnist
{
    public static int Run(CliArgs args, ulong seed)
    {
        bool quick = args.Flag("quick");
        var defaults = quick ? MeshMnistOptions.Quick : new MeshMnistOptions();
        var options = defaults with
        {
            Dataset = args.Value("dataset") ?? defaults.Dataset,
            Epochs = args.Int("epochs", defaults.Epochs, 1, 10_000),
            Seed = seed,
        };
        bool json = args.Flag("json");
        Action<string>? log = json ? null : Console.Error.WriteLine;
        if (args.Flag("sweep"))
        {
            var sweep = MeshMnist.Sweep(options, log: log);
            if (json)
            {
                Output.Json(sweep);
                return 0;
            }
            var grid = new Table().Title($"validation accuracy ({sweep.Chosen.Splits.Validation} held-out training digits) by the activation's phase gain and the detectors' output gain")
                .AddColumn("phase gain, rad per unit power");
            foreach (double k in MeshMnist.SweepOutputGains)
            {
                grid.AddColumn($"output gain {k}");
            }
            foreach (var row in sweep.Grid.GroupBy(p => p.ActivationPhaseGain))
            {
                grid.AddRow([$"{row.Key}", .. row.Select(p => $"{p.ValidationAccuracy:P2}")]);
            }
            AnsiConsole.Write(grid);
            var best = sweep.Grid.MaxBy(p => p.ValidationAccuracy)!;
            AnsiConsole.MarkupLine($"chosen on validation: phase gain {best.ActivationPhaseGain}, output gain {best.OutputGain}; its test split read once:");
            Write(sweep.Chosen);
            return 0;
        }
        var r = MeshMnist.Run(options, log);
        if (json)
        {
            Output.Json(r);
            return 0;
        }
        Write(r);
        return 0;
    }

    private static void Write(MeshMnistResult r)
    {
        var table = new Table()
            .Title($"{r.Meshes} Clements meshes of {r.Modes} ports with electro-optic activations, {r.Modes} low-frequency Fourier coefficients in, 10 detected ports out; {r.Dataset}, {r.Splits}, {r.Epochs} epochs, trained in silico (analytic adjoint)")
            .AddColumn("train accuracy").AddColumn("validation accuracy").AddColumn("test accuracy").AddColumn("system energy / inference");
        table.AddRow($"{r.TrainAccuracy:P2}", $"{r.ValidationAccuracy:P2}", $"{r.TestAccuracy:P2}", Output.Joules(r.SystemEnergyPerInferenceJoules));
        AnsiConsole.Write(table);
    }
}
