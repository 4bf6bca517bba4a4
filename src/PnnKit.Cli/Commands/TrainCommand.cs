using PnnKit.Cli.Config;
using PnnKit.Cli.Runs;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn train --config FILE | --resume RUNDIR [--device grpc://HOST:PORT/NAME --token-file FILE] | --replay RUNDIR (a device run, offline).</summary>
internal static class TrainCommand
{
    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "train", ["config", "resume", "runs-dir", "from", "device", "token-file", "replay"], ["json"]);
        args.AtMostPositionals(0, "pnn train --config FILE.yaml [--runs-dir DIR] | --resume RUNDIR [--device grpc://HOST:PORT/NAME --token-file FILE] | --replay RUNDIR [--runs-dir DIR]");
        string? resume = args.Value("resume");
        ExperimentConfig config;
        RunDirectory run;
        ExperimentData.Splits? data = null;
        ITrainingChip<float>? device;
        string? replay = args.Value("replay");
        if (replay is not null)
        {
            // A device run retraced offline from the recordings it wrote: the same config, the device answered from the files.
            foreach (string option in new[] { "config", "resume", "from", "device", "token-file" })
            {
                if (args.Value(option) is not null)
                {
                    throw new UsageException($"pnn train: --{option} does not apply with --replay RUNDIR (a replay takes the run's config and recordings).");
                }
            }
            var recorded = RunDirectory.Open(replay);
            config = ExperimentConfig.Load(recorded.ConfigFile);
            if (!config.OnDevice)
            {
                throw new UsageException($"pnn train: {replay} trained in-silico; only a run trained with --device has recordings to replay.");
            }
            data = ExperimentData.Load(config);
            device = new ReplayChip<float>(recorded.Path);
            run = RunDirectory.Create(args.Value("runs-dir") ?? "replays", config);
        }
        else if (resume is not null)
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
            // A device run keeps its device's address in the run directory, so a resume reconnects to it unless told otherwise.
            string saved = Path.Combine(run.Path, AddressFile);
            device = Device(args, config, args.Value("device") ?? (File.Exists(saved) ? File.ReadAllText(saved).Trim() : null));
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
            device = Device(args, config, args.Value("device"));
            run = RunDirectory.Create(args.Value("runs-dir") ?? "runs", config);
        }
        if (device is ServedChip<float> served)
        {
            PnnKit.Core.IO.AtomicFile.WriteAllText(Path.Combine(run.Path, AddressFile), served.Address + "\n");
            served.RecordTo(run.Path);
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
                }, (epoch, batch, batches) => task.Value = epoch - 1 + ((double)batch / batches), data, device: device);
            });
        }
        else
        {
            result = Experiment.Train(config, run, resume is not null, m => Output.EpochLine(m, config.Epochs), null, data, device: device);
        }
        if (json)
        {
            Output.Json(result);
        }
        else
        {
            Output.Result(result);
        }
        device?.Dispose();
        return 0;
    }

    private const string AddressFile = "device-address";

    // The chip a device run trains (connected, so a wrong or unreachable device fails before the run directory exists), or null in silico.
    private static ServedChip<float>? Device(CliArgs args, ExperimentConfig config, string? address)
    {
        if (config.OnDevice != address is not null)
        {
            throw new UsageException(config.OnDevice
                ? $"pnn train: training.method: {config.Method} trains a device: give --device grpc://HOST:PORT/NAME (a `pnn serve`; mesh l is device NAME0, NAME1, …)."
                : "pnn train: --device needs training.method: physics-aware, in-situ or spsa in the config; in-silico training uses no device.");
        }
        if (address is null)
        {
            return args.Value("token-file") is null ? null : throw new UsageException("pnn train: --token-file applies with --device (a run trained against a device).");
        }
        var chip = ServedChip<float>.At(address, args.Value("token-file"));
        for (int l = 0; l < config.MeshLayers; l++)
        {
            PhotonicMesh.CheckDevice(config, chip.Mesh(l));
        }
        return chip;
    }
}
