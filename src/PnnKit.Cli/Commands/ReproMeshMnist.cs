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
        var r = MeshMnist.Run(options, json ? null : Console.Error.WriteLine);
        if (json)
        {
            Output.Json(r);
            return 0;
        }
        var table = new Table()
            .Title($"{r.Meshes} Clements meshes of {r.Modes} ports with electro-optic activations, {r.Modes} low-frequency Fourier coefficients in, 10 detected ports out; {r.Dataset}, {r.TrainCount} train / {r.TestCount} test, {r.Epochs} epochs, trained in silico (analytic adjoint)")
            .AddColumn("train accuracy").AddColumn("test accuracy").AddColumn("system energy / inference");
        table.AddRow($"{r.TrainAccuracy:P2}", $"{r.TestAccuracy:P2}", Output.Joules(r.SystemEnergyPerInferenceJoules));
        AnsiConsole.Write(table);
        return 0;
    }
}
