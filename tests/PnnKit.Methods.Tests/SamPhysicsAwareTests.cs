using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Methods;

namespace PnnKit.Methods.Tests;

public class SamPhysicsAwareTests
{
    /// <summary>Hardware y = 2·c·x: twice the gain its twin (y = c·x) believes.</summary>
    private sealed class GainBox : IPhysicalSystem<double>
    {
        public string Name => "gain box";
        public int InputSize => 1;
        public int OutputSize => 1;
        public int ControlCount => 1;
        public long QueryCount { get; private set; }

        public Tensor<double> Measure(Tensor<double> inputs, ReadOnlySpan<double> controls, CostLedger? ledger = null)
        {
            var y = new Tensor<double>(inputs.Rows, 1);
            for (int i = 0; i < inputs.Rows; i++)
            {
                y[i, 0] = 2 * controls[0] * inputs[i, 0];
            }
            QueryCount += inputs.Rows;
            return y;
        }
    }

    [Fact]
    public void SamStep_WithPhysicsAwareGradients_HandComputed()
    {
        const double c0 = 0.3, rho = 0.1, lr = 0.5;
        double[] x = [1.0, 0.5], t = [1.0, 0.0];
        var twin = new Linear<double>(1, 1, new Rng(1), bias: false);
        twin.Weight.Value[0] = c0;
        var box = new GainBox();
        var pat = new PhysicsAwareLayer<double>(box, twin);
        var sam = new SharpnessAwareMinimization<double>(new Sgd<double>(pat.Parameters, lr), rho);
        var input = Tensor<double>.FromArray(x, 2, 1);
        double LossAndGradient()
        {
            twin.Weight.ZeroGrad();
            var y = pat.Forward(input, ForwardContext.Train());
            var g = new Tensor<double>(2, 1);
            double l = 0;
            for (int i = 0; i < 2; i++)
            {
                g[i, 0] = y[i, 0] - t[i]; // L = ½ Σ (y − t)²
                l += 0.5 * g[i, 0] * g[i, 0];
            }
            pat.Backward(g);
            return l;
        }
        double loss = sam.Step(LossAndGradient);

        // Forward is measured (y = 2cx); backward uses the twin's Jacobian ∂y/∂c = x, not the hardware's 2x.
        static double PatGradient(double c, double[] x, double[] t) => ((2 * c * x[0]) - t[0]) * x[0] + (((2 * c * x[1]) - t[1]) * x[1]);
        double g0 = PatGradient(c0, x, t);                   // (0.6 − 1)·1 + (0.3 − 0)·0.5 = −0.25
        double cPerturbed = c0 + (rho * g0 / Math.Abs(g0));  // 0.3 − 0.1 = 0.2
        double g1 = PatGradient(cPerturbed, x, t);           // (0.4 − 1)·1 + (0.2)·0.5 = −0.5
        Assert.Equal(-0.25, g0, 12);
        Assert.Equal(-0.5, g1, 12);
        Assert.Equal(0.5 * (((0.6 - 1) * (0.6 - 1)) + (0.3 * 0.3)), loss, 12);
        Assert.Equal(c0 - (lr * g1), twin.Weight.Value[0], 12); // 0.55
        Assert.Equal(4, box.QueryCount); // both SAM gradients measured the batch on the hardware
    }

    /// <summary>A system whose second query of each step returns NaN (a dropped frame).</summary>
    private sealed class FailsOnSecondQuery : IPhysicalSystem<double>
    {
        public string Name => "flaky";
        public int InputSize => 1;
        public int OutputSize => 1;
        public int ControlCount => 1;
        public long QueryCount { get; private set; }

        public Tensor<double> Measure(Tensor<double> inputs, ReadOnlySpan<double> controls, CostLedger? ledger = null)
        {
            var y = new Tensor<double>(inputs.Rows, 1);
            y.Span.Fill(QueryCount > 0 ? double.NaN : controls[0]);
            QueryCount += inputs.Rows;
            return y;
        }
    }

    [Fact]
    public void SamStep_ThatCannotMeasureThePerturbedPoint_LeavesTheControlsWhereTheyWere()
    {
        var twin = new Linear<double>(1, 1, new Rng(1), bias: false);
        twin.Weight.Value[0] = 0.3;
        var pat = new PhysicsAwareLayer<double>(new FailsOnSecondQuery(), twin);
        var sam = new SharpnessAwareMinimization<double>(new Sgd<double>(pat.Parameters, 0.5), 0.1);
        var x = Tensor<double>.FromArray([1.0], 1, 1);
        double LossAndGradient()
        {
            twin.Weight.ZeroGrad();
            var y = pat.Forward(x, ForwardContext.Train());
            pat.Backward(Tensor<double>.FromArray([y[0] - 1], 1, 1));
            return 0;
        }
        Assert.Throws<NonFiniteMeasurementException>(() => sam.Step(LossAndGradient));
        Assert.Equal(0.3, twin.Weight.Value[0], 15);
    }
}
