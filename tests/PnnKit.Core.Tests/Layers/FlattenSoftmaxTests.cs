using PnnKit.Core.Layers;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Tests.Layers;

public class FlattenSoftmaxTests
{
    [Fact]
    public void Flatten_KeepsRowMajorOrder_AndBackwardRestoresTheShape()
    {
        var flatten = new Flatten<double>();
        var x = ConvolutionTests.Random(1, 2, 3, 4, 5);
        var y = flatten.Forward(x, ForwardContext.Train());
        Assert.Equal([2, 60], y.Shape.ToArray());
        Assert.Equal(x.Data, y.Data);
        var dx = flatten.Backward(y);
        Assert.Equal([2, 3, 4, 5], dx.Shape.ToArray());
        GradientCheck.Run(flatten, x).AssertWithin(1e-9);
        var e = Assert.Throws<ArgumentException>(() => new Flatten<double>("flat").Forward(new Tensor<double>(3), ForwardContext.Eval()));
        Assert.Contains("flat", e.Message, StringComparison.Ordinal);
        Assert.Contains("[3]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Softmax_GivesProbabilities_StablyForLargeLogits()
    {
        var softmax = new Softmax<double>();
        var y = softmax.Forward(Tensor<double>.FromArray([0, Math.Log(3), 1000, 1000 + Math.Log(3)], 2, 2), ForwardContext.Eval());
        Assert.Equal([0.25, 0.75, 0.25, 0.75], y.Data.Select(v => Math.Round(v, 12)).ToArray());
        var f = new Softmax<float>().Forward(Tensor<float>.FromArray([-500f, 500f, 0f], 1, 3), ForwardContext.Eval());
        Assert.All(f.Data, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1f, f.Data.Sum(), 1e-6f);
    }

    [Fact]
    public void Softmax_GradientMatchesFiniteDifferences()
        => GradientCheck.Run(new Softmax<double>(), ConvolutionTests.Random(3, 4, 7)).AssertWithin(1e-7);
}
