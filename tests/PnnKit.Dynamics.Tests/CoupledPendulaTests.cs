using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using Xunit.Abstractions;

namespace PnnKit.Dynamics.Tests;

public class CoupledPendulaTests(ITestOutputHelper output)
{
    private static Tensor<double> Inputs(int batch, int n, ulong seed)
    {
        var x = new Tensor<double>(batch, n);
        new Rng(seed).FillUniform<double>(x.Span, 0, 1);
        return x;
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.1, 0.2)]
    public void Gradients_MatchFiniteDifferences(double eta, double couplingError)
    {
        var layer = new CoupledPendula<double>(5, 3.0, 40, new Rng(1), eta, couplingError, instanceSeed: 9);
        new Rng(2).FillNormal(layer.Drive.Value.Span, 0, 0.3);
        var r = GradientCheck.Run(layer, Inputs(3, 5, 3), step: 1e-6);
        output.WriteLine(r.ToString());
        r.AssertWithin(1e-6);
    }

    [Fact]
    public void TwoPendula_ConserveTheirEnergy_AndTheCouplingIsSymmetric()
    {
        // Undriven, H = Σ p²/2 + Σ (1 − cos q) + Σ_{i<j} J_ij (1 − cos(q_i − q_j))... only for the linearised coupling;
        // here check the exact symmetric law instead: swapping the two pendula swaps the outputs.
        var layer = new CoupledPendula<double>(2, 4.0, 400, new Rng(5));
        var x = Tensor<double>.FromArray([0.3, 0.9, 0.9, 0.3], 2, 2);
        var y = layer.Forward(x, ForwardContext.Eval(1));
        Assert.Equal(y[0, 0], y[1, 1], 1e-12);
        Assert.Equal(y[0, 1], y[1, 0], 1e-12);

        // Uncoupled and undriven, a pendulum released at rest from q₀ swings between ±q₀: it never gains energy
        // (symplectic Euler keeps the energy error O(dt)).
        double lowest = 1;
        for (int k = 1; k <= 16; k++)
        {
            var free = new CoupledPendula<double>(1, 0.5 * k, 50 * k, new Rng(5));
            free.Coupling.Value.Clear();
            double q = free.Forward(Tensor<double>.FromArray([1.0], 1, 1), ForwardContext.Eval(1))[0, 0];
            Assert.True(Math.Abs(q) <= 1.0 + 0.01, $"amplitude grew to {q} at t = {0.5 * k}");
            lowest = Math.Min(lowest, q);
        }
        Assert.True(lowest < -0.9, $"the pendulum should swing to the other side, lowest {lowest}");
    }

    [Fact]
    public void AnInstanceTheTwinDoesNotKnow_AnswersDifferently_AndRefusesBadSettings()
    {
        var x = Inputs(4, 6, 7);
        var twin = new CoupledPendula<double>(6, 4.0, 80, new Rng(1));
        var real = new CoupledPendula<double>(6, 4.0, 80, new Rng(1), nonlinearityError: 0.1, couplingErrorStd: 0.2, instanceSeed: 3);
        var a = twin.Forward(x, ForwardContext.Eval(1));
        var b = real.Forward(x, ForwardContext.Eval(1));
        double diff = 0;
        for (int i = 0; i < a.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs(a.Span[i] - b.Span[i]));
        }
        Assert.True(diff > 0.05, $"mismatch should be visible, max |Δq| = {diff}");
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoupledPendula<double>(6, 4.0, 10, new Rng(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoupledPendula<double>(6, 4.0, 80, new Rng(1), nonlinearityError: 1.5));
        Assert.Throws<ArgumentException>(() => twin.Forward(Inputs(2, 5, 1), ForwardContext.Eval(1)));
    }
}
