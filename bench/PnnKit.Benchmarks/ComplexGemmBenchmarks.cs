using BenchmarkDotNet.Attributes;
using PnnKit.Core.Tensors;

namespace PnnKit.Benchmarks;

/// <summary>Complex float32 GEMM: a batch of fields through a mesh (X·Wᵀ), its adjoint (X·W̄), a weight gradient (Xᴴ·Y), and a square product.</summary>
[MemoryDiagnoser]
public class ComplexGemmBenchmarks
{
    private ComplexTensor<float> _x;
    private ComplexTensor<float> _w;
    private ComplexTensor<float> _y;
    private ComplexTensor<float> _g;
    private ComplexTensor<float> _a;
    private ComplexTensor<float> _b;
    private ComplexTensor<float> _c;

    /// <summary>Mesh size (ports).</summary>
    [Params(64, 256)]
    public int Ports { get; set; }

    /// <summary>Batch of input fields.</summary>
    public const int Batch = 1024;

    /// <summary>Side of the square product.</summary>
    public const int Square = 512;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(2);
        _x = Random(rng, Batch, Ports);
        _w = Random(rng, Ports, Ports);
        _y = new ComplexTensor<float>(Batch, Ports);
        _g = new ComplexTensor<float>(Ports, Ports);
        _a = Random(rng, Square, Square);
        _b = Random(rng, Square, Square);
        _c = new ComplexTensor<float>(Square, Square);
    }

    [Benchmark]
    public void MeshForward() => ComplexGemm.Multiply(ComplexOp.None, ComplexOp.Transpose, 1f, _x, _w, 0f, _y);

    [Benchmark]
    public void MeshAdjoint() => ComplexGemm.Multiply(ComplexOp.None, ComplexOp.Conjugate, 1f, _x, _w, 0f, _y);

    [Benchmark]
    public void WeightGradient() => ComplexGemm.Multiply(ComplexOp.ConjugateTranspose, ComplexOp.None, 1f, _x, _y, 0f, _g);

    [Benchmark]
    public void Square512() => ComplexGemm.Multiply(ComplexOp.None, ComplexOp.None, 1f, _a, _b, 0f, _c);

    private static ComplexTensor<float> Random(Random rng, int rows, int n)
        => new(Tensor<float>.FromArray(Enumerable.Range(0, rows * 2 * n).Select(_ => (float)rng.NextDouble()).ToArray(), rows, 2, n));
}
