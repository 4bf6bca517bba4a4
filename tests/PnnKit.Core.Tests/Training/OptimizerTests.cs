using PnnKit.Core.Layers;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;

namespace PnnKit.Core.Tests.Training;

public class OptimizerTests
{
    private static Parameter<double> Param(params double[] v) => new("w", Tensor<double>.FromArray(v, v.Length));

    // Gradient of f(w) = Σ (w - 3)² is 2(w - 3).
    private static void QuadraticGrad(Parameter<double> p)
    {
        for (int i = 0; i < p.Value.Length; i++)
        {
            p.Grad[i] = 2 * (p.Value[i] - 3);
        }
    }

    [Fact]
    public void Adam_MatchesTheFormulaOfKingmaAndBa_StepByStep()
    {
        // 19 elements so both the vector and the scalar tail run.
        var init = Enumerable.Range(0, 19).Select(i => (i * 0.37) - 2).ToArray();
        var p = Param([.. init]);
        var opt = new Adam<double>([p], learningRate: 0.05, weightDecay: 0.01);
        double[] w = [.. init], m = new double[19], v = new double[19];
        for (int t = 1; t <= 20; t++)
        {
            QuadraticGrad(p);
            opt.Step();
            for (int i = 0; i < 19; i++)
            {
                double g = (2 * (w[i] - 3)) + (0.01 * w[i]);
                m[i] = (0.9 * m[i]) + (0.1 * g);
                v[i] = (0.999 * v[i]) + (0.001 * g * g);
                double mh = m[i] / (1 - Math.Pow(0.9, t)), vh = v[i] / (1 - Math.Pow(0.999, t));
                w[i] -= 0.05 * mh / (Math.Sqrt(vh) + 1e-8);
            }
        }
        for (int i = 0; i < 19; i++)
        {
            Assert.Equal(w[i], p.Value[i], 12);
        }
    }

    [Fact]
    public void AdamW_DecaysWeightsDirectly_NotThroughTheGradient()
    {
        var p = Param(1.0);
        var opt = Adam<double>.AdamW([p], learningRate: 0.1, weightDecay: 0.5);
        p.Grad[0] = 0; // no gradient: only the decoupled decay acts
        opt.Step();
        Assert.Equal(1.0 * (1 - (0.1 * 0.5)), p.Value[0], 12);
    }

    [Fact]
    public void SgdMomentum_MatchesPyTorchUpdate()
    {
        var p = Param(0.0);
        var opt = new Sgd<double>([p], learningRate: 0.1, momentum: 0.9);
        double w = 0, buf = 0;
        for (int t = 1; t <= 5; t++)
        {
            QuadraticGrad(p);
            opt.Step();
            double g = 2 * (w - 3);
            buf = t == 1 ? g : (0.9 * buf) + g;
            w -= 0.1 * buf;
            Assert.Equal(w, p.Value[0], 12);
        }
    }

    [Fact]
    public void Optimizers_ConvergeOnAQuadratic()
    {
        foreach (var make in new Func<Parameter<double>, Optimizer<double>>[]
        {
            p => new Sgd<double>([p], 0.1),
            p => new Sgd<double>([p], 0.05, momentum: 0.9, nesterov: true),
            p => new Adam<double>([p], 0.1),
        })
        {
            var p = Param(-4, 10);
            var opt = make(p);
            for (int t = 0; t < 500; t++)
            {
                QuadraticGrad(p);
                opt.Step();
            }
            Assert.Equal(3, p.Value[0], 3);
            Assert.Equal(3, p.Value[1], 3);
        }
    }

    [Fact]
    public void Step_ProjectsOntoParameterBounds_AndSkipsFrozenParameters()
    {
        var bounded = new Parameter<double>("g", Tensor<double>.FromArray([0.5], 1), lower: 0, upper: 1);
        var frozen = Param(7.0);
        frozen.Trainable = false;
        var opt = new Sgd<double>([bounded, frozen], 10);
        bounded.Grad[0] = -1;
        frozen.Grad[0] = 1;
        opt.Step();
        Assert.Equal(1, bounded.Value[0]);
        Assert.Equal(7, frozen.Value[0]);
    }

    [Fact]
    public void Schedules_GiveTheirDocumentedFactors()
    {
        var cos = new CosineSchedule(totalSteps: 110, minFactor: 0.1, warmupSteps: 10);
        Assert.Equal(0.1, cos.Factor(0), 12);
        Assert.Equal(1.0, cos.Factor(10), 12);
        Assert.Equal(0.55, cos.Factor(60), 12);
        Assert.Equal(0.1, cos.Factor(110), 12);
        var step = new StepSchedule(5, 0.5);
        Assert.Equal(1, step.Factor(4));
        Assert.Equal(0.25, step.Factor(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepSchedule(0, 0.5));
    }
}
