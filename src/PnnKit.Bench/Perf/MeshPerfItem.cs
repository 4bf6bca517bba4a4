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
/// takes its transfer-matrix path (identity through the columns, then GEMMs). The 1-thread rows
/// also print process CPU time per call, steadier than wall-clock minima on a shared machine.
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
        var results = new List<PerfResult>();
        foreach (int threads in context.Options.Threads)
        {
            int saved = Gemm.MaxThreads;
            Timing gemm, forward, gradient;
            try
            {
                Gemm.MaxThreads = threads;
                Action gemmOp = () => ComplexGemm.Multiply(ComplexOp.None, ComplexOp.Transpose, 1f, xc, w, 0f, c);
                Action forwardOp = () => mesh.Forward(x, ctx);
                Action gradientOp = () =>
                {
                    mesh.Forward(x, ctx);
                    mesh.Backward(g);
                };
                gemm = context.Measure(WarmedUp(gemmOp, context.Options.Quick));
                forward = context.Measure(WarmedUp(forwardOp, context.Options.Quick));
                gradient = context.Measure(WarmedUp(gradientOp, context.Options.Quick));
            }
            finally
            {
                Gemm.MaxThreads = saved;
            }
            string label = $"batch {batch}, f32, {PerfContext.ThreadsLabel(threads)}";
            double rf = forward.Min / gemm.Min, rg = gradient.Min / gemm.Min;
            string cpuForward = "", cpuGradient = "";
            if (threads == 1)
            {
                // On a shared machine the process CPU time per call is the steadier figure (one thread).
                double cg = CpuSeconds(() => ComplexGemm.Multiply(ComplexOp.None, ComplexOp.Transpose, 1f, xc, w, 0f, c), context.Options.Quick);
                double cf = CpuSeconds(() => mesh.Forward(x, ctx), context.Options.Quick);
                double cb = CpuSeconds(() =>
                {
                    mesh.Forward(x, ctx);
                    mesh.Backward(g);
                }, context.Options.Quick);
                cpuForward = $"; CPU time per call: mesh {cf * 1e3:F3} ms, GEMM {cg * 1e3:F3} ms, ratio {cf / cg:F2}";
                cpuGradient = $"; CPU time per call: mesh {cb * 1e3:F3} ms, GEMM {cg * 1e3:F3} ms, ratio {cb / cg:F2}";
            }
            results.Add(new PerfResult($"Clements N = {modes} forward, {label}", forward.Min * 1e3, "ms", "mesh forward / complex GEMM 64×64 (min times)",
                rf, $"≤ {ForwardTarget:F1}", rf <= ForwardTarget, $"mesh {forward}; GEMM {gemm}{cpuForward}"));
            results.Add(new PerfResult($"Clements N = {modes} forward + adjoint with phase gradients, {label}", gradient.Min * 1e3, "ms", "(forward + backward) / complex GEMM (min times)",
                rg, $"≤ {GradientTarget:F1}", rg <= GradientTarget, $"mesh {gradient}; GEMM {gemm}{cpuGradient}"));
        }
        return results;
    }

    /// <summary>
    /// Runs <paramref name="op"/> for 0.5 s (0.1 s when quick) and returns it: the tiered JIT compiles
    /// the mesh's loops optimized only after some hundred calls, later than the context's warm-up
    /// calls, and a steady training loop runs optimized code.
    /// </summary>
    private static Action WarmedUp(Action op, bool quick)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        double seconds = quick ? 0.1 : 0.5;
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            op();
        }
        return op;
    }

    /// <summary>
    /// Process CPU seconds per call of <paramref name="op"/>, over ≈ 0.3 s of CPU time (0.1 s when
    /// quick); calls run in chunks of ≥ 5 ms so reading the process times costs nothing measurable.
    /// </summary>
    private static double CpuSeconds(Action op, bool quick)
    {
        double budget = quick ? 0.1 : 0.3;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        op();
        int chunk = (int)Math.Clamp(Math.Ceiling(0.005 / Math.Max(sw.Elapsed.TotalSeconds, 1e-7)), 1, 100_000);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        var start = process.TotalProcessorTime;
        long calls = 0;
        double used;
        do
        {
            for (int i = 0; i < chunk; i++)
            {
                op();
            }
            calls += chunk;
            process.Refresh();
            used = (process.TotalProcessorTime - start).TotalSeconds;
        }
        while (used < budget);
        return used / calls;
    }
}
