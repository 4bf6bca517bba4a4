using PnnKit.Cli.Config;
using PnnKit.Cli.Runs;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn train --config FILE | --resume RUNDIR.</summary>
internal static class TrainCommand
{
    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "train", ["config", "resume", "runs-dir", "from"], ["json"]);
        args.AtMostPositionals(0, "pnn train --config FILE.yaml [--runs-dir DIR] | --resume RUNDIR");
        string? resume = args.Value("resume");
        ExperimentConfig config;
        RunDirectory run;
        ExperimentData.Splits? data = null;
        if (resume is not null)
        {
            if (args.Value("config") is not null)
            {
                throw new UsageException("pnn train: give either --config FILE or --resume RUNDIR, not both (a resumed run uses its own config.yaml).");
            }
            if (args.Value("from") is not null)
            {
                throw new UsageException("pnn train: --from applies only with --config (a resumed run keeps its own model).");
            }
            if (args.Value("runs-dir") is not null)
            {
                throw new UsageException("pnn train: --runs-dir applies only with --config (a resumed run stays in RUNDIR).");
            }
            run = RunDirectory.Open(resume);
            config = ExperimentConfig.Load(run.ConfigFile);
        }
        else
        {
            // --from: fine-tuning an imported model, its architecture and weights from the file; substrate, data and training from the config.
            string? onnx = args.Value("from");
            if (onnx is not null)
            {
                PnnKit.Interop.OnnxImporter.Load(onnx);
            }
            config = ExperimentConfig.Load(args.Require("config"), onnx);
            // Load the data before creating the run directory, so a data error leaves nothing behind.
            data = ExperimentData.Load(config);
            run = RunDirectory.Create(args.Value("runs-dir") ?? "runs", config);
        }
        bool json = args.Flag("json");
        RunResult result;
        if (!json && AnsiConsole.Profile.Capabilities.Interactive)
        {
            // A live bar for people at a terminal; logs and pipes get one line per epoch instead.
            result = null!;
            AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()).Start(progress =>
            {
                var task = progress.AddTask($"training {Markup.Escape(config.Name)}", maxValue: config.Epochs);
                result = Experiment.Train(config, run, resume is not null, m =>
                {
                    task.Value = m.Epoch;
                    task.Description = $"epoch {m.Epoch}/{config.Epochs} loss {m.TrainLoss:F4}";
                }, (epoch, batch, batches) => task.Value = epoch - 1 + ((double)batch / batches), data);
            });
        }
        else
        {
            result = Experiment.Train(config, run, resume is not null, m => Output.EpochLine(m, config.Epochs), null, data);
        }
        if (json)
        {
            Output.Json(result);
        }
        else
        {
            Output.Result(result);
        }
        return 0;
    }
}
