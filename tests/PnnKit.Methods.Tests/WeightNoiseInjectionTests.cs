using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Methods;

namespace PnnKit.Methods.Tests;

public class WeightNoiseInjectionTests
{
    [Fact]
    public void Training_SeesPerturbedWeights_GradientIsTakenThere_AndTheDesignIsRestored()
    {
        var linear = new Linear<double>(3, 2, new Rng(1), bias: false);
        var clean = (double[])linear.Weight.Value.Data.Clone();
        var noisy = new WeightNoiseInjection<double>(linear, relativeStd: 0.5);
        var x = Tensor<double>.FromArray([1.0, 0, 0], 1, 3);
        var y = noisy.Forward(x, ForwardContext.Train(3));
        // With x = e₀ the output is the perturbed first column: different from the clean one.
        Assert.NotEqual(clean[0], y[0]);
        linear.Weight.ZeroGrad();
        noisy.Backward(Tensor<double>.FromArray([1.0, 0], 1, 2));
        Assert.Equal(clean, linear.Weight.Value.Data);
        Assert.Equal(1.0, linear.Weight.Grad[0, 0]);
        // Evaluation is clean and deterministic.
        Assert.Equal(clean[0], noisy.Forward(x, ForwardContext.Eval())[0]);
    }

    [Fact]
    public void NoiseHasTheStatedRelativeSize()
    {
        var linear = new Linear<double>(1, 1, new Rng(1), bias: false);
        linear.Weight.Value[0] = 2.0;
        var noisy = new WeightNoiseInjection<double>(linear, relativeStd: 0.1);
        var x = Tensor<double>.FromArray([1.0], 1, 1);
        var samples = Enumerable.Range(0, 20000).Select(s => noisy.Forward(x, ForwardContext.Train((ulong)s))[0]).ToArray();
        double mean = samples.Average();
        double std = Math.Sqrt(samples.Sum(v => (v - mean) * (v - mean)) / samples.Length);
        Assert.Equal(2.0, mean, 2);
        Assert.Equal(0.2, std, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightNoiseInjection<double>(linear, -0.1));
    }
}
