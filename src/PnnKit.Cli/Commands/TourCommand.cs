using PnnKit.Bench.Report;
using PnnKit.Bench.Suite;
using PnnKit.Cli.Config;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>
/// pnn tour: the main job, a short version of `pnn bench suite` on the bundled data. A handful of rows
/// across substrates (digital MLPs, a self-learning resistor network, PCM crossbars, a photonic mesh
/// network, a spin-torque oscillator reservoir), each against the smallest digital MLP reaching its
/// accuracy, printed as tables and saved as suite.json plus run-store rows; then the training-methods
/// section, and the report (report.html, report.md) beside suite.json.
/// </summary>
internal static class TourCommand
{
    /// <summary>The digital MLP baseline on the bundled MNIST subset (configs/digital-mnist-mlp.yaml; the suite's <see cref="BenchSuite.MnistDigital"/>).</summary>
    public static readonly ExperimentConfig MnistBaseline = new()
    {
        Name = "digital-mnist-mlp",
        Data = "mnist-subset",
        Hidden = [256],
        Dropout = 0.2,
        AugmentShift = 2,
        Epochs = 40,
        BatchSize = 64,
        Optimizer = "adam",
        LearningRate = 1e-3,
        Schedule = "cosine",
    };

    /// <summary>The digital MLP baseline on Iris (configs/digital-iris-mlp.yaml; the suite's <see cref="BenchSuite.IrisDigital"/>).</summary>
    public static readonly ExperimentConfig IrisBaseline = new()
    {
        Name = "digital-iris-mlp",
        Data = "iris",
        Hidden = [16],
        Epochs = 200,
        BatchSize = 16,
        Optimizer = "adam",
        LearningRate = 1e-2,
        ValidationFraction = 0,
    };

    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "tour", ["runs-dir", "seed"], ["json"]);
        args.AtMostPositionals(0, "pnn tour [--json] [--runs-dir DIR] [--seed N]");
        bool json = args.Flag("json");
        string root = args.Value("runs-dir") ?? Path.Combine(Path.GetTempPath(), $"pnnkit-tour-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        var options = new SuiteOptions { Tour = true, Seed = (ulong)args.Int("seed", 1, 0, int.MaxValue) };
        var result = BenchSuite.Run(options, json ? null : Console.Error.WriteLine);
        string file = BenchSuiteCommand.Save(result, root);
        if (!json)
        {
            BenchSuiteCommand.Print(result, "PnnKit tour");
        }
        var methods = TourMethodsSection.Show(json);
        var report = ReportBuilder.Write(ReportBuilder.Build(ReportReader.Read(file)), Path.GetDirectoryName(file)!);
        if (json)
        {
            Output.Json(new { SuiteFile = file, Report = report[0], result.Rows, Methods = methods });
            return 0;
        }
        AnsiConsole.MarkupLine($"Rows written to {Markup.Escape(file)}, the report to {Markup.Escape(report[0])}; the full suite is `pnn bench suite` (`--quick` for a reduced one).");
        return 0;
    }
}
