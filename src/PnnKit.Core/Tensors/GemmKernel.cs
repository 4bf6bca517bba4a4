using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PnnKit.Core.Tensors;

/// <summary>
/// The blocked GEMM engine behind <see cref="Gemm"/> (Goto/BLIS structure): C is cut into NC-wide
/// column panels, k into KC-deep slices and rows into MC-tall blocks; the KC×NC slice of op(B) and
/// the MC×KC block of op(A) are packed into contiguous micro-panels, and a register-tiled
/// micro-kernel updates one MR×NR tile of C per call.
/// <para>Determinism: for every C element and every KC slice of k (in order), the micro-kernel
/// runs one fused multiply-add chain from zero over the slice's p in order and then adds it to C
/// (the first slice overwrites C when beta = 0; other beta scale C beforehand). Slices depend on k
/// alone; threads split C into disjoint row or column ranges and never split k; edge tiles run the
/// same kernel on a padded copy. So the result is bit-identical for any thread count.</para>
/// <para>C is read after the k loop, not before, so its (prefetched) load never stalls the
/// FMA chains; C is too large for L2 in the problems where this matters.</para>
/// </summary>
internal static unsafe class GemmKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Depth of a packed slice. Each slice reads and writes every C tile once, so a deeper slice
    /// halves that traffic; the KC×NR micro-panel of B (64 KiB for float Vector512) then streams from
    /// L2, which feeds the 2 loads per 24 FMAs with room to spare. Measured on Zen 4 (1024³, 1 thread,
    /// thread CPU time, issue 14 item 7): 0.80 of the FMA peak at 256, 0.83 at 512; 128 gave 0.75.
    /// </summary>
    private const int KC = 512;

    /// <summary>Bytes of the packed A block: well inside the 1 MiB per-core L2 of Zen 4/5.</summary>
    private const int ABlockBytes = 192 * 1024;

    /// <summary>Bytes of the packed B slice: lives in L3 and is streamed once per A block.</summary>
    private const int BSliceBytes = 4 * 1024 * 1024;

    /// <summary>Alignment of packed buffers: one cache line, also one zmm register.</summary>
    private const int Alignment = 64;

    [ThreadStatic] private static T[]? s_packA;
    [ThreadStatic] private static T[]? s_packB;
    [ThreadStatic] private static T[]? s_tile;

    /// <summary>Register tile and cache block sizes for one kernel kind.</summary>
    internal readonly record struct Blocking(GemmKernelKind Kind, int MR, int NR, int MC, int NC)
    {
        public static Blocking For(GemmKernelKind kind)
        {
            (int mr, int nr) = kind switch
            {
                GemmKernelKind.Vector512 => (12, 2 * Vector512<T>.Count),
                GemmKernelKind.Vector256 => (6, 2 * Vector256<T>.Count),
                _ => (ScalarMR, ScalarNR),
            };
            int mc = Math.Max(mr, ABlockBytes / (KC * sizeof(T)) / mr * mr);
            int nc = Math.Max(nr, BSliceBytes / (KC * sizeof(T)) / nr * nr);
            return new Blocking(kind, mr, nr, mc, nc);
        }
    }

    /// <summary>The operands of one call; pointers are pinned by the caller for its duration.</summary>
    internal readonly struct Problem
    {
        public Problem(bool transA, bool transB, int m, int n, int k, T alpha, T* a, int lda, T* b, int ldb, T beta, T* c, int ldc)
        {
            TransA = transA;
            TransB = transB;
            M = m;
            N = n;
            K = k;
            Alpha = alpha;
            A = a;
            Lda = lda;
            B = b;
            Ldb = ldb;
            Beta = beta;
            C = c;
            Ldc = ldc;
        }

        public bool TransA { get; }
        public bool TransB { get; }
        public int M { get; }
        public int N { get; }
        public int K { get; }
        public T Alpha { get; }
        public T* A { get; }
        public int Lda { get; }
        public T* B { get; }
        public int Ldb { get; }
        public T Beta { get; }
        public T* C { get; }
        public int Ldc { get; }
    }

    /// <summary>Scalar fallback tile: 16 accumulators, what a general-purpose register file holds.</summary>
    private const int ScalarMR = 4;
    private const int ScalarNR = 4;

    /// <summary>The tallest register tile of any kernel kind (Vector512: 12 rows).</summary>
    private const int MaxMR = 12;

    /// <summary>The widest register tile of any kernel kind: 2·Vector512 of float.</summary>
    private const int MaxNR = 32;

    /// <summary>C = beta·C on rows [i0, i1) × columns [j0, j1); beta = 0 writes zeros (NaN in C is dropped).</summary>
    internal static void ScaleC(in Problem p, int i0, int i1, int j0, int j1)
    {
        if (p.Beta == T.One)
        {
            return;
        }
        for (int i = i0; i < i1; i++)
        {
            var row = new Span<T>(p.C + ((long)i * p.Ldc) + j0, j1 - j0);
            if (p.Beta == T.Zero)
            {
                row.Clear();
            }
            else
            {
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] *= p.Beta;
                }
            }
        }
    }

    /// <summary>The unblocked path for small problems: one sequential chain per element, no packing.</summary>
    internal static void Small(in Problem p)
    {
        for (int i = 0; i < p.M; i++)
        {
            for (int j = 0; j < p.N; j++)
            {
                T sum = T.Zero;
                for (int q = 0; q < p.K; q++)
                {
                    T av = p.TransA ? p.A[((long)q * p.Lda) + i] : p.A[((long)i * p.Lda) + q];
                    T bv = p.TransB ? p.B[((long)j * p.Ldb) + q] : p.B[((long)q * p.Ldb) + j];
                    sum += av * bv;
                }
                T* cij = p.C + ((long)i * p.Ldc) + j;
                *cij = (p.Alpha * sum) + (p.Beta == T.Zero ? T.Zero : p.Beta * *cij);
            }
        }
    }

    /// <summary>
    /// The blocked algorithm on the sub-matrix rows [i0, i1) × columns [j0, j1) of C, all of k.
    /// Runs on one thread with that thread's packing buffers. When <paramref name="sharedB"/> is
    /// given, it holds all of op(B) packed by <see cref="PackAllB"/> (with j0 = 0, j1 = N) and no
    /// B packing happens here.
    /// </summary>
    internal static void Blocked(in Problem p, in Blocking bk, int i0, int i1, int j0, int j1, T* sharedB = null)
    {
        if (p.Beta != T.Zero)
        {
            ScaleC(p, i0, i1, j0, j1);
        }
        int mr = bk.MR, nr = bk.NR;
        int ncMax = Math.Min(bk.NC, RoundUp(j1 - j0, nr));
        int mcMax = Math.Min(bk.MC, RoundUp(i1 - i0, mr));
        int kcMax = Math.Min(KC, p.K);
        int kStep = KStep(p.K);
        T* packA = Buffer(ref s_packA, mcMax * kcMax);
        T* packB = sharedB is null ? Buffer(ref s_packB, ncMax * kcMax) : null;
        T* tile = Buffer(ref s_tile, mr * nr);
        for (int jc = j0; jc < j1; jc += bk.NC)
        {
            int nc = Math.Min(bk.NC, j1 - jc);
            for (int pc = 0; pc < p.K; pc += kStep)
            {
                int kc = Math.Min(kStep, p.K - pc);
                bool overwrite = pc == 0 && p.Beta == T.Zero;
                T* b;
                if (sharedB is null)
                {
                    PackB(p, pc, kc, jc, nc, nr, packB);
                    b = packB;
                }
                else
                {
                    b = sharedB + SliceOffset(p.K, jc, pc, RoundUp(nc, nr));
                }
                for (int ic = i0; ic < i1; ic += bk.MC)
                {
                    int mc = Math.Min(bk.MC, i1 - ic);
                    PackA(p, ic, mc, pc, kc, mr, packA);
                    Macro(bk, mc, nc, kc, packA, b, p.C + ((long)ic * p.Ldc) + jc, p.Ldc, overwrite, tile);
                }
            }
        }
    }

    /// <summary>Elements of op(B) packed whole: every NC×KC slice, columns rounded up to NR.</summary>
    internal static long PackedBLength(in Problem p, in Blocking bk) => (long)RoundUp(p.N, bk.NR) * p.K;

    /// <summary>
    /// Packs the columns [jLo, jHi) (NR-aligned, except that jHi may be N) of every (jc, pc) slice of
    /// op(B) into <paramref name="dst"/>, laid out as <see cref="Blocked"/> expects with sharedB.
    /// Threads packing disjoint column ranges fill the whole buffer together.
    /// </summary>
    internal static void PackAllB(in Problem p, in Blocking bk, int jLo, int jHi, T* dst)
    {
        int kStep = KStep(p.K);
        for (int jc = 0; jc < p.N; jc += bk.NC)
        {
            int nc = Math.Min(bk.NC, p.N - jc);
            int lo = Math.Max(jLo, jc), hi = Math.Min(jHi, jc + nc);
            if (lo >= hi)
            {
                continue;
            }
            for (int pc = 0; pc < p.K; pc += kStep)
            {
                int kc = Math.Min(kStep, p.K - pc);
                T* slice = dst + SliceOffset(p.K, jc, pc, RoundUp(nc, bk.NR));
                PackB(p, pc, kc, lo, hi - lo, bk.NR, slice + ((long)(lo - jc) * kc));
            }
        }
    }

    /// <summary>
    /// Where the (jc, pc) slice starts in a whole packed op(B): earlier column blocks are full NC
    /// wide (NC is a multiple of NR) and hold all K rows; earlier k slices of this block hold
    /// <paramref name="width"/> columns each.
    /// </summary>
    private static long SliceOffset(int k, int jc, int pc, int width) => ((long)jc * k) + ((long)width * pc);

    /// <summary>
    /// Depth of the k slices: k split evenly into as few slices of at most KC as possible (rounded
    /// up to 8 for the packing transposes), so no slice is a short, overhead-heavy tail
    /// (k = 1100 → 368, 368, 364 rather than 512, 512, 76). Depends on k alone, which keeps
    /// results independent of the thread count.
    /// </summary>
    private static int KStep(int k)
    {
        int slices = (k + KC - 1) / KC;
        return Math.Min(KC, RoundUp((k + slices - 1) / slices, 8));
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>This thread's pinned buffer of at least <paramref name="length"/> elements, 64-byte aligned.</summary>
    private static T* Buffer(ref T[]? array, int length)
    {
        int padded = length + (Alignment / sizeof(T));
        if (array is null || array.Length < padded)
        {
            // Pinned so the raw pointer stays valid across calls; grows only, so steady state allocates nothing.
            array = GC.AllocateUninitializedArray<T>(padded, pinned: true);
        }
        nint addr = (nint)Unsafe.AsPointer(ref array[0]);
        return (T*)((addr + Alignment - 1) & ~(nint)(Alignment - 1));
    }

    /// <summary>Packs rows [ic, ic+mc) × k [pc, pc+kc) of alpha·op(A) as MR-row micro-panels (p-major, zero-padded).</summary>
    private static void PackA(in Problem p, int ic, int mc, int pc, int kc, int mr, T* dst)
    {
        T alpha = p.Alpha;
        nint* rowPtr = stackalloc nint[MaxMR];
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            T* panel = dst + ((long)ir * kc);
            if (!p.TransA)
            {
                // q outer, r inner: contiguous writes, and `rows` sequential read streams the
                // hardware prefetcher follows (r outer with strided writes ran 3× slower).
                for (int r = 0; r < rows; r++)
                {
                    rowPtr[r] = (nint)(p.A + ((long)(ic + ir + r) * p.Lda) + pc);
                }
                for (int q = 0; q < kc; q++)
                {
                    T* d = panel + (q * mr);
                    for (int r = 0; r < rows; r++)
                    {
                        d[r] = alpha * ((T*)rowPtr[r])[q];
                    }
                }
            }
            else
            {
                for (int q = 0; q < kc; q++)
                {
                    T* src = p.A + ((long)(pc + q) * p.Lda) + ic + ir;
                    T* d = panel + (q * mr);
                    for (int r = 0; r < rows; r++)
                    {
                        d[r] = alpha * src[r];
                    }
                }
            }
            if (rows < mr)
            {
                for (int q = 0; q < kc; q++)
                {
                    new Span<T>(panel + (q * mr) + rows, mr - rows).Clear();
                }
            }
        }
    }

    /// <summary>Packs k [pc, pc+kc) × columns [jc, jc+nc) of op(B) as NR-column micro-panels (p-major, zero-padded).</summary>
    private static void PackB(in Problem p, int pc, int kc, int jc, int nc, int nr, T* dst)
    {
        nint* colPtr = stackalloc nint[MaxNR];
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            T* panel = dst + ((long)jr * kc);
            if (!p.TransB)
            {
                for (int q = 0; q < kc; q++)
                {
                    var src = new ReadOnlySpan<T>(p.B + ((long)(pc + q) * p.Ldb) + jc + jr, cols);
                    var d = new Span<T>(panel + (q * nr), nr);
                    src.CopyTo(d);
                    d[cols..].Clear();
                }
            }
            else
            {
                for (int j = 0; j < cols; j++)
                {
                    colPtr[j] = (nint)(p.B + ((long)(jc + jr + j) * p.Ldb) + pc);
                }
                int q0 = 0, j0 = 0;
                if (typeof(T) == typeof(float) && Avx.IsSupported)
                {
                    // 8×8 register transposes cover whole 8-column groups and 8-deep runs of q.
                    j0 = cols / 8 * 8;
                    q0 = kc / 8 * 8;
                    for (int jb = 0; jb < j0; jb += 8)
                    {
                        for (int qb = 0; qb < q0; qb += 8)
                        {
                            Transpose8x8((float**)(colPtr + jb), qb, (float*)panel + (qb * nr) + jb, nr);
                        }
                    }
                }
                // The rest, element by element: q outer for contiguous writes (as in PackA).
                for (int q = 0; q < kc; q++)
                {
                    T* d = panel + (q * nr);
                    for (int j = q < q0 ? j0 : 0; j < cols; j++)
                    {
                        d[j] = ((T*)colPtr[j])[q];
                    }
                }
                if (cols < nr)
                {
                    for (int q = 0; q < kc; q++)
                    {
                        new Span<T>(panel + (q * nr) + cols, nr - cols).Clear();
                    }
                }
            }
        }
    }

    /// <summary>
    /// Writes dst[q·ld + j] = cols[j][q0 + q] for q, j in 0..7: eight columns of op(B), read as
    /// eight contiguous runs of B's rows, transposed in registers into eight packed rows.
    /// </summary>
    private static void Transpose8x8(float** cols, int q0, float* dst, int ld)
    {
        var r0 = Avx.LoadVector256(cols[0] + q0);
        var r1 = Avx.LoadVector256(cols[1] + q0);
        var r2 = Avx.LoadVector256(cols[2] + q0);
        var r3 = Avx.LoadVector256(cols[3] + q0);
        var r4 = Avx.LoadVector256(cols[4] + q0);
        var r5 = Avx.LoadVector256(cols[5] + q0);
        var r6 = Avx.LoadVector256(cols[6] + q0);
        var r7 = Avx.LoadVector256(cols[7] + q0);
        // Interleave pairs (a0 b0 a1 b1 | a4 b4 a5 b5 ...), then quads, then swap 128-bit halves.
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        const byte lowPairs = 0x44, highPairs = 0xEE, lowHalves = 0x20, highHalves = 0x31;
        var s0 = Avx.Shuffle(t0, t2, lowPairs);
        var s1 = Avx.Shuffle(t0, t2, highPairs);
        var s2 = Avx.Shuffle(t1, t3, lowPairs);
        var s3 = Avx.Shuffle(t1, t3, highPairs);
        var s4 = Avx.Shuffle(t4, t6, lowPairs);
        var s5 = Avx.Shuffle(t4, t6, highPairs);
        var s6 = Avx.Shuffle(t5, t7, lowPairs);
        var s7 = Avx.Shuffle(t5, t7, highPairs);
        Avx.Store(dst, Avx.Permute2x128(s0, s4, lowHalves));
        Avx.Store(dst + ld, Avx.Permute2x128(s1, s5, lowHalves));
        Avx.Store(dst + (2 * ld), Avx.Permute2x128(s2, s6, lowHalves));
        Avx.Store(dst + (3 * ld), Avx.Permute2x128(s3, s7, lowHalves));
        Avx.Store(dst + (4 * ld), Avx.Permute2x128(s0, s4, highHalves));
        Avx.Store(dst + (5 * ld), Avx.Permute2x128(s1, s5, highHalves));
        Avx.Store(dst + (6 * ld), Avx.Permute2x128(s2, s6, highHalves));
        Avx.Store(dst + (7 * ld), Avx.Permute2x128(s3, s7, highHalves));
    }

    /// <summary>Runs the micro-kernel over every MR×NR tile of an mc×nc block; edge tiles go through a padded copy.</summary>
    private static void Macro(in Blocking bk, int mc, int nc, int kc, T* packA, T* packB, T* c, int ldc, bool overwrite, T* tile)
    {
        int mr = bk.MR, nr = bk.NR;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            T* bp = packB + ((long)jr * kc);
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                T* ap = packA + ((long)ir * kc);
                T* cp = c + ((long)ir * ldc) + jr;
                if (rows == mr && cols == nr)
                {
                    Micro(bk.Kind, kc, ap, bp, cp, ldc, overwrite);
                    continue;
                }
                // Same kernel, same operation order: the padded copy changes no rounding.
                if (!overwrite)
                {
                    for (int r = 0; r < rows; r++)
                    {
                        new ReadOnlySpan<T>(cp + ((long)r * ldc), cols).CopyTo(new Span<T>(tile + (r * nr), cols));
                    }
                }
                Micro(bk.Kind, kc, ap, bp, tile, nr, overwrite);
                for (int r = 0; r < rows; r++)
                {
                    new ReadOnlySpan<T>(tile + (r * nr), cols).CopyTo(new Span<T>(cp + ((long)r * ldc), cols));
                }
            }
        }
    }

    /// <summary>Asks for the first and last cache line of each row of a C tile (a row spans 1-3 lines).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchTile(T* c, int ldc, int rows, int cols)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        for (int r = 0; r < rows; r++)
        {
            T* row = c + ((long)r * ldc);
            Sse.Prefetch0(row);
            Sse.Prefetch0(row + cols - 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Micro(GemmKernelKind kind, int kc, T* a, T* b, T* c, int ldc, bool overwrite)
    {
        switch (kind)
        {
            case GemmKernelKind.Vector512:
                Kernel512(kc, a, b, c, ldc, overwrite);
                break;
            case GemmKernelKind.Vector256:
                Kernel256(kc, a, b, c, ldc, overwrite);
                break;
            default:
                KernelScalar(kc, a, b, c, ldc, overwrite);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma(Vector512<T> x, Vector512<T> y, Vector512<T> acc)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), acc.As<T, float>()).As<float, T>();
        }
        if (typeof(T) == typeof(double))
        {
            return Vector512.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), acc.As<T, double>()).As<double, T>();
        }
        return (x * y) + acc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma(Vector256<T> x, Vector256<T> y, Vector256<T> acc)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), acc.As<T, float>()).As<float, T>();
        }
        if (typeof(T) == typeof(double))
        {
            return Vector256.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), acc.As<T, double>()).As<double, T>();
        }
        return (x * y) + acc;
    }

    /// <summary>Portable fallback tile: plain multiply-add, no SIMD.</summary>
    private static void KernelScalar(int kc, T* a, T* b, T* c, int ldc, bool overwrite)
    {
        T* acc = stackalloc T[ScalarMR * ScalarNR];
        new Span<T>(acc, ScalarMR * ScalarNR).Clear();
        for (int q = 0; q < kc; q++)
        {
            for (int r = 0; r < ScalarMR; r++)
            {
                T ar = a[r];
                for (int j = 0; j < ScalarNR; j++)
                {
                    acc[(r * ScalarNR) + j] += ar * b[j];
                }
            }
            a += ScalarMR;
            b += ScalarNR;
        }
        for (int r = 0; r < ScalarMR; r++)
        {
            for (int j = 0; j < ScalarNR; j++)
            {
                T* cij = c + ((long)r * ldc) + j;
                *cij = overwrite ? acc[(r * ScalarNR) + j] : *cij + acc[(r * ScalarNR) + j];
            }
        }
    }

    /// <summary>12 × (2·Vector512) register tile: 24 accumulators of the 32 zmm registers, leaving room for two B vectors and one broadcast A value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel512(int kc, T* a, T* b, T* c, int ldc, bool overwrite)
    {
        int w = Vector512<T>.Count;
        if (!overwrite)
        {
            // C is read only after the k loop; ask for it now so it is in L1 by then.
            PrefetchTile(c, ldc, 12, 2 * w);
        }
        Vector512<T> c00 = Vector512<T>.Zero, c01 = Vector512<T>.Zero;
        Vector512<T> c10 = Vector512<T>.Zero, c11 = Vector512<T>.Zero;
        Vector512<T> c20 = Vector512<T>.Zero, c21 = Vector512<T>.Zero;
        Vector512<T> c30 = Vector512<T>.Zero, c31 = Vector512<T>.Zero;
        Vector512<T> c40 = Vector512<T>.Zero, c41 = Vector512<T>.Zero;
        Vector512<T> c50 = Vector512<T>.Zero, c51 = Vector512<T>.Zero;
        Vector512<T> c60 = Vector512<T>.Zero, c61 = Vector512<T>.Zero;
        Vector512<T> c70 = Vector512<T>.Zero, c71 = Vector512<T>.Zero;
        Vector512<T> c80 = Vector512<T>.Zero, c81 = Vector512<T>.Zero;
        Vector512<T> c90 = Vector512<T>.Zero, c91 = Vector512<T>.Zero;
        Vector512<T> c100 = Vector512<T>.Zero, c101 = Vector512<T>.Zero;
        Vector512<T> c110 = Vector512<T>.Zero, c111 = Vector512<T>.Zero;
        for (int p = 0; p < kc; p++)
        {
            Vector512<T> b0 = Vector512.Load(b);
            Vector512<T> b1 = Vector512.Load(b + w);
            Vector512<T> ar;
            ar = Vector512.Create(a[0]);
            c00 = Fma(ar, b0, c00);
            c01 = Fma(ar, b1, c01);
            ar = Vector512.Create(a[1]);
            c10 = Fma(ar, b0, c10);
            c11 = Fma(ar, b1, c11);
            ar = Vector512.Create(a[2]);
            c20 = Fma(ar, b0, c20);
            c21 = Fma(ar, b1, c21);
            ar = Vector512.Create(a[3]);
            c30 = Fma(ar, b0, c30);
            c31 = Fma(ar, b1, c31);
            ar = Vector512.Create(a[4]);
            c40 = Fma(ar, b0, c40);
            c41 = Fma(ar, b1, c41);
            ar = Vector512.Create(a[5]);
            c50 = Fma(ar, b0, c50);
            c51 = Fma(ar, b1, c51);
            ar = Vector512.Create(a[6]);
            c60 = Fma(ar, b0, c60);
            c61 = Fma(ar, b1, c61);
            ar = Vector512.Create(a[7]);
            c70 = Fma(ar, b0, c70);
            c71 = Fma(ar, b1, c71);
            ar = Vector512.Create(a[8]);
            c80 = Fma(ar, b0, c80);
            c81 = Fma(ar, b1, c81);
            ar = Vector512.Create(a[9]);
            c90 = Fma(ar, b0, c90);
            c91 = Fma(ar, b1, c91);
            ar = Vector512.Create(a[10]);
            c100 = Fma(ar, b0, c100);
            c101 = Fma(ar, b1, c101);
            ar = Vector512.Create(a[11]);
            c110 = Fma(ar, b0, c110);
            c111 = Fma(ar, b1, c111);
            a += 12;
            b += 2 * w;
        }
        if (overwrite)
        {
            Vector512.Store(c00, c);
            Vector512.Store(c01, c + w);
            Vector512.Store(c10, c + (1 * ldc));
            Vector512.Store(c11, c + (1 * ldc) + w);
            Vector512.Store(c20, c + (2 * ldc));
            Vector512.Store(c21, c + (2 * ldc) + w);
            Vector512.Store(c30, c + (3 * ldc));
            Vector512.Store(c31, c + (3 * ldc) + w);
            Vector512.Store(c40, c + (4 * ldc));
            Vector512.Store(c41, c + (4 * ldc) + w);
            Vector512.Store(c50, c + (5 * ldc));
            Vector512.Store(c51, c + (5 * ldc) + w);
            Vector512.Store(c60, c + (6 * ldc));
            Vector512.Store(c61, c + (6 * ldc) + w);
            Vector512.Store(c70, c + (7 * ldc));
            Vector512.Store(c71, c + (7 * ldc) + w);
            Vector512.Store(c80, c + (8 * ldc));
            Vector512.Store(c81, c + (8 * ldc) + w);
            Vector512.Store(c90, c + (9 * ldc));
            Vector512.Store(c91, c + (9 * ldc) + w);
            Vector512.Store(c100, c + (10 * ldc));
            Vector512.Store(c101, c + (10 * ldc) + w);
            Vector512.Store(c110, c + (11 * ldc));
            Vector512.Store(c111, c + (11 * ldc) + w);
        }
        else
        {
            Vector512.Store(c00 + Vector512.Load(c), c);
            Vector512.Store(c01 + Vector512.Load(c + w), c + w);
            Vector512.Store(c10 + Vector512.Load(c + (1 * ldc)), c + (1 * ldc));
            Vector512.Store(c11 + Vector512.Load(c + (1 * ldc) + w), c + (1 * ldc) + w);
            Vector512.Store(c20 + Vector512.Load(c + (2 * ldc)), c + (2 * ldc));
            Vector512.Store(c21 + Vector512.Load(c + (2 * ldc) + w), c + (2 * ldc) + w);
            Vector512.Store(c30 + Vector512.Load(c + (3 * ldc)), c + (3 * ldc));
            Vector512.Store(c31 + Vector512.Load(c + (3 * ldc) + w), c + (3 * ldc) + w);
            Vector512.Store(c40 + Vector512.Load(c + (4 * ldc)), c + (4 * ldc));
            Vector512.Store(c41 + Vector512.Load(c + (4 * ldc) + w), c + (4 * ldc) + w);
            Vector512.Store(c50 + Vector512.Load(c + (5 * ldc)), c + (5 * ldc));
            Vector512.Store(c51 + Vector512.Load(c + (5 * ldc) + w), c + (5 * ldc) + w);
            Vector512.Store(c60 + Vector512.Load(c + (6 * ldc)), c + (6 * ldc));
            Vector512.Store(c61 + Vector512.Load(c + (6 * ldc) + w), c + (6 * ldc) + w);
            Vector512.Store(c70 + Vector512.Load(c + (7 * ldc)), c + (7 * ldc));
            Vector512.Store(c71 + Vector512.Load(c + (7 * ldc) + w), c + (7 * ldc) + w);
            Vector512.Store(c80 + Vector512.Load(c + (8 * ldc)), c + (8 * ldc));
            Vector512.Store(c81 + Vector512.Load(c + (8 * ldc) + w), c + (8 * ldc) + w);
            Vector512.Store(c90 + Vector512.Load(c + (9 * ldc)), c + (9 * ldc));
            Vector512.Store(c91 + Vector512.Load(c + (9 * ldc) + w), c + (9 * ldc) + w);
            Vector512.Store(c100 + Vector512.Load(c + (10 * ldc)), c + (10 * ldc));
            Vector512.Store(c101 + Vector512.Load(c + (10 * ldc) + w), c + (10 * ldc) + w);
            Vector512.Store(c110 + Vector512.Load(c + (11 * ldc)), c + (11 * ldc));
            Vector512.Store(c111 + Vector512.Load(c + (11 * ldc) + w), c + (11 * ldc) + w);
        }
    }

    /// <summary>6 × (2·Vector256) register tile: 12 accumulators of the 16 ymm registers, leaving room for two B vectors and one broadcast A value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel256(int kc, T* a, T* b, T* c, int ldc, bool overwrite)
    {
        int w = Vector256<T>.Count;
        if (!overwrite)
        {
            // C is read only after the k loop; ask for it now so it is in L1 by then.
            PrefetchTile(c, ldc, 6, 2 * w);
        }
        Vector256<T> c00 = Vector256<T>.Zero, c01 = Vector256<T>.Zero;
        Vector256<T> c10 = Vector256<T>.Zero, c11 = Vector256<T>.Zero;
        Vector256<T> c20 = Vector256<T>.Zero, c21 = Vector256<T>.Zero;
        Vector256<T> c30 = Vector256<T>.Zero, c31 = Vector256<T>.Zero;
        Vector256<T> c40 = Vector256<T>.Zero, c41 = Vector256<T>.Zero;
        Vector256<T> c50 = Vector256<T>.Zero, c51 = Vector256<T>.Zero;
        for (int p = 0; p < kc; p++)
        {
            Vector256<T> b0 = Vector256.Load(b);
            Vector256<T> b1 = Vector256.Load(b + w);
            Vector256<T> ar;
            ar = Vector256.Create(a[0]);
            c00 = Fma(ar, b0, c00);
            c01 = Fma(ar, b1, c01);
            ar = Vector256.Create(a[1]);
            c10 = Fma(ar, b0, c10);
            c11 = Fma(ar, b1, c11);
            ar = Vector256.Create(a[2]);
            c20 = Fma(ar, b0, c20);
            c21 = Fma(ar, b1, c21);
            ar = Vector256.Create(a[3]);
            c30 = Fma(ar, b0, c30);
            c31 = Fma(ar, b1, c31);
            ar = Vector256.Create(a[4]);
            c40 = Fma(ar, b0, c40);
            c41 = Fma(ar, b1, c41);
            ar = Vector256.Create(a[5]);
            c50 = Fma(ar, b0, c50);
            c51 = Fma(ar, b1, c51);
            a += 6;
            b += 2 * w;
        }
        if (overwrite)
        {
            Vector256.Store(c00, c);
            Vector256.Store(c01, c + w);
            Vector256.Store(c10, c + (1 * ldc));
            Vector256.Store(c11, c + (1 * ldc) + w);
            Vector256.Store(c20, c + (2 * ldc));
            Vector256.Store(c21, c + (2 * ldc) + w);
            Vector256.Store(c30, c + (3 * ldc));
            Vector256.Store(c31, c + (3 * ldc) + w);
            Vector256.Store(c40, c + (4 * ldc));
            Vector256.Store(c41, c + (4 * ldc) + w);
            Vector256.Store(c50, c + (5 * ldc));
            Vector256.Store(c51, c + (5 * ldc) + w);
        }
        else
        {
            Vector256.Store(c00 + Vector256.Load(c), c);
            Vector256.Store(c01 + Vector256.Load(c + w), c + w);
            Vector256.Store(c10 + Vector256.Load(c + (1 * ldc)), c + (1 * ldc));
            Vector256.Store(c11 + Vector256.Load(c + (1 * ldc) + w), c + (1 * ldc) + w);
            Vector256.Store(c20 + Vector256.Load(c + (2 * ldc)), c + (2 * ldc));
            Vector256.Store(c21 + Vector256.Load(c + (2 * ldc) + w), c + (2 * ldc) + w);
            Vector256.Store(c30 + Vector256.Load(c + (3 * ldc)), c + (3 * ldc));
            Vector256.Store(c31 + Vector256.Load(c + (3 * ldc) + w), c + (3 * ldc) + w);
            Vector256.Store(c40 + Vector256.Load(c + (4 * ldc)), c + (4 * ldc));
            Vector256.Store(c41 + Vector256.Load(c + (4 * ldc) + w), c + (4 * ldc) + w);
            Vector256.Store(c50 + Vector256.Load(c + (5 * ldc)), c + (5 * ldc));
            Vector256.Store(c51 + Vector256.Load(c + (5 * ldc) + w), c + (5 * ldc) + w);
        }
    }

}
