using BenchmarkDotNet.Attributes;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Benchmarks;

/// <summary>
/// Float32 <see cref="Conv2d{T}"/> forward (evaluation) and backward (input and weight gradients) on a
/// batch of 64, at the shapes of the perf suite's CNN items: LeNet-5's second convolution (6→16 5×5 on
/// 14×14) and ResNet-8's first block (16→16 3×3 pad 1 on 32×32); one thread and all cores.
/// </summary>
[MemoryDiagnoser]
public class Conv2dBenchmarks
{
    private Conv2d<float> _conv = null!;
    private Conv2d<float> _trained = null!;
    private Tensor<float> _x = null!;
    private Tensor<float> _grad = null!;
    private ForwardContext _eval = null!;
    private int _savedThreads;

    /// <summary>Which layer: "lenet conv2" or "resnet8 block1".</summary>
    [Params("lenet conv2", "resnet8 block1")]
    public string Layer { get; set; } = "";

    /// <summary>Gemm.MaxThreads for the run.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Conv2d<float> Make() => Layer == "lenet conv2"
            ? new Conv2d<float>(6, 16, 5, 5, new Rng(1))
            : new Conv2d<float>(16, 16, 3, 3, new Rng(1), padTop: 1, padLeft: 1, padBottom: 1, padRight: 1, bias: false);
        _conv = Make();
        _trained = Make();
        _x = Layer == "lenet conv2" ? new Tensor<float>(64, 6, 14, 14) : new Tensor<float>(64, 16, 32, 32);
        var rng = new Rng(2);
        rng.FillNormal(_x.Span, 0, 1);
        _savedThreads = Gemm.MaxThreads;
        Gemm.MaxThreads = Threads;
        _eval = ForwardContext.Eval();
        // A training-mode forward keeps the input for Backward (a second layer, so the evaluation forward
        // cannot drop it); the gradients then accumulate run after run.
        var y = _trained.Forward(_x, ForwardContext.Train());
        _grad = Tensor<float>.ZerosLike(y);
        rng.FillNormal(_grad.Span, 0, 1);
    }

    [GlobalCleanup]
    public void Cleanup() => Gemm.MaxThreads = _savedThreads;

    [Benchmark(Baseline = true)]
    public Tensor<float> Forward() => _conv.Forward(_x, _eval);

    [Benchmark]
    public Tensor<float> Backward() => _trained.Backward(_grad);
}
