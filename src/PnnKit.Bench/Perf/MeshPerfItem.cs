using System.Diagnostics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Bench.Perf;

/// <summary>
/// A Clements mesh on N = 64 modes, batch 1024, complex float32, timed in the same run as one complex
/// GEMM of the equivalent dense 64×64 matrix on the same batch (Y = X·Wᵀ): forward within
/// <see cref="ForwardTarget"/>× that GEMM, forward + adjoint with all phase gradients within
/// <see cref="GradientTarget"/>× (issue 3). The mesh applies N columns of 2×2 cells, so it does
/// O(N²) work per sample as the GEMM does, with far less arithmetic intensity; at this batch it
/// takes its transfer-matrix path (identity through the columns, then GEMMs).
/// <para>On a shared machine the three operations are sampled in interleaved rounds, so a change of
/// load hits them alike, after a warm-up long enough for the tiered JIT; the 1-thread rows also
/// print process CPU time per call, likewise interleaved.</para>
/// </summary>
public sealed class MeshPerfItem(int modes = 64, int batch = 1024) : IPerfItem
{
    /// <summary>Largest acceptable ratio of the mesh forward to the GEMM.</summary>
    public const double ForwardTarget = 2.5;

    /// <summary>Largest acceptable ratio of forward + backward (phase gradients) to the GEMM.</summary>
    public const double GradientTarget = 6.0;

    /// <inheritdoc/>
    public string Name => $"Clements mesh N = {modes} vs complex GEMM";

    /// <inheritdoc/>
    public IEnumerable<PerfResult> Run(PerfContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rng = new Rng(3);
        var mesh = new ClementsMesh<float>(modes, rng.Split("mesh"));
        var x = new Tensor<float>(batch, 2, modes);
        rng.Split("x").FillNormal(x.Span, 0, 1);
        var w = new ComplexTensor<float>(Tensor<float>.FromArray(GemmPerfItem.RandomArray(new Random(4), modes * 2 * modes), modes, 2, modes));
        var xc = new ComplexTensor<float>(x);
        var c = new ComplexTensor<float>(batch, modes);
        var g = new Tensor<float>(batch, 2, modes);
        rng.Split("g").FillNormal(g.Span, 0, 1);
        var ctx = ForwardContext.Eval();
        Action[] ops =
        [
            () => ComplexGemm.Multiply(ComplexOp.None, ComplexOp.Transpose, 1f, xc, w, 0f, c),
            () => mesh.Forward(x, ctx),
            () =>
            {
                mesh.Forward(x, ctx);
                mesh.Backward(g);
            },
        ];
        bool quick = context.Options.Quick;
        var results = new List<PerfResult>();
        foreach (int threads in context.Options.Threads)
        {
            int saved = Gemm.MaxThreads;
            Timing[] t;
            double[]? cpu = null;
            try
            {
                Gemm.MaxThreads = threads;
                WarmUp(ops, quick ? 0.1 : 0.5);
                t = MeasureInterleaved(ops, 3 * context.Options.EffectiveRepetitions);
                if (threads == 1)
                {
                    cpu = CpuSecondsInterleaved(ops, quick ? 1 : 3, quick ? 0.05 : 0.1);
                }
            }
            finally
            {
                Gemm.MaxThreads = saved;
            }
            results.AddRange(Rows(modes, $"batch {batch}, f32, {PerfContext.ThreadsLabel(threads)}", t[0], t[1], t[2], cpu));
        }
        return results;
    }

