using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PnnKit.Bench.Perf;

/// <summary>
/// The float32 FMA peak this machine delivers to .NET code: twelve independent FMA chains, enough
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

    /// <summary>True when the CPU runs Vector256 FMA in hardware.</summary>
    public static bool Has256 => Fma.IsSupported;

    /// <summary>True when the CPU runs Vector512 FMA in hardware.</summary>
    public static bool Has512 => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>Float32 flops of one call of the Vector256 loop with <paramref name="iterations"/> iterations.</summary>
    public static double Flops256(long iterations) => (double)iterations * Chains * Vector256<float>.Count * 2;

    /// <summary>Float32 flops of one call of the Vector512 loop.</summary>
    public static double Flops512(long iterations) => (double)iterations * Chains * Vector512<float>.Count * 2;

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
