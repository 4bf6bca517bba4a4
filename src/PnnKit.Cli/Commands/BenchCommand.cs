namespace PnnKit.Cli.Commands;

/// <summary>pnn bench perf: the performance suite.</summary>
internal static class BenchCommand
{
    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "bench", [], ["json", "quick"]);
        if (args.Positionals.FirstOrDefault() != "perf")
        {
            throw new UsageException("pnn bench: give perf (pnn bench perf [--json] [--quick]).");
        }
        throw new UsageException("pnn bench perf: not built yet.");
    }
}
