using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Tests.Layers;

public class ConvolutionTests
{
    internal static Tensor<double> Random(ulong seed, params int[] shape)
    {
        var x = new Tensor<double>(shape);
        new Rng(seed).FillNormal(x.Span, 0, 1);
        return x;
    }

    /// <summary>Direct seven-loop cross-correlation with zero padding, the definition itself.</summary>
    private static double[] Direct(Conv2d<double> conv, Tensor<double> x)
    {
        int n = x.Dim(0), c = x.Dim(1), h = x.Dim(2), w = x.Dim(3);
        int oh = conv.OutputHeight(h), ow = conv.OutputWidth(w), o = conv.OutChannels;
        var y = new double[n * o * oh * ow];
        var wt = conv.Weight.Value;
        for (int b = 0; b < n; b++)
        {
            for (int f = 0; f < o; f++)
            {
                for (int i = 0; i < oh; i++)
                {
                    for (int j = 0; j < ow; j++)
                    {
                        double s = conv.Bias?.Value[f] ?? 0;
                        for (int ch = 0; ch < c; ch++)
                        {
                            for (int u = 0; u < conv.KernelH; u++)
                            {
                                for (int v = 0; v < conv.KernelW; v++)
                                {
                                    int ih = (i * conv.StrideH) - conv.PadTop + (u * conv.DilationH);
                                    int iw = (j * conv.StrideW) - conv.PadLeft + (v * conv.DilationW);
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < w)
                                    {
                                        s += wt[(((((f * c) + ch) * conv.KernelH) + u) * conv.KernelW) + v] * x[(((((b * c) + ch) * h) + ih) * w) + iw];
                                    }
                                }
                            }
                        }
                        y[(((((b * o) + f) * oh) + i) * ow) + j] = s;
                    }
                }
            }
        }
        return y;
    }

    /// <summary>One convolution geometry and input size.</summary>
    internal sealed record Case(int In, int Out, int KH, int KW, int SH, int SW, int PadTop, int PadLeft, int PadBottom, int PadRight, int DH, int DW, int Batch, int H, int W, bool Bias = true)
    {
        public Conv2d<double> Make(ulong seed = 5) => new(In, Out, KH, KW, new Rng(seed), SH, SW, PadTop, PadLeft, PadBottom, PadRight, DH, DW, Bias);
    }

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["plain 3x3"] = new(1, 1, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, 1, 5, 5),
        ["same padding, batch 2"] = new(2, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2, 6, 7),
        ["stride 2, asymmetric padding, 3x2 kernel"] = new(3, 4, 3, 2, 2, 2, 1, 0, 2, 1, 1, 1, 3, 7, 6),
        ["dilation 2, stride (1,2), no bias"] = new(2, 2, 3, 3, 1, 2, 2, 1, 0, 2, 2, 2, 2, 8, 9, Bias: false),
        ["1x1, stride (2,1)"] = new(4, 5, 1, 1, 2, 1, 0, 0, 1, 0, 1, 1, 2, 5, 4),
        ["2x4 kernel, stride (3,1), dilation (1,2)"] = new(2, 3, 2, 4, 3, 1, 0, 3, 1, 0, 1, 2, 3, 9, 6),
        ["5x5 on 5x5, padding 2, stride 2"] = new(3, 2, 5, 5, 2, 2, 2, 2, 2, 2, 1, 1, 2, 5, 5),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Conv2d_MatchesDirectConvolution_WithStridePaddingDilation(string name)
    {
        var c = Cases[name];
        var conv = c.Make();
        var x = Random(11, c.Batch, c.In, c.H, c.W);
        var y = conv.Forward(x, ForwardContext.Eval());
        Assert.Equal([c.Batch, c.Out, conv.OutputHeight(c.H), conv.OutputWidth(c.W)], y.Shape.ToArray());
        Assert.Equal(((c.H + c.PadTop + c.PadBottom - (c.DH * (c.KH - 1)) - 1) / c.SH) + 1, y.Dim(2));
        Assert.Equal(((c.W + c.PadLeft + c.PadRight - (c.DW * (c.KW - 1)) - 1) / c.SW) + 1, y.Dim(3));
        var reference = Direct(conv, x);
        for (int i = 0; i < reference.Length; i++)
        {
            Assert.Equal(reference[i], y[i], tolerance: 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Conv2d_GradientsMatchFiniteDifferences(string name)
    {
        var c = Cases[name];
        var result = GradientCheck.Run(c.Make(), Random(12, c.Batch, c.In, c.H, c.W), maxEntries: 200);
        Assert.Equal(c.Bias ? 3 : 2, result.Entries.Count);
        result.AssertWithin(1e-7);
    }

    [Fact]
    public void Conv2d_HandComputedTinyCase()
    {
        // x = [[1,2,3],[4,5,6],[7,8,9]], kernel [[1,0],[0,-1]], bias 0.5, stride 1, no padding:
        // y[i,j] = x[i,j] − x[i+1,j+1] + 0.5 = −4 + 0.5 everywhere.
        var conv = new Conv2d<double>(1, 1, 2, 2, new Rng(1));
        conv.Weight.Value.Data.AsSpan().Clear();
        conv.Weight.Value[0] = 1;
        conv.Weight.Value[3] = -1;
        conv.Bias!.Value[0] = 0.5;
        var x = Tensor<double>.FromArray([1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 1, 3, 3);
        var y = conv.Forward(x, ForwardContext.Eval());
        Assert.Equal([1, 1, 2, 2], y.Shape.ToArray());
        Assert.Equal([-3.5, -3.5, -3.5, -3.5], y.Data);

        // Padding 1 on top and left only, stride 2: windows start at (−1, −1), (−1, 1), (1, −1), (1, 1).
        var padded = new Conv2d<double>(1, 1, 2, 2, new Rng(1), strideH: 2, strideW: 2, padTop: 1, padLeft: 1, bias: false);
        padded.Weight.Value.Data.AsSpan().Fill(1);
        var yp = padded.Forward(x, ForwardContext.Eval());
        Assert.Equal([1, 1, 2, 2], yp.Shape.ToArray());
        Assert.Equal([1, 2 + 3, 4 + 7, 5 + 6 + 8 + 9], yp.Data);
    }

    [Fact]
    public void Conv2d_IsBitIdentical_ForOneAndTwoThreads()
    {
        // Large enough that the batch spans many blocks, which two threads run in parallel.
        var x = Random(21, 80, 16, 20, 20).Cast<float>();
        Assert.True(80L * 16 * 9 * 20 * 20 > Conv2d<float>.ColumnBudget);
        int saved = Gemm.MaxThreads;
        try
        {
            (float[] Y, float[] Dx, float[] Dw, float[] Db) Run(int threads)
            {
                Gemm.MaxThreads = threads;
                var conv = new Conv2d<float>(16, 32, 3, 3, new Rng(3), padTop: 1, padLeft: 1, padBottom: 1, padRight: 1);
                var y = conv.Forward(x, ForwardContext.Train());
                var g = Tensor<float>.ZerosLike(y);
                new Rng(4).FillNormal(g.Span, 0, 1);
                var dx = conv.Backward(g);
                return (y.Data, dx.Data, conv.Weight.Grad.Data, conv.Bias!.Grad.Data);
            }
            var one = Run(1);
            var two = Run(2);
            Assert.Equal(one.Y, two.Y);
            Assert.Equal(one.Dx, two.Dx);
            Assert.Equal(one.Dw, two.Dw);
            Assert.Equal(one.Db, two.Db);
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }

    [Fact]
    public void Conv2d_IsBitIdentical_WhetherBlocksRunInParallel_OrOneAtATimeWithThreadsInside()
    {
        // 8·9·48·48 = 165 888 column elements per item: one item per block, so a batch of 3 has 3 blocks,
        // run in parallel on 2 or 3 threads and one at a time (the GEMMs using the threads) on 4.
        var x = Random(22, 3, 8, 48, 48).Cast<float>();
        Assert.True(2L * 8 * 9 * 48 * 48 > Conv2d<float>.ColumnBudget);
        int saved = Gemm.MaxThreads;
        try
        {
            (float[] Y, float[] Dx, float[] Dw) Run(int threads)
            {
                Gemm.MaxThreads = threads;
                var conv = new Conv2d<float>(8, 24, 3, 3, new Rng(3), padTop: 1, padLeft: 1, padBottom: 1, padRight: 1);
                var y = conv.Forward(x, ForwardContext.Train());
                var g = Tensor<float>.ZerosLike(y);
                new Rng(4).FillNormal(g.Span, 0, 1);
                var dx = conv.Backward(g);
                return (y.Data, dx.Data, conv.Weight.Grad.Data);
            }
            var one = Run(1);
            foreach (int threads in new[] { 2, 3, 4 })
            {
                var other = Run(threads);
                Assert.Equal(one.Y, other.Y);
                Assert.Equal(one.Dx, other.Dx);
                Assert.Equal(one.Dw, other.Dw);
            }
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }

    [Fact]
    public void Conv2d_GivesTheSameResult_WhenTheBatchSpansSeveralBlocks()
    {
        // 8·9·32·32 = 73 728 column elements per item: a batch of 60 needs more than one block.
        var conv = new Conv2d<double>(8, 3, 3, 3, new Rng(2), padTop: 1, padLeft: 1, padBottom: 1, padRight: 1);
        Assert.True(60L * 8 * 9 * 32 * 32 > Conv2d<double>.ColumnBudget);
        var x = Random(5, 60, 8, 32, 32);
        var all = conv.Forward(x, ForwardContext.Eval());
        var last = conv.Forward(x.SliceRows(59, 1), ForwardContext.Eval());
        Assert.Equal(last.Data, all.Data.AsSpan(all.RowLength * 59).ToArray());
    }

    [Fact]
    public void Conv2d_InitialisesLikePyTorch_WithinOneOverRootFanIn()
    {
        var conv = new Conv2d<double>(4, 6, 3, 2, new Rng(8));
        double bound = 1 / Math.Sqrt(4 * 3 * 2);
        Assert.Equal([6, 4, 3, 2], conv.Weight.Value.Shape.ToArray());
        Assert.All(conv.Weight.Value.Data, v => Assert.InRange(v, -bound, bound));
        Assert.All(conv.Bias!.Value.Data, v => Assert.InRange(v, -bound, bound));
        Assert.True(conv.Weight.Value.Data.Max() > bound * 0.8);
        Assert.Single(new Conv2d<double>(4, 6, 3, 2, new Rng(8), bias: false).Parameters);
    }

    [Fact]
    public void Conv2d_ChargesMacsPerSample_AndWeightsOncePerBatch()
    {
        var conv = new Conv2d<float>(2, 3, 3, 3, new Rng(1));
        var ledger = new CostLedger();
        conv.Forward(new Tensor<float>(4, 2, 6, 5), new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        long macsPerSample = 3L * 2 * 3 * 3 * 4 * 3; // out·in·kH·kW·H'·W'
        var macs = Assert.Single(ledger.Entries, e => e.Component == "conv MACs");
        Assert.Equal(macsPerSample * 4, macs.Uses);
        var reads = Assert.Single(ledger.Entries, e => e.Component == "conv weight reads");
        Assert.Equal((3L * 2 * 3 * 3) + 3, reads.Uses);
    }

    [Fact]
    public void Conv2d_RejectsWrongRankOrChannels_NamingTheLayerAndBothShapes()
    {
        var conv = new Conv2d<double>(3, 2, 3, 3, new Rng(1), name: "conv1");
        var e = Assert.Throws<ArgumentException>(() => conv.Forward(new Tensor<double>(2, 27), ForwardContext.Eval()));
        Assert.Contains("conv1", e.Message, StringComparison.Ordinal);
        Assert.Contains("[batch, 3, H, W]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 27]", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => conv.Forward(new Tensor<double>(2, 4, 5, 5), ForwardContext.Eval()));
        Assert.Contains("conv1", e.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 4, 5, 5]", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => conv.Forward(new Tensor<double>(2, 3, 2, 5), ForwardContext.Eval()));
        Assert.Contains("conv1", e.Message, StringComparison.Ordinal);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new Conv2d<double>(1, 1, 1, 1, new Rng(1)).Backward(new Tensor<double>(1, 1, 1, 1)));
    }
}
