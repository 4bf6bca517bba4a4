using PnnKit.Core.Tensors;

namespace PnnKit.Core.Tests;

public class TensorTests
{
    [Fact]
    public void Reshape_SharesStorage_AndChecksLength()
    {
        var t = new Tensor<float>(2, 3);
        var r = t.Reshape(3, 2);
        r[0] = 5f;
        Assert.Equal(5f, t[0]);
        Assert.Throws<ArgumentException>(() => t.Reshape(4, 2));
    }

    [Fact]
    public void NegativeShape_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tensor<double>(2, -1));
    }

    [Fact]
    public void GatherRows_CopiesTheNamedRows()
    {
        var t = Tensor<double>.FromArray([1, 2, 3, 4, 5, 6], 3, 2);
        var g = t.GatherRows([2, 0]);
        Assert.Equal([5.0, 6, 1, 2], g.Data);
    }

    [Fact]
    public void ComplexTensor_SplitsRealAndImaginaryPerRow()
    {
        var c = new ComplexTensor<double>(2, 3);
        c.Set(1, 2, new System.Numerics.Complex(1.5, -2));
        Assert.Equal(1.5, c.Re(1)[2]);
        Assert.Equal(-2, c.Im(1)[2]);
        Assert.Equal(1.5, c.Storage.Data[(1 * 6) + 2]);
        Assert.Equal(-2, c.Storage.Data[(1 * 6) + 3 + 2]);
    }

    [Fact]
    public void RequireField_AcceptsOnlyBatch2NShapes_NamingTheLayer()
    {
        ComplexTensor<float>.RequireField(new Tensor<float>(4, 2, 3), 3, "mesh");
        var e = Assert.Throws<ArgumentException>(() => ComplexTensor<float>.RequireField(new Tensor<float>(4, 6), 3, "mesh"));
        Assert.Contains("mesh: input must be a complex field [batch, 2, 3]; got [4, 6]", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ComplexTensor<float>.RequireField(new Tensor<float>(4, 2, 4), 3, "mesh"));
    }
}
