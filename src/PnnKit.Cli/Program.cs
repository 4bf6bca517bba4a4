using PnnKit.Bench.Runs;
using PnnKit.Cli;
using PnnKit.Cli.Commands;
using PnnKit.Cli.Config;
using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Signals;
using PnnKit.Core.Training;

// pnn: exit 0 on success, 2 on bad input (usage, config, data, checkpoint, unwritable paths), 1 on bugs.
try
{
    return args.FirstOrDefault() switch
    {
        "train" => TrainCommand.Run(args[1..]),
        "eval" => EvalCommand.Run(args[1..]),
        "data" => DataCommand.Run(args[1..]),
        "bench" => BenchCommand.Run(args[1..]),
        "tour" => TourCommand.Run(args[1..]),
        "runs" => RunsCommand.Run(args[1..]),
        "repro" => ReproCommand.Run(args[1..]),
        "robustness" => RobustnessCommand.Run(args[1..]),
        "report" => ReportCommand.Run(args[1..]),
        "import" => ImportCommand.Run(args[1..]),
        "export" => ExportCommand.Run(args[1..]),
        "convert" => ConvertCommand.Run(args[1..]),
        "serve" => ServeCommand.Run(args[1..]),
        "devices" => DevicesCommand.Run(args[1..]),
        "cluster" => ClusterCommand.Run(args[1..]),
        null or "help" or "--help" or "-h" => Help.Print(args.Length > 1 ? args[1..] : []),
        var other => throw new UsageException($"pnn: unknown command '{other}'; commands: train, eval, runs, robustness, report, import, export, convert, serve, cluster, devices, repro, data, bench, tour (pnn help)."),
    };
}
catch (Exception e) when (e is UsageException or ConfigException or DataFormatException or CheckpointException or RunStoreException or DomainMismatchException or MissingCostException or PnnKit.Interop.OnnxModelException or PnnKit.Devices.DeviceException or FormatException
                              or IOException or UnauthorizedAccessException or ArgumentException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
