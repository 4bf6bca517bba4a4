using System.Numerics;
using PnnKit.Core.Tensors;

namespace PnnKit.Memristive.Layers;

/// <summary>
/// Weight replication, the one rule every replicated crossbar layer follows (Yao et al., Nature 577, 641 (2020) replicate C1's
/// kernels on three arrays): the weights sit on <c>replicas</c> separately programmed copies, sample (patch) b of a read is
/// dealt to copy b mod replicas, and the copies read in parallel, so a layer needing n reads per inference takes
/// ⌈n / replicas⌉ read cycles. Energy per read is unchanged (each patch still drives one copy's DACs, cells and ADCs);
/// cells and programming grow by the replica count.
/// </summary>
public static class Replication
{
    /// <summary>The copy that reads sample <paramref name="sample"/>.</summary>
    public static int ReplicaOf(int sample, int replicas) => sample % replicas;

    /// <summary>Samples of a batch of <paramref name="batch"/> that copy <paramref name="replica"/> reads.</summary>
    public static int RowsOf(int batch, int replicas, int replica) => replica >= batch ? 0 : ((batch - 1 - replica) / replicas) + 1;

    /// <summary>Read cycles of <paramref name="reads"/> reads shared by <paramref name="replicas"/> copies: ⌈reads / replicas⌉.</summary>
    public static double ReadCycles(long reads, int replicas)
    {
        if (replicas < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(replicas), $"replicas must be ≥ 1, got {replicas}.");
        }
        return Math.Ceiling((double)reads / replicas);
    }

    /// <summary>The rows of <paramref name="x"/> [batch, features] that copy <paramref name="replica"/> reads, in order.</summary>
    public static Tensor<T> Gather<T>(Tensor<T> x, int replicas, int replica) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var part = new Tensor<T>(RowsOf(x.Rows, replicas, replica), x.RowLength);
        for (int k = 0; k < part.Rows; k++)
        {
            x.Row(replica + (k * replicas)).CopyTo(part.Row(k));
        }
        return part;
    }

    /// <summary>Writes the rows <paramref name="part"/> that copy <paramref name="replica"/> read back to their places in <paramref name="into"/>.</summary>
    public static void Scatter<T>(Tensor<T> part, Tensor<T> into, int replicas, int replica) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(into);
        for (int k = 0; k < part.Rows; k++)
        {
            part.Row(k).CopyTo(into.Row(replica + (k * replicas)));
        }
    }
}
