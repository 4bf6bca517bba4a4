using System.Numerics;
using CsCheck;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Tests.Tensors;

public class ComplexGemmTests
{
    private static readonly ComplexOp[] s_ops = [ComplexOp.None, ComplexOp.Transpose, ComplexOp.ConjugateTranspose, ComplexOp.Conjugate];

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 17, 5)]
    [InlineData(17, 3, 65)]
    [InlineData(33, 65, 40)]
    public void AllOpCombinations_MatchComplexReference(int m, int n, int k)
    {
        var rng = new System.Random(23);
        foreach (var opA in s_ops)
        {
            foreach (var opB in s_ops)
            {
                CheckCase<double>(rng, opA, opB, m, n, k, alpha: 1, beta: 0, 1e-14);
                CheckCase<float>(rng, opA, opB, m, n, k, alpha: -0.5, beta: 1.5, 1e-6);
            }
        }
    }

    [Fact]
    public void RandomShapes_MatchComplexReference()
    {
        var gen = Gen.Select(Gen.Int[1, 30], Gen.Int[1, 30], Gen.Int[0, 40], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 1_000_000]);
        gen.Sample((m, n, k, oa, ob, seed) =>
        {
            CheckCase<double>(new System.Random(seed), s_ops[oa], s_ops[ob], m, n, k, alpha: 2, beta: -1, 1e-14);
        }, iter: 100);
    }

    [Fact]
    public void BetaZero_OverwritesNaNInC()
    {
        foreach (var opA in new[] { ComplexOp.None, ComplexOp.Transpose })
        {
            var a = Constant(4, 3, new Complex(1, 1));
            var b = Constant(3, 2, new Complex(1, -1));
            var c = new ComplexTensor<float>(4, 2);
            c.Storage.Fill(float.NaN);
            ComplexGemm.Multiply(opA, ComplexOp.None, 1f, opA == ComplexOp.None ? a : Constant(3, 4, new Complex(1, 1)), b, 0f, c);
            // (1+i)(1−i) = 2, summed over k = 3.
            Assert.All(c.Storage.Data, v => Assert.True(v is 6f or 0f, $"got {v}"));
            Assert.Equal(new Complex(6, 0), c.Get(3, 1));
        }
    }

    [Fact]
    public void ThreadCounts_GiveBitIdenticalResults()
    {
        var rng = new System.Random(29);
        var a = RandomComplex<float>(rng, 256, 96);
        var b = RandomComplex<float>(rng, 96, 200);
        int saved = Gemm.MaxThreads;
        try
        {
            foreach (var opA in new[] { ComplexOp.None, ComplexOp.Transpose })
            {
                var x = opA == ComplexOp.None ? a : RandomComplex<float>(rng, 96, 256);
                Gemm.MaxThreads = 1;
                var one = ComplexGemm.MatMul(x, b, opA);
                Gemm.MaxThreads = 2;
                var two = ComplexGemm.MatMul(x, b, opA);
                Assert.Equal(one.Storage.Data, two.Storage.Data);
            }
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }

    [Fact]
    public void MismatchedShapesOrAliasedOutput_AreRefused()
    {
        var a = new ComplexTensor<double>(3, 4);
        var b = new ComplexTensor<double>(5, 2);
        Assert.Throws<ArgumentException>(() => ComplexGemm.MatMul(a, b));
        var sq = new ComplexTensor<double>(3, 3);
        Assert.Throws<ArgumentException>(() => ComplexGemm.Multiply(ComplexOp.None, ComplexOp.None, 1.0, sq, sq, 0.0, sq));
    }

    private static void CheckCase<T>(System.Random rng, ComplexOp opA, ComplexOp opB, int m, int n, int k, double alpha, double beta, double tol)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool ta = opA is ComplexOp.Transpose or ComplexOp.ConjugateTranspose;
        bool tb = opB is ComplexOp.Transpose or ComplexOp.ConjugateTranspose;
        var a = ta ? RandomComplex<T>(rng, k, m) : RandomComplex<T>(rng, m, k);
        var b = tb ? RandomComplex<T>(rng, n, k) : RandomComplex<T>(rng, k, n);
        var c = RandomComplex<T>(rng, m, n);
        var c0 = c.Clone();
        ComplexGemm.Multiply(opA, opB, T.CreateChecked(alpha), a, b, T.CreateChecked(beta), c);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Complex sum = 0;
                double scale = 0;
                for (int p = 0; p < k; p++)
                {
                    Complex x = Op(a, opA, i, p), y = Op(b, opB, p, j);
                    sum += x * y;
                    scale += (Math.Abs(x.Real) + Math.Abs(x.Imaginary)) * (Math.Abs(y.Real) + Math.Abs(y.Imaginary));
                }
                Complex want = (alpha * sum) + (beta == 0 ? 0 : beta * c0.Get(i, j));
                Complex got = c.Get(i, j);
                double bound = tol * (2 * k + 2) * ((Math.Abs(alpha) * scale) + (Math.Abs(beta) * Complex.Abs(c0.Get(i, j)) * 2));
                Assert.True(Math.Abs(got.Real - want.Real) <= bound && Math.Abs(got.Imaginary - want.Imaginary) <= bound,
                    $"{typeof(T).Name} {opA}·{opB} m={m} n={n} k={k} ({i},{j}): got {got}, want {want}");
            }
        }
    }

    /// <summary>Element (i, j) of op(X), read from X.</summary>
    private static Complex Op<T>(ComplexTensor<T> x, ComplexOp op, int i, int j) where T : unmanaged, IFloatingPointIeee754<T> => op switch
    {
        ComplexOp.None => x.Get(i, j),
        ComplexOp.Transpose => x.Get(j, i),
        ComplexOp.ConjugateTranspose => Complex.Conjugate(x.Get(j, i)),
        _ => Complex.Conjugate(x.Get(i, j)),
    };

    private static ComplexTensor<T> RandomComplex<T>(System.Random rng, int rows, int n) where T : unmanaged, IFloatingPointIeee754<T>
        => new(Tensor<T>.FromArray(GemmTests.RandomArray<T>(rng, rows * 2 * n), rows, 2, n));

    private static ComplexTensor<float> Constant(int rows, int n, Complex value)
    {
        var t = new ComplexTensor<float>(rows, n);
        for (int r = 0; r < rows; r++)
        {
            t.Re(r).Fill((float)value.Real);
            t.Im(r).Fill((float)value.Imaginary);
        }
        return t;
    }
}
