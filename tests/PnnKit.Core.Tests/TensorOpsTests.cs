using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Tests;

public class TensorOpsTests
{
    private static Tensor<double> Random(int rows, int cols, ulong seed)
    {
        var t = new Tensor<double>(rows, cols);
        new Rng(seed).FillNormal(t.Span, 0, 1);
        return t;
    }

    [Fact]
    public void ElementwiseOps_MatchScalarLoops()
    {
        // 37 columns: exercises both the SIMD body and the scalar tail.
        var x = Random(3, 37, 1);
        var y = Random(3, 37, 2);
        var z = Tensor<double>.ZerosLike(x);
        TensorOps.Add(x, y, z);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i] + y[i], z[i], 14);
        }
        TensorOps.Multiply(x, y, z);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i] * y[i], z[i], 14);
        }
        var w = y.Clone();
        TensorOps.Axpy(2.5, x, w);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(y[i] + (2.5 * x[i]), w[i], 14);
        }
        Assert.Equal(x.Data.Sum(), TensorOps.Sum(x), 12);
        Assert.Equal(x.Data.Zip(y.Data).Sum(p => p.First * p.Second), TensorOps.Dot(x, y), 12);
    }

    [Fact]
    public void RowBroadcast_AndColumnSums_MatchScalarLoops()
    {
        var x = Random(5, 9, 3);
        var row = Random(1, 9, 4).Data;
        var before = x.Clone();
        TensorOps.AddToRows(x, row);
        var sums = new double[9];
        TensorOps.AccumulateColumnSums(before, sums);
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 9; j++)
            {
                Assert.Equal(before[i, j] + row[j], x[i, j], 14);
            }
        }
        for (int j = 0; j < 9; j++)
        {
            Assert.Equal(Enumerable.Range(0, 5).Sum(i => before[i, j]), sums[j], 12);
        }
    }

    [Fact]
    public void ShapeMismatch_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => TensorOps.Add(new Tensor<float>(2, 3), new Tensor<float>(3, 2), new Tensor<float>(2, 3)));
        Assert.Throws<ArgumentException>(() => TensorOps.AddToRows(new Tensor<float>(2, 3), new float[2]));
    }
}
