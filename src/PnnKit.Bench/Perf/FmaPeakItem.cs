namespace PnnKit.Bench.Perf;

/// <summary>Reports the float32 FMA peak for Vector256 and Vector512 at every thread count of the run.</summary>
public sealed class FmaPeakItem : IPerfItem
{
    /// <inheritdoc/>
    public string Name => "float32 FMA peak";

    /// <inheritdoc/>
    public IEnumerable<PerfResult> Run(PerfContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (int bits in new[] { 256, 512 })
        {
            foreach (int threads in context.Options.Threads)
            {
                if (context.PeakTiming(bits, threads) is not { } timing)
                {
                    context.Note($"Vector{bits} FMA is not available on this CPU.");
                    break;
                }
                double gflops = context.PeakGflops(bits, threads);
                double single = context.PeakGflops(bits, 1);
                yield return threads == 1
                    ? new PerfResult($"FMA peak f32 Vector{bits}, 1 thread", gflops, "GFLOP/s", Detail: timing.ToString())
                    : new PerfResult($"FMA peak f32 Vector{bits}, {PerfContext.ThreadsLabel(threads)}", gflops, "GFLOP/s",
                        Comparison: "× the 1-thread peak", Ratio: gflops / single, Detail: timing.ToString());
            }
        }
    }
}
