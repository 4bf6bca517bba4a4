using PnnKit.Core.Tensors;

namespace PnnKit.Bench.Perf;

/// <summary>
/// Complex float32 GEMM C = A·op(B) with A m×k, op(B) k×n: GFLOP/s counting 8 real flops per complex
/// multiply-add, as a fraction of the highest FMA peak measured on this machine (<see cref="PerfContext.Peak"/>;
/// target ≥ <see cref="PeakTarget"/>).
/// The default cases: a batch of 1024 fields through a 64×64 mesh (Y = X·Wᵀ), and 512³.
/// </summary>
public sealed class ComplexGemmPerfItem(string label, int m, int n, int k, ComplexOp opB = ComplexOp.None) : IPerfItem
{
    /// <summary>Minimum fraction of the highest measured FMA peak: split re/im storage costs four real GEMMs' packing for one product.</summary>
    public const double PeakTarget = 0.50;

    /// <inheritdoc/>
    public string Name => $"complex GEMM f32 {label}";

    /// <inheritdoc/>
    public IEnumerable<PerfResult> Run(PerfContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rng = new Random(2);
        bool tb = opB is ComplexOp.Transpose or ComplexOp.ConjugateTranspose;
        var a = new ComplexTensor<float>(Tensor<float>.FromArray(GemmPerfItem.RandomArray(rng, m * 2 * k), m, 2, k));
        var b = tb
            ? new ComplexTensor<float>(Tensor<float>.FromArray(GemmPerfItem.RandomArray(rng, n * 2 * k), n, 2, k))
            : new ComplexTensor<float>(Tensor<float>.FromArray(GemmPerfItem.RandomArray(rng, k * 2 * n), k, 2, n));
        var c = new ComplexTensor<float>(m, n);
        double flops = 8.0 * m * n * k;
        var results = new List<PerfResult>();
        foreach (int threads in context.Options.Threads)
        {
            var t = context.Measure(() => ComplexGemm.Multiply(ComplexOp.None, opB, 1f, a, b, 0f, c), threads);
            results.Add(context.FractionOfPeak($"complex GEMM f32 {label}, {PerfContext.ThreadsLabel(threads)}", t, flops, threads, PeakTarget));
        }
        return results;
    }
}
