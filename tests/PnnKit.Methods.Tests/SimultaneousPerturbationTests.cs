using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Methods;

namespace PnnKit.Methods.Tests;

public sealed class SimultaneousPerturbationTests
{
    private static (Sequential<double> Model, Tensor<double> X, Tensor<double> G) Setup()
    {
        var model = new Sequential<double>(new Linear<double>(5, 3, new Rng(1)), new Tanh<double>(), new Linear<double>(3, 2, new Rng(2), name: "out"));
        var x = new Tensor<double>(4, 5);
        new Rng(3).FillUniform(x.Data, -1, 1);
        var g = new Tensor<double>(4, 2);
        new Rng(4).FillNormal(g.Span, 0, 1);
        return (model, x, g);
    }

    [Fact]
    public void SpsaEstimate_AveragesToTheBackpropGradient_AndLeavesTheParametersWhereTheyWere()
    {
        var (model, x, g) = Setup();
        model.Forward(x, ForwardContext.Train(1));
        foreach (var p in model.Parameters)
        {
            p.ZeroGrad();
        }
        model.Backward(g);
        double[] exact = [.. model.Parameters.SelectMany(p => p.Grad.Data)];
        double[] before = [.. model.Parameters.SelectMany(p => p.Value.Data)];

        var spsa = new SimultaneousPerturbation<double>(model, 1e-3);
        var mean = new double[exact.Length];
        const int draws = 4000;
        for (int k = 0; k < draws; k++)
        {
            foreach (var p in model.Parameters)
            {
                p.ZeroGrad();
            }
            spsa.Forward(x, ForwardContext.Train((ulong)k + 10));
            var dx = spsa.Backward(g);
            Assert.All(dx.Data, v => Assert.Equal(0, v));
            double[] estimate = [.. model.Parameters.SelectMany(p => p.Grad.Data)];
            for (int i = 0; i < mean.Length; i++)
            {
                mean[i] += estimate[i] / draws;
            }
        }
        Assert.Equal(before, model.Parameters.SelectMany(p => p.Value.Data).ToArray());
        // Unbiased: the mean of 4,000 estimates points along the gradient (one estimate alone does not).
        double dot = mean.Zip(exact, (a, b) => a * b).Sum(), cos = dot / Math.Sqrt(mean.Sum(v => v * v) * exact.Sum(v => v * v));
        Assert.InRange(cos, 0.97, 1.0);
        Assert.InRange(Math.Sqrt(mean.Sum(v => v * v) / exact.Sum(v => v * v)), 0.9, 1.1);
    }

    [Fact]
    public void Spsa_RefusesANonPositivePerturbation()
    {
        var (model, _, _) = Setup();
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimultaneousPerturbation<double>(model, 0));
    }
}
