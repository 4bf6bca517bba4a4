using PnnKit.Bench.Repro;
using PnnKit.Cli.Config;
using PnnKit.Cli.Runs;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>
/// pnn tour: the main job. Works offline on the bundled data; trains the digital baselines every
/// substrate is compared with and prints their accuracy and costed energy per inference.
/// </summary>
internal static class TourCommand
{
    /// <summary>The digital MLP baseline on the bundled MNIST subset (same as configs/digital-mnist-mlp.yaml).</summary>
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

    /// <summary>The digital MLP baseline on Iris (same as configs/digital-iris-mlp.yaml).</summary>
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
        var args = new CliArgs(argv, "tour", ["runs-dir"], ["json"]);
        bool json = args.Flag("json");
        string root = args.Value("runs-dir") ?? Path.Combine(Path.GetTempPath(), $"pnnkit-tour-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        var results = new List<RunResult>();
        foreach (var config in new[] { IrisBaseline, MnistBaseline })
        {
            if (!json)
            {
                AnsiConsole.MarkupLine($"[bold]Digital baseline:[/] MLP {Markup.Escape(string.Join("-", config.Hidden))} hidden on {Markup.Escape(config.Data)}");
            }
            var run = RunDirectory.Create(root, config);
            results.Add(Experiment.Train(config, run, false, m =>
            {
                if (!json && (m.Epoch % Math.Max(1, config.Epochs / 10) == 0 || m.Epoch == config.Epochs))
                {
                    Output.EpochLine(m, config.Epochs);
                }
            }, null));
        }
        if (!json)
        {
            AnsiConsole.MarkupLine("[bold]Memristive:[/] MLP 784-256-10 on PCM crossbars, hardware-aware training, 5 fabricated instances");
        }
        var memristive = MemristorDrift.Run(new MemristorDriftOptions { Hidden = [256], Epochs = 8, Instances = 5, Ages = [1, 86_400, 365 * 86_400] }, log: json ? null : Console.Error.WriteLine);
        if (!json)
        {
            AnsiConsole.MarkupLine("[bold]Photonic:[/] three 4-port Clements meshes with photodetectors on moons, in silico → fabricated instance → in-situ training");
        }
        var photonic = InSituPhotonic.Run("moons");
        if (json)
        {
            Output.Json(new { Section = "digital-baseline", Results = results, Memristive = memristive, Photonic = photonic });
            return 0;
        }
        var table = new Table().Title("[bold]PnnKit tour: digital baselines[/]")
            .AddColumn("task").AddColumn("model").AddColumn("accuracy").AddColumn("core J/inf").AddColumn("system J/inf").AddColumn("latency");
        foreach (var r in results)
        {
            table.AddRow(r.Data, $"MLP {r.Parameters / 1000.0:F1}k", r.TestAccuracy is double a ? $"{a:P2}" : "n/a",
                Output.Joules(r.CoreEnergyPerInferenceJoules), Output.Joules(r.SystemEnergyPerInferenceJoules), Output.Seconds(r.LatencySeconds));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("Energies: 45 nm digital arithmetic (Horowitz, ISSCC 2014), fp32 MAC 4.6 pJ, weights from 1 MB SRAM at 100 pJ per 64 bits, read once per batch of 64; latency assumes 256 MAC lanes at 1 GHz.");
        var mem = new Table().Title("[bold]PnnKit tour: memristive crossbar MLP on the MNIST subset[/]")
            .AddColumn("read at").AddColumn("mean accuracy").AddColumn("5th percentile").AddColumn("worst");
        mem.AddRow("ideal design", $"{memristive.IdealAccuracy:P2}", "", "");
        foreach (var a in memristive.Ages)
        {
            mem.AddRow(a.AgeSeconds switch { >= 365 * 86_400 => "1 year", >= 86_400 => "1 day", _ => Output.Seconds(a.AgeSeconds) }, $"{a.Mean:P2}", $"{a.Percentile5:P2}", $"{a.Worst:P2}");
        }
        AnsiConsole.Write(mem);
        AnsiConsole.MarkupLine($"Memristive energy per inference at 1 day: core (array reads) {Output.Joules(memristive.CoreEnergyPerInferenceJoules)}, system (with DAC, ADC, TIA, digital sums) {Output.Joules(memristive.SystemEnergyPerInferenceJoules)}.");
        var pho = new Table().Title("[bold]PnnKit tour: photonic mesh network on moons (Hughes et al. 2018)[/]").AddColumn("stage").AddColumn("test accuracy");
        pho.AddRow("ideal design, trained in silico", $"{photonic.DesignAccuracy:P2}");
        pho.AddRow("deployed on a fabricated instance", $"{photonic.DeployedAccuracy:P2}");
        pho.AddRow("after in-situ training (intensity measurements)", $"{photonic.RecoveredAccuracy:P2}");
        AnsiConsole.Write(pho);
        AnsiConsole.MarkupLine($"Photonic energy per inference: core {Output.Joules(photonic.CoreEnergyPerInferenceJoules)} (the passive mesh itself draws none), system {Output.Joules(photonic.SystemEnergyPerInferenceJoules)}: "
            + Markup.Escape(string.Join(", ", photonic.CostTerms.GroupBy(t => t.Category).Select(g => $"{g.Key} {g.Sum(t => t.EnergyJoules) / photonic.Inferences:E2} J"))) + " per inference, plus heater holding power over the inference time.");
        AnsiConsole.MarkupLine($"Runs written under {Markup.Escape(root)}");
        return 0;
    }
}
