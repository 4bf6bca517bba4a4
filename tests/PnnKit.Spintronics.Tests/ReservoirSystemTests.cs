using PnnKit.Core.Costs;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Methods;
using PnnKit.Spintronics;

namespace PnnKit.Spintronics.Tests;

public class ReservoirSystemTests
{
    private static readonly AutoOscillatorParameters Osc = new() { Temperature = 0 }; // deterministic: these tests compare runs exactly
    private static double Theta => 0.2 / (2 * Osc.LinearDampingRate);

    [Fact]
    public void Measure_IsTheReservoirRunFromRest_CountsQueries_AndChargesTheLedger()
    {
        var system = new ReservoirSystem<double>(Osc, nodes: 6, nodeSeconds: Theta, sequenceLength: 4, noiseStd: 0, maskSeed: 9);
        double[] seq = [0.5, -1, 1, 0.2];
        var x = Tensor<double>.FromArray([.. seq, .. seq], 2, 4);
        var ledger = new CostLedger();
        var y = system.Measure(x, [2.0, 0.6], ledger);
        Assert.Equal(2, system.QueryCount);
        Assert.Equal(2, ledger.Inferences);
        Assert.Equal(24, system.OutputSize);

        var osc = new AutoOscillator(Osc);
        osc.Power = osc.SteadyPower(2 * Osc.ThresholdCurrentAmps);
        var direct = new OscillatorReservoir(osc, 6, Theta, 2 * Osc.ThresholdCurrentAmps, 0.6 * Osc.ThresholdCurrentAmps, new Rng(9)).Run(seq);
        for (int k = 0; k < direct.Length; k++)
        {
            Assert.Equal(direct[k], y[0, k], 12);
            Assert.Equal(y[0, k], y[1, k], 15); // every example starts from rest
        }
        Assert.True(ledger.CoreEnergyPerInference > 0);
    }

    [Fact]
    public void Controls_ChangeTheMeasurement_AndBadControlsAreRefused()
    {
        var system = new ReservoirSystem<double>(Osc, nodes: 4, nodeSeconds: Theta, sequenceLength: 3, noiseStd: 1e-3, maskSeed: 2);
        var x = Tensor<double>.FromArray([0.3, -0.7, 0.9], 1, 3);
        var a = system.Measure(x, [2.0, 0.6]);
        var b = system.Measure(x, [1.5, 0.6]);
        Assert.True(Math.Abs(a[0, 11] - b[0, 11]) > 0.01, "a lower bias must lower the oscillator power");
        Assert.Throws<ArgumentException>(() => system.Measure(x, [2.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => system.Measure(x, [-1.0, 0.6]));
        Assert.Throws<ArgumentException>(() => system.Measure(Tensor<double>.FromArray([0.1, 0.2], 1, 2), [2.0, 0.6]));
        Assert.Equal("noiseStd", Assert.Throws<ArgumentOutOfRangeException>(() => new ReservoirSystem<double>(Osc, 4, Theta, 3, -1, 2)).ParamName);
    }

    [Fact]
    public void FiniteDifferencesThroughTheBlackBox_RecoverTheSlopeOfTheSteadyPower()
    {
        // At zero input every node holds the steady power p0(ζ) = (ζ − 1)/(ζ + Q), so the measured
        // sensitivity to the bias control is dp0/dζ = (1 + Q)/(ζ + Q)², found here with the method
        // library's finite differences, seeing only inputs, controls and measurements.
        var system = new ReservoirSystem<double>(Osc, nodes: 3, nodeSeconds: Theta, sequenceLength: 2, noiseStd: 0, maskSeed: 4);
        var x = new Tensor<double>(1, 2);
        double Loss(double[] c) => system.Measure(x, [c[0], c[1]])[0, 5];
        var (g, evaluations) = ZerothOrder.FiniteDifferences(Loss, [2.0, 0.6], 1e-4);
        double q = Osc.NonlinearDamping;
        Assert.Equal((1 + q) / ((2 + q) * (2 + q)), g[0], 6);
        Assert.Equal(0, g[1], 9); // the input scale does nothing at zero input
        Assert.Equal(4, evaluations);
        Assert.Equal(4, system.QueryCount);
    }
}
