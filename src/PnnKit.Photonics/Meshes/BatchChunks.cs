using System.Numerics;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.Meshes;

/// <summary>
/// Splits the samples of a mesh pass into chunks that run on up to <see cref="Gemm.MaxThreads"/>
/// threads (the samples of a linear mesh are independent). The chunks depend on the batch size
/// alone, never on the thread count, so sums over the batch (phase gradients) round the same on
/// any number of threads. Chunk boundaries are multiples of the SIMD width.
/// </summary>
internal static class BatchChunks
{
    /// <summary>
    /// Fewest samples per chunk. Every chunk pays each cell's set-up once, so at 32 samples the
    /// identity pass of an N = 64 mesh ran 40 % slower on one thread (measured); at 64 it is one chunk.
    /// </summary>
    public const int MinSamples = 64;

    /// <summary>Most chunks of one pass (bounds the per-chunk gradient accumulators).</summary>
    public const int MaxChunks = 8;

    /// <summary>Number of chunks for <paramref name="batch"/> samples.</summary>
    public static int Count(int batch) => Math.Clamp(batch / MinSamples, 1, MaxChunks);

    /// <summary>Samples [Lo, Hi) of chunk <paramref name="k"/> of <paramref name="chunks"/>.</summary>
    public static (int Lo, int Hi) Range<T>(int batch, int chunks, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector<T>.Count;
        int per = ((batch + chunks - 1) / chunks + width - 1) / width * width;
        int lo = Math.Min(batch, k * per);
        return (lo, Math.Min(batch, lo + per));
    }

    /// <summary>Runs <paramref name="body"/> for chunks 0..chunks−1, in parallel when threads are allowed.</summary>
    public static void Run(int chunks, Action<int> body)
    {
        int threads = Math.Min(Gemm.MaxThreads, chunks);
        if (threads <= 1)
        {
            for (int k = 0; k < chunks; k++)
            {
                body(k);
            }
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }
}
