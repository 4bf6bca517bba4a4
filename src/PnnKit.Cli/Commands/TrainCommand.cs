using PnnKit.Cli.Config;
using PnnKit.Cli.Runs;

namespace PnnKit.Cli.Commands;

/// <summary>pnn train --config FILE | --resume RUNDIR.</summary>
internal static class TrainCommand
{
    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "train", ["config", "resume", "runs-dir"], ["json"]);
        string? resume = args.Value("resume");
        ExperimentConfig config;
        RunDirectory run;
        if (resume is not null)
        {
            if (args.Value("config") is not null)
            {
                throw new UsageException("pnn train: give either --config FILE or --resume RUNDIR, not both (a resumed run uses its own config.yaml).");
            }
            run = RunDirectory.Open(resume);
            config = ExperimentConfig.Load(run.ConfigFile);
        }
        else
        {
            config = ExperimentConfig.Load(args.Require("config"));
            run = RunDirectory.Create(args.Value("runs-dir") ?? "runs", config);
        }
        bool json = args.Flag("json");
        var result = Experiment.Train(config, run, resume is not null, m => Output.EpochLine(m, config.Epochs), null);
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
