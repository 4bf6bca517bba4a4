using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace PnnKit.Bench.Perf;

/// <summary>
/// The float32 FMA peak this machine delivers to .NET code, for every vector width it runs in
/// hardware (Vector128, Vector256, Vector512): twelve independent FMA chains, enough
/// to cover FMA latency (4 cycles) × throughput (2 per cycle) with room to spare, so the loop is
/// bound by the FMA units alone. Two threads run the same loop at once to expose shared-core limits.
/// </summary>
public static class FmaPeak
{
    /// <summary>Independent accumulators per loop iteration.</summary>
    private const int Chains = 12;

    /// <summary>Multiplier just below one and an addend that keep every chain near 1.0: no overflow, no denormals.</summary>
    private const float Decay = 0.999999f;
    private const float Bias = 1e-6f;

    /// <summary>True when the CPU runs Vector128 FMA in hardware (x86 FMA3 or Arm64 AdvSimd).</summary>
    public static bool Has128 => Vector128.IsHardwareAccelerated && (Fma.IsSupported || AdvSimd.Arm64.IsSupported);

    /// <summary>True when the CPU runs Vector256 FMA in hardware.</summary>
    public static bool Has256 => Vector256.IsHardwareAccelerated && Fma.IsSupported;

    /// <summary>True when the CPU runs Vector512 FMA in hardware.</summary>
    public static bool Has512 => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>The vector widths in bits whose FMA this CPU runs in hardware, narrowest first.</summary>
    public static IReadOnlyList<int> SupportedWidths =>
        [.. new[] { (128, Has128), (256, Has256), (512, Has512) }.Where(w => w.Item2).Select(w => w.Item1)];

    /// <summary>True when <paramref name="bits"/> (128, 256 or 512) runs FMA in hardware.</summary>
    public static bool Supports(int bits) => bits switch { 128 => Has128, 256 => Has256, 512 => Has512, _ => false };

    /// <summary>Float32 flops of one call of the loop of width <paramref name="bits"/> with <paramref name="iterations"/> iterations.</summary>
    public static double Flops(int bits, long iterations) => (double)iterations * Chains * (bits / 32) * 2;

    /// <summary>One call of the loop of width <paramref name="bits"/>.</summary>
    public static float Loop(int bits, long iterations) => bits switch
    {
        128 => Loop128(iterations),
        256 => Loop256(iterations),
        512 => Loop512(iterations),
        _ => throw new ArgumentOutOfRangeException(nameof(bits), bits, "Vector width must be 128, 256 or 512 bits."),
    };

    /// <summary>Runs <paramref name="body"/> on <paramref name="threads"/> threads at once (the caller is one of them).</summary>
    public static void OnThreads(int threads, Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (threads <= 1)
        {
            body();
            return;
        }
        using var start = new Barrier(threads);
        var workers = new Thread[threads - 1];
        for (int t = 0; t < workers.Length; t++)
        {
            workers[t] = new Thread(() =>
            {
                start.SignalAndWait();
                body();
            })
            { IsBackground = true };
            workers[t].Start();
        }
        start.SignalAndWait();
        body();
        foreach (var w in workers)
        {
            w.Join();
        }
    }

    /// <summary>The Vector128 FMA loop (Vector128.FusedMultiplyAdd: FMA3 on x86, FMLA on Arm64).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Loop128(long iterations)
    {
        var m = Vector128.Create(Decay);
        var d = Vector128.Create(Bias);
        Vector128<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector128.FusedMultiplyAdd(a0, m, d);
            a1 = Vector128.FusedMultiplyAdd(a1, m, d);
            a2 = Vector128.FusedMultiplyAdd(a2, m, d);
            a3 = Vector128.FusedMultiplyAdd(a3, m, d);
            a4 = Vector128.FusedMultiplyAdd(a4, m, d);
            a5 = Vector128.FusedMultiplyAdd(a5, m, d);
            a6 = Vector128.FusedMultiplyAdd(a6, m, d);
            a7 = Vector128.FusedMultiplyAdd(a7, m, d);
            a8 = Vector128.FusedMultiplyAdd(a8, m, d);
            a9 = Vector128.FusedMultiplyAdd(a9, m, d);
            a10 = Vector128.FusedMultiplyAdd(a10, m, d);
            a11 = Vector128.FusedMultiplyAdd(a11, m, d);
        }
        return Vector128.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    /// <summary>The Vector256 FMA loop; returns a value derived from every chain so nothing is elided.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Loop256(long iterations)
    {
        var m = Vector256.Create(Decay);
        var d = Vector256.Create(Bias);
        Vector256<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Fma.MultiplyAdd(a0, m, d);
            a1 = Fma.MultiplyAdd(a1, m, d);
            a2 = Fma.MultiplyAdd(a2, m, d);
            a3 = Fma.MultiplyAdd(a3, m, d);
            a4 = Fma.MultiplyAdd(a4, m, d);
            a5 = Fma.MultiplyAdd(a5, m, d);
            a6 = Fma.MultiplyAdd(a6, m, d);
            a7 = Fma.MultiplyAdd(a7, m, d);
            a8 = Fma.MultiplyAdd(a8, m, d);
            a9 = Fma.MultiplyAdd(a9, m, d);
            a10 = Fma.MultiplyAdd(a10, m, d);
            a11 = Fma.MultiplyAdd(a11, m, d);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    /// <summary>The Vector512 FMA loop.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Loop512(long iterations)
    {
        var m = Vector512.Create(Decay);
        var d = Vector512.Create(Bias);
        Vector512<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, m, d);
            a1 = Avx512F.FusedMultiplyAdd(a1, m, d);
            a2 = Avx512F.FusedMultiplyAdd(a2, m, d);
            a3 = Avx512F.FusedMultiplyAdd(a3, m, d);
            a4 = Avx512F.FusedMultiplyAdd(a4, m, d);
            a5 = Avx512F.FusedMultiplyAdd(a5, m, d);
            a6 = Avx512F.FusedMultiplyAdd(a6, m, d);
            a7 = Avx512F.FusedMultiplyAdd(a7, m, d);
            a8 = Avx512F.FusedMultiplyAdd(a8, m, d);
            a9 = Avx512F.FusedMultiplyAdd(a9, m, d);
            a10 = Avx512F.FusedMultiplyAdd(a10, m, d);
            a11 = Avx512F.FusedMultiplyAdd(a11, m, d);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
