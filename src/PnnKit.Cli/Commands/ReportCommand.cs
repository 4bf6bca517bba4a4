using PnnKit.Bench.Report;

namespace PnnKit.Cli.Commands;

/// <summary>
/// pnn report RUN [--out DIR]: writes report.html (self-contained: plots embedded as data URIs) and
/// report.md (with the PNGs beside it) from what RUN holds: a trained run (result.json), a robustness
/// run (robustness.json), a benchmark suite (suite.json), or a suite.json file.
/// </summary>
internal static class ReportCommand
{
    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "report", ["out"], ["json"]);
        if (args.Positionals.Count != 1)
        {
            throw new UsageException("pnn report: give one run directory or suite.json, e.g. pnn report runs/mnist-mlp.");
        }
        string source = args.Positionals[0];
        string outDir = args.Value("out") ?? (File.Exists(source) ? Path.GetDirectoryName(Path.GetFullPath(source))! : source);
        var written = ReportBuilder.Write(ReportBuilder.Build(ReportReader.Read(source)), outDir);
        if (args.Flag("json"))
        {
            Output.Json(new { Html = written[0], Markdown = written[1], Images = written.Skip(2).ToList() });
            return 0;
        }
        Console.WriteLine($"Report written to {written[0]} (self-contained) and {written[1]} ({written.Count - 2} plots beside it).");
        return 0;
    }
}
