using System.Numerics;
using CsCheck;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Tests.Tensors;

public class GemmTests
{
    /// <summary>Kernels this CPU runs; every one is checked against the reference.</summary>
    public static TheoryData<GemmKernelKind> Kernels()
    {
        var data = new TheoryData<GemmKernelKind>();
        foreach (var kind in new[] { GemmKernelKind.Vector512, GemmKernelKind.Vector256, GemmKernelKind.Scalar })
        {
            if (Gemm.IsSupported(kind))
            {
                data.Add(kind);
            }
        }
        return data;
    }

    /// <summary>Odd shapes around the tile and block edges, small enough for the fast path and large enough for several KC slices.</summary>
    private static readonly (int M, int N, int K)[] s_shapes =
    [
        (1, 1, 1), (3, 17, 5), (17, 3, 65), (65, 17, 3), (13, 33, 257), (257, 65, 17), (65, 257, 300), (200, 37, 513),
        (109, 97, 1100), // three k slices, a 1-row and a 1-column edge tile past whole Vector512 tiles (12 × 32)
    ];

    [Theory]
    [MemberData(nameof(Kernels))]
    public void AllTransposeVariants_MatchNaiveReference_Float(GemmKernelKind kind) => CheckAllVariants<float>(kind, 1e-6);

    [Theory]
    [MemberData(nameof(Kernels))]
    public void AllTransposeVariants_MatchNaiveReference_Double(GemmKernelKind kind) => CheckAllVariants<double>(kind, 1e-14);

