using PnnKit.Core.Layers;
using PnnKit.Core.Random;

namespace PnnKit.Core.Tests.Layers;

public class ConvWindowTests
{
    [Theory]
    [InlineData(1, 1, 0, 0, 0, 0, 1, 1)]
    [InlineData(2, 1, 1, 0, 2, 1, 1, 1)]
    [InlineData(1, 2, 0, 2, 1, 0, 2, 2)]
    public void Fold_IsTheAdjointOfUnroll(int sH, int sW, int padTop, int padLeft, int padBottom, int padRight, int dH, int dW)
    {
        // ⟨Unroll(x), c⟩ = ⟨x, Fold(c)⟩ for random x and c: col2im is exactly the transpose of im2col.
        var window = new ConvWindow(2, 3, 2, sH, sW, padTop, padLeft, padBottom, padRight, dH, dW);
        const int batch = 3, h = 7, w = 6;
        int cols = batch * window.OutputHeight(h) * window.OutputWidth(w);
        var rng = new Rng(1);
        var x = new double[batch * 2 * h * w];
        var c = new double[window.Patch * cols];
        rng.FillNormal<double>(x, 0, 1);
        rng.FillNormal<double>(c, 0, 1);
        var unrolled = new double[c.Length];
        window.Unroll(x, h, w, 0, batch, unrolled);
        var folded = new double[x.Length];
        window.Fold(c, folded, h, w, 0, batch);
        double lhs = unrolled.Zip(c, (a, b) => a * b).Sum();
        double rhs = x.Zip(folded, (a, b) => a * b).Sum();
        Assert.Equal(lhs, rhs, 1e-10);
    }

    [Fact]
    public void Unroll_RowsFollowTheWeightLayout_AndPaddingIsZero()
    {
        // One channel, 2×2 kernel, pad 1 on top: the first output row's upper taps (rows u = 0) fall in the padding.
        var window = new ConvWindow(1, 2, 2, padTop: 1);
        Assert.Equal(4, window.Patch);
        double[] x = [1, 2, 3, 4, 5, 6]; // 2×3
        int outH = window.OutputHeight(2), outW = window.OutputWidth(3);
        Assert.Equal((2, 2), (outH, outW));
        var cols = new double[4 * 4];
        window.Unroll(x, 2, 3, 0, 1, cols);
        // rows (u, v) = (0,0), (0,1), (1,0), (1,1); columns pixels (i, j).
        Assert.Equal([0, 0, 1, 2, 0, 0, 2, 3, 1, 2, 4, 5, 2, 3, 5, 6], cols);
    }
}
