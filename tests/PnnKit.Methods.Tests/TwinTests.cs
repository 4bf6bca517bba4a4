using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Methods;

namespace PnnKit.Methods.Tests;

public class TwinTests
{
    /// <summary>A black box y = tanh(W(c)·x), W the 2×2 control matrix, with measurement noise.</summary>
    private sealed class TanhBox(double noise) : IPhysicalSystem<double>
    {
        private readonly Rng _rng = new(11);

        public string Name => "tanh box";
        public int InputSize => 2;
        public int OutputSize => 2;
        public int ControlCount => 4;
        public long QueryCount { get; private set; }

        public Tensor<double> Measure(Tensor<double> inputs, ReadOnlySpan<double> c, CostLedger? ledger = null)
        {
            var y = new Tensor<double>(inputs.Rows, 2);
            for (int i = 0; i < inputs.Rows; i++)
            {
                for (int j = 0; j < 2; j++)
                {
                    y[i, j] = Math.Tanh((c[2 * j] * inputs[i, 0]) + (c[(2 * j) + 1] * inputs[i, 1])) + _rng.Normal(0, noise);
                }
            }
            QueryCount += inputs.Rows;
            return y;
        }
    }

    [Fact]
    public void ControlledTwin_GradientsMatchFiniteDifferences()
    {
        var net = new Sequential<double>(new Linear<double>(5, 4, new Rng(1)), new Tanh<double>(), new Linear<double>(4, 2, new Rng(2)));
        var twin = new ControlledTwin<double>(net, 2, Tensor<double>.FromArray([0.3, -0.2, 0.9], 3));
        var x = new Tensor<double>(4, 2);
        new Rng(3).FillNormal(x.Span, 0, 1);
        GradientCheck.Run(twin, x).AssertWithin(1e-7);
        Assert.All(net.Parameters, p => Assert.False(p.Trainable));
    }

    [Fact]
    public void FittedTwin_PredictsHeldOutMeasurements_AndPatTrainsTheBoxThroughIt()
    {
        var box = new TanhBox(noise: 0.01);
        var fitted = TwinFitting.Fit(box, new TwinFittingOptions { Samples = 3000, Epochs = 40, Hidden = [64, 64], Seed = 2 });
        Assert.True(fitted.HeldOutNormalisedError < 0.02, $"held-out normalised error {fitted.HeldOutNormalisedError}");
        Assert.Equal(6000, fitted.Queries); // 3000 pairs × 2 repeats

        // Task: find controls that make the box imitate a target matrix it was never told about.
        double[] target = [0.8, -0.5, 0.3, 0.6];
        var x = new Tensor<double>(256, 2);
        new Rng(4).FillUniform(x.Span, -1, 1);
        var y = new TanhBox(0).Measure(x, target);
        var twin = new ControlledTwin<double>(fitted.Network, 2, new Tensor<double>(4), -1, 1);
        var pat = new PhysicsAwareLayer<double>(box, twin);
        var mse = new MeanSquaredError<double>();
        var opt = new Adam<double>(pat.Parameters, 0.05);
        double first = 0, last = 0;
        for (int step = 0; step < 150; step++)
        {
            var yp = pat.Forward(x, ForwardContext.Train((ulong)step));
            var g = Tensor<double>.ZerosLike(yp);
            last = mse.Compute(yp, y, g);
            first = step == 0 ? last : first;
            opt.ZeroGrad();
            pat.Backward(g);
            opt.Step();
        }
        Assert.True(last < 0.05 * first, $"loss {first} → {last}");
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(target[i], twin.Controls.Value[i], 1);
        }
    }
}
