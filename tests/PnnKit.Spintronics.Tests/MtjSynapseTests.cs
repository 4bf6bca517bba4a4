using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Spintronics;

namespace PnnKit.Spintronics.Tests;

public class MtjSynapseTests
{
    [Fact]
    public void StrongPulses_StoreQuantisedLevels_WithoutErrors()
    {
        var p = new MtjParameters();
        var array = new MtjWeightArray(5, 4, p);
        double[] targets = [-1, -0.4, 0.1, 0.6, 1];
        array.Program(targets, 3 * p.CriticalCurrentAmps, 50e-9, new Rng(1));
        double[] expected = [-1, -0.5, 0, 0.5, 1];
        for (int w = 0; w < 5; w++)
        {
            Assert.Equal(expected[w], array.Read(w), 9);
        }
        Assert.Equal(0, array.WriteErrors);
        Assert.Equal(10, array.WritePulses);
        Assert.True(array.WriteEnergyJoules > 0);
    }

    [Fact]
    public void WeakPulses_FailAtTheNeelBrownRate()
    {
        var p = new MtjParameters();
        double i = 0.92 * p.CriticalCurrentAmps, t = 20e-9;
        double pFail = 1 - new MagneticTunnelJunction(p, MtjState.Antiparallel).SwitchingProbability(-i, t);
        var array = new MtjWeightArray(4000, 1, p);
        array.Program(Enumerable.Repeat(1.0, 4000).ToArray(), i, t, new Rng(2));
        double rate = (double)array.WriteErrors / array.WritePulses;
        double sd = Math.Sqrt(pFail * (1 - pFail) / 4000);
        Assert.InRange(rate, pFail - (4 * sd), pFail + (4 * sd));
        Assert.True(pFail > 0.05 && pFail < 0.95, $"test needs an intermediate failure rate, got {pFail}");
    }

    [Fact]
    public void MtjLinear_GradientsMatchFiniteDifferences()
    {
        var layer = new MtjLinear<double>(5, 3, 4, new MtjParameters(), new Rng(3));
        var x = new Tensor<double>(4, 5);
        new Rng(4).FillNormal(x.Span, 0, 1);
        GradientCheck.Run(layer, x).AssertWithin(1e-7);
    }

    [Fact]
    public void MtjLinear_UsesStoredWeights_AndChargesReadEnergy()
    {
        var p = new MtjParameters();
        var layer = new MtjLinear<double>(3, 2, 2, p, new Rng(5));
        layer.Program(3 * p.CriticalCurrentAmps, 50e-9, new Rng(6));
        Assert.True(layer.IsProgrammed);
        var x = Tensor<double>.FromArray([1.0, 0, 0, 0, 1, 0], 2, 3);
        var ledger = new CostLedger();
        var y = layer.Forward(x, new ForwardContext(Mode.Eval, new Rng(0)) { Ledger = ledger });
        Assert.Equal(layer.StoredWeights[0], y[0, 0], 12);
        Assert.Equal(layer.StoredWeights[4], y[1, 1], 12);
        foreach (double w in layer.StoredWeights)
        {
            Assert.True(new[] { -1.0, 0.0, 1.0 }.Min(l => Math.Abs(l - w)) < 1e-9, $"{w} is not a level of a 2-junction weight");
        }
        ledger.RecordInferences(2);
        double perJunctionMax = p.ReadVoltage * p.ReadVoltage / p.ParallelResistanceOhms * layer.ReadSeconds;
        Assert.InRange(ledger.CoreEnergyPerInference, 12 * perJunctionMax / (1 + p.Tmr), 12 * perJunctionMax);
    }
}
