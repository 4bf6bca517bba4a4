using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PnnKit.Core.Tensors;

/// <summary>Which micro-kernel <see cref="Gemm"/> uses.</summary>
public enum GemmKernelKind
{
    /// <summary>The widest kernel this CPU runs: Vector512, else Vector256 with FMA, else scalar.</summary>
    Auto,

    /// <summary>12 × 2·Vector512 register tile (AVX-512).</summary>
    Vector512,

    /// <summary>6 × 2·Vector256 register tile (AVX2 + FMA).</summary>
    Vector256,

    /// <summary>4 × 4 portable scalar tile.</summary>
    Scalar,
}

/// <summary>
/// General matrix multiply on row-major storage: C = alpha·op(A)·op(B) + beta·C, where op(X) is X
/// or Xᵀ. Shapes: op(A) is m×k, op(B) is k×n, C is m×n; lda/ldb/ldc are row strides in elements.
/// <para>Cache-blocked with packed panels and a SIMD register-tiled micro-kernel, multi-threaded
/// over disjoint blocks of C. The result is bit-identical for every thread count: each element of C
/// is reduced over k in the same order however the work is split. beta = 0 overwrites C (NaN or
/// infinity in C does not propagate); alpha = 0 or k = 0 gives beta·C without reading A or B.
/// C must not overlap A or B.</para>
/// <para>Steady state allocates nothing on one thread (packing buffers are per-thread and reused);
/// a multi-threaded call allocates only the Parallel.For bookkeeping (≈ 2-4 KB).</para>
/// </summary>
public static class Gemm
{
    /// <summary>
    /// Below this many multiply-adds (m·n·k) packing costs more than it saves and a plain loop runs.
    /// Measured on Zen 5: equal at 4³, the blocked path 3× faster at 8³ and 25× at 30³, so everything
    /// from 8³ up is blocked, on one thread until <see cref="WorkPerThread"/>.
    /// </summary>
    internal const long SmallProblem = 8 * 8 * 8;

    /// <summary>Multiply-adds one extra thread must get before it pays for its start-up (≈ 0.1 ms of work).</summary>
    internal const long WorkPerThread = 4L * 1024 * 1024;

    /// <summary>Largest op(B) that threads pack once and share (bytes): about half of a 32 MiB L3.</summary>
    internal const long SharedPackBytes = 16L * 1024 * 1024;

    private static int s_maxThreads = Environment.ProcessorCount;

