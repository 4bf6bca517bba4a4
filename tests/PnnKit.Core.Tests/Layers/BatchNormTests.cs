using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Tests.Layers;

public class BatchNormTests
{
    [Fact]
    public void BatchNorm2d_RunningStatistics_FollowPyTorchsUpdateRule_AndEvalUsesThem()
    {
        var bn = new BatchNorm2d<double>(1, epsilon: 1e-5, momentum: 0.1);
        Assert.Equal([0.0], bn.RunningMean.Data);
        Assert.Equal([1.0], bn.RunningVariance.Data);

        // Batch [1, 2, 3, 4]: mean 2.5, biased variance 1.25 (normalises), unbiased 5/3 (running).
        var y = bn.Forward(Tensor<double>.FromArray([1, 2, 3, 4], 4, 1), ForwardContext.Train());
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal((i + 1 - 2.5) / Math.Sqrt(1.25 + 1e-5), y[i], tolerance: 1e-12);
        }
        Assert.Equal(0.1 * 2.5, bn.RunningMean[0], tolerance: 1e-12);
        Assert.Equal((0.9 * 1) + (0.1 * 5.0 / 3), bn.RunningVariance[0], tolerance: 1e-12);

        // Batch [2, 4, 6, 8]: mean 5, unbiased variance 20/3.
        bn.Forward(Tensor<double>.FromArray([2, 4, 6, 8], 4, 1), ForwardContext.Train());
        double mean = (0.9 * 0.25) + (0.1 * 5);
        double variance = (0.9 * ((0.9 * 1) + (0.1 * 5.0 / 3))) + (0.1 * 20.0 / 3);
        Assert.Equal(mean, bn.RunningMean[0], tolerance: 1e-12);
        Assert.Equal(variance, bn.RunningVariance[0], tolerance: 1e-12);

        bn.Scale.Value[0] = 2;
        bn.Shift.Value[0] = 0.5;
        var eval = bn.Forward(Tensor<double>.FromArray([1, 10], 2, 1), ForwardContext.Eval());
        Assert.Equal((2 * (1 - mean) / Math.Sqrt(variance + 1e-5)) + 0.5, eval[0], tolerance: 1e-12);
        Assert.Equal((2 * (10 - mean) / Math.Sqrt(variance + 1e-5)) + 0.5, eval[1], tolerance: 1e-12);
        Assert.Equal(mean, bn.RunningMean[0], tolerance: 1e-15); // evaluation leaves the estimates alone
        Assert.Throws<InvalidOperationException>(() => bn.Backward(eval));
    }

    [Fact]
    public void BatchNorm2d_NormalisesEachChannelOverBatchAndPixels()
    {
        var bn = new BatchNorm2d<double>(3);
        var x = ConvolutionTests.Random(2, 4, 3, 5, 6);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (x[i] * (1 + (i / 30 % 3))) + (i / 30 % 3 * 10); // channel c: mean ≈ 10c, std ≈ 1 + c
        }
        var y = bn.Forward(x, ForwardContext.Train());
        static (double Mean, double Variance) Moments(Tensor<double> t, int c)
        {
            var values = Enumerable.Range(0, 4).SelectMany(n => t.Data.Skip(((n * 3) + c) * 30).Take(30)).ToArray();
            double m = values.Average();
            return (m, values.Select(v => (v - m) * (v - m)).Average());
        }
        for (int c = 0; c < 3; c++)
        {
            var (_, inputVariance) = Moments(x, c);
            var (m, v) = Moments(y, c);
            Assert.Equal(0, m, tolerance: 1e-12);
            Assert.Equal(inputVariance / (inputVariance + 1e-5), v, tolerance: 1e-12); // biased variance, ε inside the root
        }
    }

    [Theory]
    [InlineData(new[] { 3, 2, 4, 5 })]
    [InlineData(new[] { 2, 3, 1, 1 })]
    [InlineData(new[] { 6, 4 })]
    public void BatchNorm2d_TrainingGradientsMatchFiniteDifferences(int[] shape)
    {
        var bn = new BatchNorm2d<double>(shape[1]);
        new Rng(7).FillUniform(bn.Scale.Value.Span, 0.5, 2);
        new Rng(8).FillUniform(bn.Shift.Value.Span, -1, 1);
        GradientCheck.Run(bn, ConvolutionTests.Random(9, shape), maxEntries: 200).AssertWithin(1e-6);
    }

    [Fact]
    public void BatchNorm2d_RejectsWrongShapes_NamingTheLayerAndBothShapes()
    {
        var bn = new BatchNorm2d<double>(4, name: "bn1");
        var e = Assert.Throws<ArgumentException>(() => bn.Forward(new Tensor<double>(2, 3, 5, 5), ForwardContext.Eval()));
        Assert.Contains("bn1", e.Message, StringComparison.Ordinal);
        Assert.Contains("[batch, 4, H, W]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 3, 5, 5]", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => bn.Forward(new Tensor<double>(2, 4, 5), ForwardContext.Eval()));
        // One value per channel has no variance (PyTorch refuses it too).
        Assert.Throws<ArgumentException>(() => bn.Forward(new Tensor<double>(1, 4), ForwardContext.Train()));
    }
}
