namespace PnnKit.Core.Tensors;

/// <summary>
/// Runs a loop over batch items on up to <see cref="Gemm.MaxThreads"/> threads. Each item must write
/// only its own outputs, so the result cannot depend on the thread count (DESIGN.md §7); reductions
/// across items stay with the caller, in a fixed order.
/// </summary>
internal static class BatchParallel
{
    /// <summary>Element operations one extra thread must get before it pays for its start-up.</summary>
    internal const long WorkPerThread = 1L << 16;

    /// <summary>Calls <paramref name="body"/> for every item in [0, <paramref name="count"/>), each costing about <paramref name="workPerItem"/> element operations.</summary>
    public static void For(int count, long workPerItem, Action<int> body)
    {
        if (count <= 0)
        {
            return;
        }
        int threads = (int)Math.Clamp(count * Math.Max(1, workPerItem) / WorkPerThread, 1, Math.Min(count, Gemm.MaxThreads));
        if (threads <= 1)
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }
            return;
        }
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }
}