    private static void CheckAllVariants<T>(GemmKernelKind kind, double tol) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new System.Random(7);
        foreach (var (m, n, k) in s_shapes)
        {
            foreach (bool ta in new[] { false, true })
            {
                foreach (bool tb in new[] { false, true })
                {
                    CheckCase<T>(rng, kind, ta, tb, m, n, k, extra: 0, alpha: 1, beta: 0, threads: 2, tol);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void StridesLongerThanRows_AreHonoured_AndPaddingIsUntouched(GemmKernelKind kind)
    {
        var rng = new System.Random(11);
        foreach (bool ta in new[] { false, true })
        {
            foreach (bool tb in new[] { false, true })
            {
                CheckCase<float>(rng, kind, ta, tb, 37, 45, 70, extra: 5, alpha: 1, beta: 1, threads: 1, 1e-6);
                CheckCase<double>(rng, kind, ta, tb, 70, 29, 300, extra: 3, alpha: 1, beta: 0, threads: 2, 1e-14);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void AlphaAndBeta_ScaleProductAndC(GemmKernelKind kind)
    {
        var rng = new System.Random(13);
        foreach (var (alpha, beta) in new[] { (2.5, -0.5), (-1.0, 1.0), (0.5, 2.0), (1.0, 0.0) })
        {
            CheckCase<float>(rng, kind, false, true, 3, 17, 5, extra: 2, alpha, beta, threads: 1, 1e-6);
            CheckCase<float>(rng, kind, true, false, 70, 90, 260, extra: 2, alpha, beta, threads: 2, 1e-6);
            CheckCase<double>(rng, kind, true, true, 70, 90, 260, extra: 0, alpha, beta, threads: 2, 1e-14);
        }
    }

    [Theory]
    [InlineData(2, 3, 4)]
    [InlineData(40, 50, 60)]
    public void BetaZero_OverwritesNaNInC(int m, int n, int k)
    {
        var a = Filled(m * k, 1f);
        var b = Filled(k * n, 2f);
        var c = Filled(m * n, float.NaN);
        Gemm.Multiply(false, false, m, n, k, 1f, a, k, b, n, 0f, c, n);
        Assert.All(c, v => Assert.Equal(2f * k, v));
    }

    [Fact]
    public void AlphaZeroOrEmptyK_GivesBetaC_WithoutReadingAOrB()
    {
        var a = Filled(6, float.NaN);
        var b = Filled(6, float.NaN);
        var c = Filled(4, 3f);
        Gemm.Multiply(false, false, 2, 2, 3, 0f, a, 3, b, 2, 2f, c, 2);
        Assert.All(c, v => Assert.Equal(6f, v));
        Gemm.Multiply(false, false, 2, 2, 0, 1f, [], 1, [], 2, 0.5f, c, 2);
        Assert.All(c, v => Assert.Equal(3f, v));
    }

    /// <summary>Shapes big enough to be split across threads, along rows (m ≥ n) and along columns (n > m).</summary>
    [Theory]
    [InlineData(300, 97, 301, false, false)]
    [InlineData(97, 300, 301, true, true)]
    [InlineData(515, 515, 40, false, true)]
    [InlineData(64, 1030, 260, true, false)]
    public void ThreadCounts_GiveBitIdenticalResults(int m, int n, int k, bool ta, bool tb)
    {
        var rng = new System.Random(17);
        var a = RandomArray<float>(rng, m * k);
        var b = RandomArray<float>(rng, k * n);
        var c0 = RandomArray<float>(rng, m * n);
        int lda = ta ? m : k, ldb = tb ? k : n;
        float[] one = (float[])c0.Clone(), two = (float[])c0.Clone(), three = (float[])c0.Clone();
        Gemm.Multiply(ta, tb, m, n, k, 0.75f, a, lda, b, ldb, 0.5f, one, n, maxThreads: 1, GemmKernelKind.Auto);
        Gemm.Multiply(ta, tb, m, n, k, 0.75f, a, lda, b, ldb, 0.5f, two, n, maxThreads: 2, GemmKernelKind.Auto);
        Gemm.Multiply(ta, tb, m, n, k, 0.75f, a, lda, b, ldb, 0.5f, three, n, maxThreads: 3, GemmKernelKind.Auto);
        Assert.Equal(one, two);
        Assert.Equal(one, three);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void ThreadCounts_GiveBitIdenticalResults_Double(GemmKernelKind kind)
    {
        var rng = new System.Random(19);
        const int m = 260, n = 130, k = 270;
        var a = RandomArray<double>(rng, m * k);
        var b = RandomArray<double>(rng, n * k);
        var one = new double[m * n];
        var two = new double[m * n];
        Gemm.Multiply(false, true, m, n, k, 1.0, a, k, b, k, 0.0, one, n, maxThreads: 1, kind);
        Gemm.Multiply(false, true, m, n, k, 1.0, a, k, b, k, 0.0, two, n, maxThreads: 2, kind);
        Assert.Equal(one, two);
    }

    [Fact]
    public void RandomShapesStridesAndTransposes_MatchReference()
    {
        var gen = Gen.Select(Gen.Int[1, 40], Gen.Int[1, 40], Gen.Int[1, 70], Gen.Bool, Gen.Bool, Gen.Int[0, 3], Gen.Int[0, 1_000_000]);
        gen.Sample((m, n, k, ta, tb, extra, seed) =>
        {
            CheckCase<double>(new System.Random(seed), GemmKernelKind.Auto, ta, tb, m, n, k, extra, alpha: 1.5, beta: -1, threads: 2, 1e-14);
        }, iter: 200);
    }

    [Fact]
    public void MatMul_MultipliesTensors_AndChecksInnerDimensions()
    {
        var a = Tensor<double>.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        var b = Tensor<double>.FromArray([1, 0, 0, 1, 1, 1], 3, 2);
        Assert.Equal([4.0, 5, 10, 11], Gemm.MatMul(a, b).Data);
        Assert.Equal([14.0, 32, 32, 77], Gemm.MatMul(a, a, transB: true).Data);
        Assert.Throws<ArgumentException>(() => Gemm.MatMul(a, a));
    }

    [Fact]
    public void TooShortSpansOrStrides_AreRefused()
    {
        var buf = new float[12];
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 4, 4, 4, 1f, buf, 4, new float[16], 4, 0f, new float[16], 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(false, false, 2, 2, 3, 1f, buf, 2, buf, 2, 0f, buf, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(false, false, -1, 2, 3, 1f, buf, 3, buf, 2, 0f, buf, 2));
    }

    [Fact]
    public void EmptyOperands_AcceptZeroStrides()
    {
        var c = new float[6];
        Gemm.Multiply(false, false, 2, 3, 0, 1f, [], 0, [], 3, 0f, c, 3);
        Assert.All(c, v => Assert.Equal(0f, v));
        Gemm.Multiply(false, false, 0, 3, 4, 1f, [], 4, new float[12], 3, 0f, [], 3);
        Assert.Equal(0, Gemm.MatMul(new Tensor<double>(0, 4), new Tensor<double>(4, 2)).Rows);
    }

    [Fact]
    public void MaxThreads_RefusesLessThanOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MaxThreads = 0);
    }

    /// <summary>
    /// Runs one case against the reference: operands are stored with <paramref name="extra"/> padding
    /// per row holding a sentinel, which must survive in C.
    /// </summary>
    private static void CheckCase<T>(System.Random rng, GemmKernelKind kind, bool ta, bool tb, int m, int n, int k, int extra, double alpha, double beta, int threads, double tol)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lda = (ta ? m : k) + extra, ldb = (tb ? k : n) + extra, ldc = n + extra;
        var a = RandomArray<T>(rng, (ta ? k : m) * lda);
        var b = RandomArray<T>(rng, (tb ? n : k) * ldb);
        var c = RandomArray<T>(rng, m * ldc);
        T sentinel = T.CreateChecked(12345.0);
        for (int i = 0; i < m; i++)
        {
            c.AsSpan((i * ldc) + n, extra).Fill(sentinel);
        }
        T al = T.CreateChecked(alpha), be = T.CreateChecked(beta);
        var expected = (T[])c.Clone();
        NaiveGemm.Multiply(ta, tb, m, n, k, al, a, lda, b, ldb, be, expected, ldc);
        var scale = NaiveGemm.ErrorScale(ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc);
        Gemm.Multiply(ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc, threads, kind);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                double got = double.CreateChecked(c[(i * ldc) + j]), want = double.CreateChecked(expected[(i * ldc) + j]);
                if (j >= n)
                {
                    Assert.Equal(double.CreateChecked(sentinel), got);
                    continue;
                }
                double bound = tol * (k + 2) * scale[(i * n) + j];
                Assert.True(Math.Abs(got - want) <= bound,
                    $"{kind} {typeof(T).Name} ta={ta} tb={tb} m={m} n={n} k={k} ({i},{j}): got {got}, want {want}, bound {bound}");
            }
        }
    }

    internal static T[] RandomArray<T>(System.Random rng, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = T.CreateChecked((rng.NextDouble() * 2) - 1);
        }
        return x;
    }

    private static float[] Filled(int length, float value)
    {
        var x = new float[length];
        x.AsSpan().Fill(value);
        return x;
    }
}