    /// <summary>Most threads one call uses (default: <see cref="Environment.ProcessorCount"/>). Results do not depend on it.</summary>
    public static int MaxThreads
    {
        get => s_maxThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            s_maxThreads = value;
        }
    }

    /// <summary>The micro-kernel to use (default <see cref="GemmKernelKind.Auto"/>); results differ in rounding between kinds.</summary>
    public static GemmKernelKind Kernel { get; set; } = GemmKernelKind.Auto;

    /// <summary>The kernel that <see cref="Kernel"/> resolves to on this CPU.</summary>
    public static GemmKernelKind ActiveKernel => Resolve(Kernel);

    /// <summary>True when this CPU can run <paramref name="kind"/>.</summary>
    public static bool IsSupported(GemmKernelKind kind) => kind switch
    {
        GemmKernelKind.Vector512 => Vector512.IsHardwareAccelerated && Avx512F.IsSupported,
        GemmKernelKind.Vector256 => Vector256.IsHardwareAccelerated && Fma.IsSupported,
        _ => true,
    };

    /// <summary>C = alpha·op(A)·op(B) + beta·C.</summary>
    public static void Multiply<T>(
        bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, s_maxThreads, Kernel);

    /// <summary>As the public overload, with the thread count and kernel given explicitly (tests, benchmarks).</summary>
    internal static unsafe void Multiply<T>(
        bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc, int maxThreads, GemmKernelKind kind)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        CheckOperand(a.Length, transA ? k : m, transA ? m : k, lda, nameof(a), nameof(lda));
        CheckOperand(b.Length, transB ? n : k, transB ? k : n, ldb, nameof(b), nameof(ldb));
        CheckOperand(c.Length, m, n, ldc, nameof(c), nameof(ldc));
        if (m == 0 || n == 0)
        {
            return;
        }
        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
        {
            var p = new GemmKernel<T>.Problem(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            if (k == 0 || alpha == T.Zero)
            {
                GemmKernel<T>.ScaleC(p, 0, m, 0, n);
                return;
            }
            long work = (long)m * n * k;
            if (work < SmallProblem)
            {
                GemmKernel<T>.Small(p);
                return;
            }
            var bk = GemmKernel<T>.Blocking.For(Resolve(kind));
            int threads = (int)Math.Clamp(work / WorkPerThread, 1, Math.Max(1, maxThreads));
            if (threads == 1)
            {
                GemmKernel<T>.Blocked(p, bk, 0, m, 0, n);
                return;
            }
            RunParallel(p, bk, threads);
        }
    }

    /// <summary>
    /// Splits C along its longer side into <paramref name="threads"/> ranges aligned to the register
    /// tile. k is never split, so rounding is unchanged. For a row split every thread needs all of
    /// op(B): when it fits in <see cref="SharedPackBytes"/>, the threads first pack it once together,
    /// rather than each packing its own copy.
    /// </summary>
    private static unsafe void RunParallel<T>(GemmKernel<T>.Problem p, GemmKernel<T>.Blocking bk, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool byRows = p.M >= p.N;
        int extent = byRows ? p.M : p.N;
        int unit = byRows ? bk.MR : bk.NR;
        int units = (extent + unit - 1) / unit;
        threads = Math.Min(threads, units);
        int chunk = (units + threads - 1) / threads * unit;
        threads = (extent + chunk - 1) / chunk;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        long packedB = GemmKernel<T>.PackedBLength(p, bk);
        if (!byRows || packedB * sizeof(T) > SharedPackBytes)
        {
            Parallel.For(0, threads, options, t =>
            {
                int lo = t * chunk;
                int hi = Math.Min(extent, lo + chunk);
                if (byRows)
                {
                    GemmKernel<T>.Blocked(p, bk, lo, hi, 0, p.N);
                }
                else
                {
                    GemmKernel<T>.Blocked(p, bk, 0, p.M, lo, hi);
                }
            });
            return;
        }
        const int alignElems = 64; // slack for aligning the start to 64 bytes (≥ 64 bytes for any T)
        T[] pool = ArrayPool<T>.Shared.Rent((int)packedB + alignElems);
        try
        {
            fixed (T* raw = pool)
            {
                // 64-byte aligned start, as the per-thread buffers.
                T* shared = (T*)(((nint)raw + 63) & ~(nint)63);
                int colChunk = ((p.N + bk.NR - 1) / bk.NR + threads - 1) / threads * bk.NR;
                Parallel.For(0, threads, options, t =>
                    GemmKernel<T>.PackAllB(p, bk, t * colChunk, Math.Min(p.N, (t + 1) * colChunk), shared));
                Parallel.For(0, threads, options, t =>
                    GemmKernel<T>.Blocked(p, bk, t * chunk, Math.Min(extent, (t + 1) * chunk), 0, p.N, shared));
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(pool);
        }
    }

    private static GemmKernelKind Resolve(GemmKernelKind kind)
    {
        if (kind == GemmKernelKind.Auto)
        {
            return IsSupported(GemmKernelKind.Vector512) ? GemmKernelKind.Vector512
                : IsSupported(GemmKernelKind.Vector256) ? GemmKernelKind.Vector256
                : GemmKernelKind.Scalar;
        }
        if (!IsSupported(kind))
        {
            throw new NotSupportedException($"This CPU cannot run the {kind} GEMM kernel.");
        }
        return kind;
    }

    /// <summary>Checks that a rows×cols operand with row stride ld fits in a span; an empty operand only needs ld ≥ 0.</summary>
    private static void CheckOperand(int length, int rows, int cols, int ld, string name, string ldName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ld, ldName);
        if (rows == 0 || cols == 0)
        {
            return;
        }
        if (ld < cols)
        {
            throw new ArgumentOutOfRangeException(ldName, $"Row stride {ld} is shorter than the row length {cols}.");
        }
        if (length < ((long)(rows - 1) * ld) + cols)
        {
            throw new ArgumentException($"Span of {length} elements is too short for a {rows}×{cols} operand with row stride {ld}.", name);
        }
    }

    /// <summary>Returns op(A)·op(B) for matrix-shaped tensors (rows × row length).</summary>
    public static Tensor<T> MatMul<T>(Tensor<T> a, Tensor<T> b, bool transA = false, bool transB = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int lda = RowLength(a), ldb = RowLength(b);
        int m = transA ? lda : a.Rows;
        int k = transA ? a.Rows : lda;
        int kb = transB ? ldb : b.Rows;
        int n = transB ? b.Rows : ldb;
        if (k != kb)
        {
            throw new ArgumentException($"Inner dimensions differ: op(A) is {m}×{k}, op(B) is {kb}×{n}.");
        }
        var c = new Tensor<T>(m, n);
        Multiply(transA, transB, m, n, k, T.One, a.Data, lda, b.Data, ldb, T.Zero, c.Data, n);
        return c;
    }

    /// <summary>Product of all axes but the first, from the shape, so a tensor with no rows keeps its row length.</summary>
    private static int RowLength<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = 1;
        for (int axis = 1; axis < t.Rank; axis++)
        {
            length *= t.Dim(axis);
        }
        return length;
    }
}
