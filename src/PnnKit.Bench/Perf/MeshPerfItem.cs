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
/// O(N²) work per sample as the GEMM does, with far less arithmetic intensity.
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
                gemm = context.Measure(() => ComplexGemm.Multiply(ComplexOp.None, ComplexOp.Transpose, 1f, xc, w, 0f, c));
                forward = context.Measure(() => mesh.Forward(x, ctx));
                gradient = context.Measure(() =>
                {
                    mesh.Forward(x, ctx);
                    mesh.Backward(g);
                });
            }
            finally
            {
                Gemm.MaxThreads = saved;
            }
            string label = $"batch {batch}, f32, {PerfContext.ThreadsLabel(threads)}";
            double rf = forward.Min / gemm.Min, rg = gradient.Min / gemm.Min;
            results.Add(new PerfResult($"Clements N = {modes} forward, {label}", forward.Min * 1e3, "ms", "mesh forward / complex GEMM 64×64 (min times)",
                rf, $"≤ {ForwardTarget:F1}", rf <= ForwardTarget, $"mesh {forward}; GEMM {gemm}"));
            results.Add(new PerfResult($"Clements N = {modes} forward + adjoint with phase gradients, {label}", gradient.Min * 1e3, "ms", "(forward + backward) / complex GEMM (min times)",
                rg, $"≤ {GradientTarget:F1}", rg <= GradientTarget, $"mesh {gradient}; GEMM {gemm}"));
        }
        return results;
    }
}