    /// <summary>
    /// The two judged rows from the three timings (GEMM, mesh forward, mesh forward + backward) and, on
    /// one thread, CPU seconds per call in the same order: min-time ratios against
    /// <see cref="ForwardTarget"/> and <see cref="GradientTarget"/> (at most). Pure, so the verdict is tested with given timings.
    /// </summary>
    public static IReadOnlyList<PerfResult> Rows(int modes, string label, Timing gemm, Timing forward, Timing gradient, double[]? cpu)
    {
        ArgumentNullException.ThrowIfNull(gemm);
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(gradient);
        double rf = forward.Min / gemm.Min, rg = gradient.Min / gemm.Min;
        string CpuNote(int k) => cpu is null ? "" : $"; CPU time per call: mesh {cpu[k] * 1e3:F3} ms, GEMM {cpu[0] * 1e3:F3} ms, ratio {cpu[k] / cpu[0]:F2}";
        return
        [
            new PerfResult($"Clements N = {modes} forward, {label}", forward.Min * 1e3, "ms", $"mesh forward / complex GEMM {modes}×{modes} (min times)",
                rf, $"≤ {ForwardTarget:F1}", rf <= ForwardTarget, $"mesh {forward}; GEMM {gemm}{CpuNote(1)}"),
            new PerfResult($"Clements N = {modes} forward + adjoint with phase gradients, {label}", gradient.Min * 1e3, "ms", "(forward + backward) / complex GEMM (min times)",
                rg, $"≤ {GradientTarget:F1}", rg <= GradientTarget, $"mesh {gradient}; GEMM {gemm}{CpuNote(2)}"),
        ];
    }

    // The tiered JIT compiles the mesh's loops optimized only after some hundred calls, later than
    // the context's two warm-up calls; a steady training loop runs the optimized code.
    private static void WarmUp(Action[] ops, double seconds)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            foreach (var op in ops)
            {
                op();
            }
        }
    }

    /// <summary>
    /// Wall-clock seconds per call of every op: <paramref name="rounds"/> rounds, each timing one
    /// sample of ≥ 5 ms of every op in turn; min and median over the rounds.
    /// </summary>
    private static Timing[] MeasureInterleaved(Action[] ops, int rounds)
    {
        const double sampleSeconds = 0.005;
        var sw = new Stopwatch();
        var inner = new int[ops.Length];
        for (int k = 0; k < ops.Length; k++)
        {
            sw.Restart();
            ops[k]();
            inner[k] = (int)Math.Clamp(Math.Ceiling(sampleSeconds / Math.Max(sw.Elapsed.TotalSeconds, 1e-7)), 1, 100_000);
        }
        var samples = new double[ops.Length][];
        for (int k = 0; k < ops.Length; k++)
        {
            samples[k] = new double[rounds];
        }
        for (int r = 0; r < rounds; r++)
        {
            for (int k = 0; k < ops.Length; k++)
            {
                sw.Restart();
                for (int i = 0; i < inner[k]; i++)
                {
                    ops[k]();
                }
                samples[k][r] = sw.Elapsed.TotalSeconds / inner[k];
            }
        }
        var timings = new Timing[ops.Length];
        for (int k = 0; k < ops.Length; k++)
        {
            var s = samples[k];
            Array.Sort(s);
            double median = rounds % 2 == 1 ? s[rounds / 2] : 0.5 * (s[(rounds / 2) - 1] + s[rounds / 2]);
            timings[k] = new Timing(s[0], median, rounds, inner[k]);
        }
        return timings;
    }

    /// <summary>
    /// Process CPU seconds per call of every op, over <paramref name="rounds"/> rounds of one block of
    /// ≈ <paramref name="blockSeconds"/> per op (the process CPU clock ticks coarsely, so blocks are long).
    /// </summary>
    private static double[] CpuSecondsInterleaved(Action[] ops, int rounds, double blockSeconds)
    {
        using var process = Process.GetCurrentProcess();
        var used = new double[ops.Length];
        var calls = new long[ops.Length];
        var sw = new Stopwatch();
        for (int r = 0; r < rounds; r++)
        {
            for (int k = 0; k < ops.Length; k++)
            {
                process.Refresh();
                var start = process.TotalProcessorTime;
                sw.Restart();
                do
                {
                    ops[k]();
                    calls[k]++;
                }
                while (sw.Elapsed.TotalSeconds < blockSeconds);
                process.Refresh();
                used[k] += (process.TotalProcessorTime - start).TotalSeconds;
            }
        }
        return [.. used.Select((u, k) => u / calls[k])];
    }
}
