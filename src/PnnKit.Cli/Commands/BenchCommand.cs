using PnnKit.Bench.Perf;

namespace PnnKit.Cli.Commands;

/// <summary>pnn bench perf: the performance suite (kernels and training against the FMA peak, NumPy and PyTorch); pnn bench suite: the cross-substrate benchmark.</summary>
internal static class BenchCommand
{
    public static int Run(string[] argv)
    {
        if (argv.Length > 0 && argv[0] == "suite")
        {
            return BenchSuiteCommand.Run(argv[1..]);
        }
        var args = new CliArgs(argv, "bench", ["python", "threads", "only"], ["json", "quick", "no-python"]);
        if (args.Positionals.FirstOrDefault() != "perf" || args.Positionals.Count != 1)
        {
            throw new UsageException("pnn bench: give perf or suite (pnn bench suite [--quick] [--seed N] [--runs-dir DIR] [--json]; pnn bench perf [--json] [--quick] [--no-python] [--python PATH] [--threads N] [--only NAME]).");
        }
        if (args.Flag("no-python") && args.Value("python") is not null)
        {
            throw new UsageException("pnn bench perf: --python PATH names the interpreter for the NumPy/PyTorch/SciPy peers; with --no-python it would change nothing.");
        }
        var options = new PerfOptions
        {
            Quick = args.Flag("quick"),
            IncludePythonBaselines = !args.Flag("no-python"),
            Python = args.Value("python"),
        };
        if (args.Value("threads") is not null)
        {
            options = options with { Threads = [args.Int("threads", 1, 1, 256)] };
        }
        // The scale-out figure starts pnn silo processes, so it lives here, beside pnn cluster silo.
        List<IPerfItem> items = [.. PerfSuite.DefaultItems(), new ClusterSpeedupPerfItem()];
        if (args.Value("only") is { } only)
        {
            // A case-insensitive part of an item's name, e.g. --only network or --only gemm.
            items = items.Where(i => i.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
            if (items.Count == 0)
            {
                throw new UsageException($"pnn bench perf: no item's name contains '{only}'; items: {string.Join(", ", PerfSuite.DefaultItems().Select(i => i.Name).Append(new ClusterSpeedupPerfItem().Name))}.");
            }
        }
        bool json = args.Flag("json");
        var report = PerfSuite.Run(options, json ? TextWriter.Null : Console.Error, items);
        if (json)
        {
            Console.WriteLine(report.ToJson());
        }
        else
        {
            report.WriteTable(Console.Out);
        }
        return 0;
    }
}
