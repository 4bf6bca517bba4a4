using System.Runtime.InteropServices;
using PnnKit.Core.Tensors;

namespace PnnKit.Bench.Perf;

/// <summary>
/// The performance suite behind <c>pnn bench perf</c>: FMA peak, GEMM against the peak and NumPy,
/// complex GEMM. Timings are Stopwatch min and median after warm-up; numbers taken while other
/// work shares the cores are noisy, so the report notes the load average.
/// </summary>
public static class PerfSuite
{
    /// <summary>The standard items, in order; a fresh list, so callers may append their own.</summary>
    public static List<IPerfItem> DefaultItems() =>
    [
        new FmaPeakItem(),
        new GemmPerfItem(1024),
        new ComplexGemmPerfItem("batch 1024 × 64×64 (X·Wᵀ)", 1024, 64, 64, ComplexOp.Transpose),
        new ComplexGemmPerfItem("512×512×512", 512, 512, 512),
        new MlpEpochPerfItem(),
        new LeNetEpochPerfItem(),
        new ResNet8ForwardPerfItem(),
        new PBitSweepPerfItem(),
        new NetworkSolvePerfItem(),
        new AnalogMvmPerfItem(512, 256),
        new IrDropPerfItem(256, 256),
        new WaveSolverPerfItem(),
        new MeshPerfItem(),
        new DecompositionPerfItem(),
        new D2nnStepPerfItem(),
    ];

    /// <summary>Runs <see cref="DefaultItems"/>, logging progress to <paramref name="log"/>.</summary>
    public static PerfReport Run(PerfOptions options, TextWriter log) => Run(options, log, DefaultItems());

    /// <summary>Runs <paramref name="items"/> in order, logging progress to <paramref name="log"/>.</summary>
    public static PerfReport Run(PerfOptions options, TextWriter log, IEnumerable<IPerfItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var context = new PerfContext(options, log);
        context.Note($"{RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.FrameworkDescription}; "
            + $"GEMM kernel {Gemm.ActiveKernel}; FMA measured at {string.Join(", ", FmaPeak.SupportedWidths.Select(b => $"Vector{b}"))}; "
            + "every fraction of peak is against the highest of them on the same thread count.");
        string before = LoadAverage();
        var results = new List<PerfResult>();
        foreach (var item in items)
        {
            log.WriteLine($"perf: {item.Name} ...");
            results.AddRange(item.Run(context));
        }
        context.Note($"load average (1/5/15 min) before: {before}, after: {LoadAverage()} — figures taken under load are noisy.");
        if (results.Any(r => r.Comparison?.Contains("FMA peak (highest measured)", StringComparison.Ordinal) == true && r.Ratio > 1))
        {
            context.Note("a fraction of the peak above 1 means the load changed between the peak and the kernel runs: rerun on an idle machine.");
        }
        return new PerfReport(results, context.Notes);
    }

    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "unknown";
    }
}
