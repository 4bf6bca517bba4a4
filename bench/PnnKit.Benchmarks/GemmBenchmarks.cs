using BenchmarkDotNet.Attributes;
using PnnKit.Core.Tensors;

namespace PnnKit.Benchmarks;

/// <summary>Real float32 GEMM C = A·B (and A·Bᵀ) on square sizes, one thread and all cores.</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];
    private int _savedThreads;

    /// <summary>Matrix side.</summary>
    [Params(64, 256, 1024)]
    public int N { get; set; }

    /// <summary>Gemm.MaxThreads for the run.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _a = Enumerable.Range(0, N * N).Select(_ => (float)rng.NextDouble()).ToArray();
        _b = Enumerable.Range(0, N * N).Select(_ => (float)rng.NextDouble()).ToArray();
        _c = new float[N * N];
        _savedThreads = Gemm.MaxThreads;
        Gemm.MaxThreads = Threads;
    }

    [GlobalCleanup]
    public void Cleanup() => Gemm.MaxThreads = _savedThreads;

    [Benchmark(Baseline = true)]
    public void NN() => Gemm.Multiply(false, false, N, N, N, 1f, _a, N, _b, N, 0f, _c, N);

    [Benchmark]
    public void NT() => Gemm.Multiply(false, true, N, N, N, 1f, _a, N, _b, N, 0f, _c, N);

    [Benchmark]
    public void TN() => Gemm.Multiply(true, false, N, N, N, 1f, _a, N, _b, N, 0f, _c, N);
}
