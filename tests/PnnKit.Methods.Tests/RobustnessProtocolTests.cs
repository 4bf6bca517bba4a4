using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Methods;

namespace PnnKit.Methods.Tests;

public class RobustnessProtocolTests
{
    private static Dataset<float> Blobs()
    {
        var rng = new Rng(1);
        var x = new Tensor<float>(400, 2);
        var y = new int[400];
        for (int i = 0; i < 400; i++)
        {
            y[i] = i % 2;
            x[i, 0] = (float)rng.Normal(y[i] == 0 ? -1 : 1, 0.5);
            x[i, 1] = (float)rng.Normal(0, 0.5);
        }
        return new Dataset<float>("blobs", x, y, 2);
    }

    /// <summary>A linear classifier whose weights get a seeded random error that grows with age.</summary>
    private static ILayer<float> Instance(ulong seed, double age, double kelvin)
    {
        var layer = new Linear<float>(2, 2, new Rng(0));
        var w = layer.Weight.Value;
        (w[0, 0], w[0, 1], w[1, 0], w[1, 1]) = (-1f, 0f, 1f, 0f);
        layer.Bias!.Value.Clear();
        var rng = new Rng(seed);
        double sigma = 0.2 * Math.Log10(1 + age);
        for (int i = 0; i < w.Length; i++)
        {
            w[i] += (float)rng.Normal(0, sigma);
        }
        return layer;
    }

    [Fact]
    public void Protocol_IsReproducibleFromTheSeed_AndAccuracyFallsWithAge()
    {
        var test = Blobs();
        var a = RobustnessProtocol.Run<float>(Instance, test, 20, RobustnessProtocol.StandardAges, seed: 5);
        var b = RobustnessProtocol.Run<float>(Instance, test, 20, RobustnessProtocol.StandardAges, seed: 5);
        var c = RobustnessProtocol.Run<float>(Instance, test, 20, RobustnessProtocol.StandardAges, seed: 6);
        Assert.Equal(a.Select(s => s.Accuracies), b.Select(s => s.Accuracies));
        Assert.NotEqual(a[^1].Accuracies, c[^1].Accuracies);
        Assert.True(a[0].Mean > a[^1].Mean, $"{a[0].Mean} vs {a[^1].Mean}");
        Assert.All(a, s => Assert.InRange(s.Percentile5, s.Worst, s.Mean));
    }

    [Fact]
    public void Summary_MatchesHandComputedStatistics()
    {
        var s = RobustnessProtocol.Summarize(60, [0.9, 0.8, 1.0, 0.7, 0.6]);
        Assert.Equal(0.8, s.Mean, 12);
        Assert.Equal(Math.Sqrt(0.1 / 4), s.Std, 12);
        // Sorted 0.6 0.7 0.8 0.9 1.0: rank 0.05·4 = 0.2 → 0.6 + 0.2·0.1.
        Assert.Equal(0.62, s.Percentile5, 12);
        Assert.Equal(0.6, s.Worst);
    }

    [Fact]
    public void Protocol_RefusesNegativeAgesAndZeroInstances()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RobustnessProtocol.Run<float>(Instance, Blobs(), 0, [1], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RobustnessProtocol.Run<float>(Instance, Blobs(), 2, [-1], 1));
    }
}
