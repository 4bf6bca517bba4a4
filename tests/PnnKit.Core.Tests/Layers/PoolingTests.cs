using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Tests.Layers;

public class PoolingTests
{
    private static Tensor<double> Iota(int start, params int[] shape)
    {
        var x = new Tensor<double>(shape);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = start + i;
        }
        return x;
    }

    /// <summary>Distinct values 0.01 apart in random order: no two can tie, even after a finite-difference step.</summary>
    private static Tensor<double> Distinct(ulong seed, params int[] shape)
    {
        var x = new Tensor<double>(shape);
        var order = new Rng(seed).Permutation(x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (order[i] - (x.Length / 2.0)) * 0.01;
        }
        return x;
    }

    [Fact]
    public void MaxPool2d_TakesWindowMaxima_HandComputed()
    {
        var y = new MaxPool2d<double>(2, 2, 2, 2).Forward(Iota(1, 1, 1, 4, 4), ForwardContext.Eval());
        Assert.Equal([1, 1, 2, 2], y.Shape.ToArray());
        Assert.Equal([6, 8, 14, 16], y.Data);
        // Pad 1 top and left, stride 2 on 1..9: windows reach rows/columns {−1, 0} and {1, 2}.
        var yp = new MaxPool2d<double>(2, 2, 2, 2, padTop: 1, padLeft: 1).Forward(Iota(1, 1, 1, 3, 3), ForwardContext.Eval());
        Assert.Equal([1, 3, 7, 9], yp.Data);
    }

    [Fact]
    public void MaxPool2d_PaddingCountsAsMinusInfinity()
    {
        // All inputs negative: a zero pad would win every border window.
        var x = Iota(1, 1, 1, 3, 3);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = -x[i];
        }
        var y = new MaxPool2d<double>(3, 3, 1, 1, 1, 1, 1, 1).Forward(x, ForwardContext.Eval());
        Assert.Equal([-1, -1, -2, -1, -1, -2, -4, -4, -5], y.Data);
    }

    [Fact]
    public void MaxPool2d_RoutesTheGradientToTheFirstMaximum_OnTies()
    {
        var pool = new MaxPool2d<double>(2, 2, 2, 2);
        var x = new Tensor<double>(1, 1, 2, 4);
        x.Fill(1);
        x[2] = 3;
        x[6] = 3; // second window: 3 at (0, 2) and (1, 2) tie
        pool.Forward(x, ForwardContext.Train());
        var dx = pool.Backward(Tensor<double>.FromArray([10, 20], 1, 1, 1, 2));
        Assert.Equal([10, 0, 20, 0, 0, 0, 0, 0], dx.Data);
    }

    [Theory]
    [InlineData(2, 2, 2, 2, 0, 0, 0, 0, 2, 3, 6, 6)]
    [InlineData(3, 3, 2, 2, 1, 1, 1, 1, 2, 2, 7, 7)]
    [InlineData(3, 2, 1, 2, 2, 0, 1, 1, 3, 1, 5, 6)]
    public void MaxPool2d_GradientMatchesFiniteDifferences(int kh, int kw, int sh, int sw, int pt, int pl, int pb, int pr, int n, int c, int h, int w)
    {
        var pool = new MaxPool2d<double>(kh, kw, sh, sw, pt, pl, pb, pr);
        GradientCheck.Run(pool, Distinct(3, n, c, h, w), step: 1e-4, maxEntries: 500).AssertWithin(1e-8);
    }

    [Fact]
    public void AvgPool2d_DividesByTheElementsUnderTheWindow_OrByTheKernel_WhenCountIncludePad()
    {
        // x = [[1, 2], [3, 4]], 2×2 windows, stride 1, pad 1 on every side: a 3×3 output.
        var x = Iota(1, 1, 1, 2, 2);
        var exclude = new AvgPool2d<double>(2, 2, 1, 1, 1, 1, 1, 1).Forward(x, ForwardContext.Eval());
        Assert.Equal([1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4], exclude.Data);
        var include = new AvgPool2d<double>(2, 2, 1, 1, 1, 1, 1, 1, countIncludePad: true).Forward(x, ForwardContext.Eval());
        Assert.Equal([0.25, 0.75, 0.5, 1, 2.5, 1.5, 0.75, 1.75, 1], include.Data);
        // Without padding both rules agree.
        var plain = new AvgPool2d<double>(2, 2, 2, 2).Forward(Iota(1, 1, 1, 4, 4), ForwardContext.Eval());
        Assert.Equal([3.5, 5.5, 11.5, 13.5], plain.Data);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AvgPool2d_GradientMatchesFiniteDifferences(bool countIncludePad)
    {
        var pool = new AvgPool2d<double>(3, 2, 2, 1, 1, 0, 2, 1, countIncludePad);
        GradientCheck.Run(pool, ConvolutionTests.Random(4, 2, 3, 6, 5), maxEntries: 500).AssertWithin(1e-8);
    }

    [Fact]
    public void GlobalAvgPool2d_AveragesEachChannel_AndSpreadsTheGradient()
    {
        var pool = new GlobalAvgPool2d<double>();
        var y = pool.Forward(Iota(1, 2, 2, 2, 2), ForwardContext.Train());
        Assert.Equal([2, 2, 1, 1], y.Shape.ToArray());
        Assert.Equal([2.5, 6.5, 10.5, 14.5], y.Data);
        var dx = pool.Backward(Tensor<double>.FromArray([4, 8, 0, -4], 2, 2, 1, 1));
        Assert.Equal([1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, 0, -1, -1, -1, -1], dx.Data);
        GradientCheck.Run(pool, ConvolutionTests.Random(5, 3, 2, 4, 3)).AssertWithin(1e-8);
    }

    [Fact]
    public void Pooling_RejectsWrongRank_NamingTheLayerAndBothShapes()
    {
        ILayer<double>[] layers = [new MaxPool2d<double>(2, 2, 2, 2, name: "mp"), new AvgPool2d<double>(2, 2, 2, 2, name: "ap"), new GlobalAvgPool2d<double>("gap")];
        foreach (var layer in layers)
        {
            var e = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor<double>(2, 3, 4), ForwardContext.Eval()));
            Assert.Contains(layer.Name, e.Message, StringComparison.Ordinal);
            Assert.Contains("[batch, C, H, W]", e.Message, StringComparison.Ordinal);
            Assert.Contains("[2, 3, 4]", e.Message, StringComparison.Ordinal);
            Assert.Throws<InvalidOperationException>(() => layer.Backward(new Tensor<double>(1, 1, 1, 1)));
        }
        var small = Assert.Throws<ArgumentException>(() => new MaxPool2d<double>(3, 3, 1, 1, name: "mp").Forward(new Tensor<double>(1, 1, 2, 5), ForwardContext.Eval()));
        Assert.Contains("empty", small.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaxPool2d<double>(2, 2, 1, 1, padTop: 2));
    }
}
