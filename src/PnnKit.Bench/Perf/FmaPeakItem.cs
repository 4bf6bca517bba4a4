namespace PnnKit.Bench.Perf;

/// <summary>
/// Reports the float32 FMA peak for every vector width this CPU runs in hardware (Vector128, Vector256,
/// Vector512) at every thread count of the run, then which width is the highest: the peak every
/// fraction-of-peak figure in the suite is taken against.
/// </summary>
public sealed class FmaPeakItem : IPerfItem
{
    private static readonly int[] s_allWidths = [128, 256, 512];

    /// <inheritdoc/>
    public string Name => "float32 FMA peak";

    /// <inheritdoc/>
    public IEnumerable<PerfResult> Run(PerfContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var widths = FmaPeak.SupportedWidths;
        foreach (int bits in s_allWidths.Where(b => !widths.Contains(b)))
        {
            context.Note($"Vector{bits} FMA is not available on this CPU.");
        }
        foreach (int bits in widths)
        {
            foreach (int threads in context.Options.Threads)
            {
                var timing = context.PeakTiming(bits, threads)!;
                double gflops = context.PeakGflops(bits, threads)!.Value;
                double single = context.PeakGflops(bits, 1)!.Value;
                yield return threads == 1
                    ? new PerfResult($"FMA peak f32 Vector{bits}, 1 thread", gflops, "GFLOP/s", Detail: timing.ToString())
                    : new PerfResult($"FMA peak f32 Vector{bits}, {PerfContext.ThreadsLabel(threads)}", gflops, "GFLOP/s",
                        Comparison: "× the 1-thread peak", Ratio: gflops / single, Detail: timing.ToString());
            }
        }
        foreach (int threads in context.Options.Threads)
        {
            if (context.Peak(threads) is { } peak)
            {
                yield return new PerfResult($"FMA peak f32 highest = {peak.Width} (the peak of every fraction), {PerfContext.ThreadsLabel(threads)}",
                    peak.Gflops, "GFLOP/s");
            }
        }
    }
}
