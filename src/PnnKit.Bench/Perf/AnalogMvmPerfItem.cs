using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;

namespace PnnKit.Bench.Perf;

/// <summary>
/// Noisy, quantized analog matrix-vector products on one programmed crossbar tile (issue 4): an
/// <see cref="AnalogLinear{T}"/> of <c>size</c>×<c>size</c> with its default periphery (8-bit DAC and ADC,
/// output noise, AbsMax noise management, iterative bound management) reading a fabricated PCM instance,
/// for a batch of inputs, timed against a plain float32 GEMM of the same size in the same run
/// (target: analog time ≤ <see cref="Target"/> × GEMM time).
/// </summary>
public sealed class AnalogMvmPerfItem(int size = 512, int batch = 256) : IPerfItem
{
    /// <summary>Largest acceptable ratio of the analog forward's time to the GEMM's.</summary>
    public const double Target = 2.0;

    /// <summary>Untimed calls before measuring: .NET runs a method's first ~30 calls in unoptimised tier-0 code.</summary>
    private const int JitWarmUpCalls = 40;

    /// <summary>Least warm-up time: tier-1 code is compiled on a background thread, later than the 30th call on a busy machine.</summary>
    private static readonly TimeSpan JitWarmUpTime = TimeSpan.FromSeconds(1.5);

    /// <inheritdoc/>
    public string Name => $"analog MVM {size}×{size} tile, batch {batch}";

    /// <inheritdoc/>
    public IEnumerable<PerfResult> Run(PerfContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rng = new Rng(3);
        var layer = new AnalogLinear<float>(size, size, rng.Split("layer"), new AnalogConfig { TileRows = size, TileColumns = size }, bias: false, name: "tile");
        layer.Program(new DeviceVariation(), 4);
        var x = new Tensor<float>(batch, size);
        rng.Split("x").FillUniform(x.Span, -1, 1);
        var w = layer.Weight.Value.Data;
        var y = new float[batch * size];
        var ctx = new ForwardContext(Mode.Eval, rng.Split("read"));
        var results = new List<PerfResult>();
        foreach (int threads in context.Options.Threads)
        {
            string label = PerfContext.ThreadsLabel(threads);
            int saved = Gemm.MaxThreads;
            Timing gemm, analog;
            try
            {
                Gemm.MaxThreads = threads;
                // Past tiered JIT (≈ 30 calls run unoptimised code, and the optimised code is compiled in the
                // background after a delay) so both sides are timed in steady state: calls and time both bound it.
                var warm = System.Diagnostics.Stopwatch.StartNew();
                for (int i = 0; i < JitWarmUpCalls || warm.Elapsed < JitWarmUpTime; i++)
                {
                    layer.Forward(x, ctx);
                    Gemm.Multiply(false, true, batch, size, size, 1f, x.Data, size, w, size, 0f, y, size);
                }
                gemm = context.Measure(() => Gemm.Multiply(false, true, batch, size, size, 1f, x.Data, size, w, size, 0f, y, size));
                analog = context.Measure(() => layer.Forward(x, ctx));
            }
            finally
            {
                Gemm.MaxThreads = saved;
            }
            double ratio = analog.Min / gemm.Min;
            results.Add(new PerfResult($"analog MVM {size}×{size}, batch {batch} (8-bit DAC/ADC, noise, PCM instance), {label}", batch / analog.Min, "MVM/s",
                "analog min time / float32 GEMM min time", ratio, $"≤ {Target:F1}", ratio <= Target, $"analog {analog}; GEMM {gemm}"));
        }
        context.Note("analog MVM: the per-sample periphery work (noise, ADC, rescaling) uses as many threads as the GEMM (Gemm.MaxThreads).");
        return results;
    }
}
