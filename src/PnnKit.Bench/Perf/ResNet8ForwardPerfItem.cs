using System.Globalization;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Bench.Perf;

/// <summary>
/// Inference forward of a small ResNet-8 on CIFAR-shaped random inputs (3×32×32), batch 64, eval
/// mode: stem conv 3→16 3×3 pad 1 + BN + ReLU; basic blocks 16→16 (stride 1, identity shortcut),
/// 16→32 and 32→64 (stride 2, 1×1 stride-2 conv + BN shortcut), each conv-BN-ReLU-conv-BN plus
/// shortcut, then ReLU; global average pool; flatten; linear 64→10 — against the same forward in
/// PyTorch under torch.no_grad() (python/torch_resnet8_forward.py) on the same thread count.
/// Target: our time per batch ≤ <see cref="TorchTarget"/> × PyTorch's.
/// </summary>
public sealed class ResNet8ForwardPerfItem(int batch = 64) : IPerfItem
{
    /// <summary>
    /// Largest acceptable ratio of our forward time to PyTorch's, fixed before the first measurement.
    /// Below LeNet's 3: the 3×3 convolutions reduce over 144–576 taps into 16–64 channels, shapes the
    /// GEMM fills well, and inference has no col2im fold; above the MLP's 1.5, as PyTorch runs them in
    /// oneDNN's JIT direct-convolution kernels and ours pay the im2col unrolling.
    /// </summary>
    public const double TorchTarget = 2.0;

    /// <inheritdoc/>
    public string Name => "ResNet-8 inference forward";

    /// <summary>ResNet-8 as above, initialised from <paramref name="rng"/>; convolutions have no bias (BN follows).</summary>
    public static Sequential<float> Model(Rng rng) => new(
        Conv(3, 16, 3, 1, rng, "stem"), new BatchNorm2d<float>(16, name: "stem_bn"), new ReLU<float>(),
        Block(16, 16, 1, rng, "block1"), new ReLU<float>(),
        Block(16, 32, 2, rng, "block2"), new ReLU<float>(),
        Block(32, 64, 2, rng, "block3"), new ReLU<float>(),
        new GlobalAvgPool2d<float>(), new Flatten<float>(), new Linear<float>(64, 10, rng));

    private static Conv2d<float> Conv(int cin, int cout, int kernel, int stride, Rng rng, string name)
    {
        int pad = kernel / 2;
        return new Conv2d<float>(cin, cout, kernel, kernel, rng, stride, stride, pad, pad, pad, pad, bias: false, name: name);
    }

    private static Residual<float> Block(int cin, int cout, int stride, Rng rng, string name)
    {
        var main = new Sequential<float>(
            Conv(cin, cout, 3, stride, rng, "conv1"), new BatchNorm2d<float>(cout, name: "bn1"), new ReLU<float>(),
            Conv(cout, cout, 3, 1, rng, "conv2"), new BatchNorm2d<float>(cout, name: "bn2"));
        var shortcut = stride == 1 && cin == cout
            ? null
            : new Sequential<float>(Conv(cin, cout, 1, stride, rng, "proj"), new BatchNorm2d<float>(cout, name: "proj_bn"));
        return new Residual<float>(main, shortcut, name);
    }

    /// <inheritdoc/>
    public IEnumerable<PerfResult> Run(PerfContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var x = new Tensor<float>(batch, 3, 32, 32);
        new Rng(1).FillNormal(x.Span, 0, 1);
        var model = Model(new Rng(2));
        var results = new List<PerfResult>();
        foreach (int threads in context.Options.Threads)
        {
            var eval = ForwardContext.Eval();
            var ours = context.Measure(() => model.Forward(x, eval), threads);
            string name = $"ResNet-8 forward (batch {batch} × 3×32×32, eval), {PerfContext.ThreadsLabel(threads)}";
            if (!context.Options.IncludePythonBaselines)
            {
                results.Add(new PerfResult(name, ours.Min * 1e3, "ms", Detail: ours.ToString()));
                continue;
            }
            results.Add(PythonBaseline.TorchTimeRatio(context, name, ours, "torch_resnet8_forward.py",
                ["--threads", threads.ToString(CultureInfo.InvariantCulture), "--batch", batch.ToString(CultureInfo.InvariantCulture),
                 "--reps", context.Options.EffectiveRepetitions.ToString(CultureInfo.InvariantCulture),
                 "--warmup", Math.Max(1, context.Options.WarmUp).ToString(CultureInfo.InvariantCulture)],
                threads, context.Options, "batch", TorchTarget, " (torch.no_grad, eval)"));
        }
        return results;
    }
}
