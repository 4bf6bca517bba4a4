using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Methods;

namespace PnnKit.Methods.Tests;

public class PhysicsAwareTrainingTests
{
    private static Sequential<double> Net(ulong seed) => new(new Linear<double>(3, 5, new Rng(seed)), new Tanh<double>(), new Linear<double>(5, 2, new Rng(seed + 1)));

    [Fact]
    public void Pat_WithAPerfectTwin_EqualsBackpropExactly()
    {
        var x = new Tensor<double>(6, 3);
        new Rng(9).FillNormal(x.Span, 0, 1);
        int[] labels = [0, 1, 1, 0, 1, 0];
        var loss = new SoftmaxCrossEntropy<double>();

        var reference = Net(1);
        var y = reference.Forward(x, ForwardContext.Train());
        var g = Tensor<double>.ZerosLike(y);
        loss.Compute(y, labels, g);
        reference.Backward(g);

        var twin = Net(1);
        var system = new LayerSystem<double>(Net(50), 3, 2, noiseStd: 0, seed: 3, name: "perfect copy");
        var pat = new PhysicsAwareLayer<double>(system, twin);
        var yp = pat.Forward(x, ForwardContext.Train());
        var gp = Tensor<double>.ZerosLike(yp);
        loss.Compute(yp, labels, gp);
        pat.Backward(gp);

        Assert.Equal(y.Data, yp.Data);
        foreach (var (a, b) in reference.Parameters.Zip(pat.Parameters))
        {
            Assert.Equal(a.Grad.Data, b.Grad.Data);
        }
        Assert.Equal(6, pat.PhysicalQueries);
    }

    [Fact]
    public void Pat_PassesOnTheMeasuredOutput_NotTheTwins()
    {
        // The "hardware" has an extra gain the twin does not know: PAT must forward what was measured.
        var hardware = new Sequential<double>(new Linear<double>(2, 2, new Rng(1), bias: false));
        var twin = new Sequential<double>(new Linear<double>(2, 2, new Rng(2), bias: false));
        var pat = new PhysicsAwareLayer<double>(new LayerSystem<double>(hardware, 2, 2, 0, 1), twin);
        var x = Tensor<double>.FromArray([1.0, 2.0], 1, 2);
        var w = ((Linear<double>)twin.Layers[0]).Weight.Value;
        var y = pat.Forward(x, ForwardContext.Train());
        Assert.Equal((w[0, 0] * 1) + (w[0, 1] * 2), y[0], 12);
    }

    [Fact]
    public void Pat_RefusesATwinThatDoesNotMatchTheSystem()
    {
        var system = new LayerSystem<double>(Net(1), 3, 2, 0, 1);
        var e = Assert.Throws<ArgumentException>(() => new PhysicsAwareLayer<double>(system, new Sequential<double>(new Linear<double>(3, 2, new Rng(1)))));
        Assert.Contains("controls", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LayerSystem_CountsQueries_AddsNoiseOfTheStatedSize_AndChecksShapes()
    {
        var layer = new Sequential<double>(new Linear<double>(2, 1, new Rng(1)));
        var system = new LayerSystem<double>(layer, 2, 1, noiseStd: 0.5, seed: 4);
        var controls = layer.Parameters.SelectMany(p => p.Value.Data).ToArray();
        var x = new Tensor<double>(4000, 2);
        var clean = new LayerSystem<double>(layer, 2, 1, 0, 4).Measure(x, controls);
        var noisy = system.Measure(x, controls);
        var diff = noisy.Data.Zip(clean.Data, (a, b) => a - b).ToArray();
        double std = Math.Sqrt(diff.Select(d => d * d).Average());
        Assert.Equal(0.5, std, 1);
        Assert.Equal(4000, system.QueryCount);
        Assert.Throws<ArgumentException>(() => system.Measure(new Tensor<double>(1, 3), controls));
        Assert.Throws<ArgumentException>(() => system.Measure(new Tensor<double>(1, 2), controls.AsSpan(1)));
    }
}
