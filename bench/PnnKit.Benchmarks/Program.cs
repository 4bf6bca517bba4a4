using BenchmarkDotNet.Running;
using PnnKit.Bench.Perf;

// `perf [--quick] [--json] [--no-python] [--python PATH]` prints the Stopwatch performance suite
// (the same one `pnn bench perf` runs); anything else goes to BenchmarkDotNet, e.g. `--filter *Gemm*`.
if (args.Length > 0 && args[0] == "perf")
{
    int py = Array.IndexOf(args, "--python");
    var options = new PerfOptions
    {
        Quick = args.Contains("--quick"),
        IncludePythonBaselines = !args.Contains("--no-python"),
        Python = py >= 0 && py + 1 < args.Length ? args[py + 1] : null,
    };
    var report = PerfSuite.Run(options, Console.Error);
    if (args.Contains("--json"))
    {
        Console.WriteLine(report.ToJson());
    }
    else
    {
        report.WriteTable(Console.Out);
    }
    return report.AllPassed ? 0 : 1;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
