using PnnKit.Core.Random;
using PnnKit.Memristive.Pulsed;

namespace PnnKit.Memristive.Tests.Pulsed;

public class PulsedArrayTests
{
    private static (double Mean, double Std) Stats(List<double> v)
    {
        double m = v.Average();
        return (m, Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Count - 1)));
    }

    [Fact]
    public void StochasticPulseUpdate_HasExpectedMeanAndBinomialSpread()
    {
        // One device, x = 0.5, δ = 0.2, η = 0.01, BL = 31, dw = 0.001: coincidence probability per slot
        // p = η x δ /(BL dw) = 1/31, so the pulse count is Binomial(31, 1/31): mean 1, variance 31 p (1 − p).
        var cfg = new PulsedDeviceConfig().Ideal;
        var array = new PulsedArray(1, 1, cfg, 1);
        var rng = new Rng(2);
        var dws = new List<double>();
        for (int t = 0; t < 20000; t++)
        {
            array.Weights[0] = 0;
            array.Update([0.5], [0.2], 0.01, rng);
            dws.Add(array.Weights[0]);
        }
        var (mean, std) = Stats(dws);
        double p = 1.0 / 31;
        double countStd = Math.Sqrt(31 * p * (1 - p));
        Assert.Equal(-0.001, mean, 4 * 0.001 * countStd / Math.Sqrt(dws.Count));
        Assert.InRange(std / (0.001 * countStd), 0.97, 1.03);
        Assert.All(dws, d => Assert.True(d <= 0)); // x·δ > 0: only down pulses
    }

    [Fact]
    public void Update_IsOuterProductInExpectation_AcrossRowsAndColumns()
    {
        var cfg = new PulsedDeviceConfig().Ideal;
        double[] x = [0.8, -0.4, 0.0];
        double[] d = [0.3, -0.6];
        var sum = new double[6];
        var rng = new Rng(3);
        const int trials = 4000;
        var array = new PulsedArray(3, 2, cfg, 4);
        for (int t = 0; t < trials; t++)
        {
            array.Weights.Clear();
            array.Update(x, d, 0.01, rng);
            for (int k = 0; k < 6; k++)
            {
                sum[k] += array.Weights[k];
            }
        }
        for (int j = 0; j < 2; j++)
        {
            for (int i = 0; i < 3; i++)
            {
                double expected = -0.01 * x[i] * d[j];
                Assert.Equal(expected, sum[(j * 3) + i] / trials, 0.0003);
            }
        }
    }

    [Fact]
    public void DeviceToDeviceSpread_OfStepsAndBounds_MatchesDefaults()
    {
        var array = new PulsedArray(100, 100, new PulsedDeviceConfig(), 5);
        var up = Enumerable.Range(0, 10000).Select(array.StepUp).ToList();
        var wMax = Enumerable.Range(0, 10000).Select(array.UpperBound).ToList();
        var (mu, su) = Stats(up);
        Assert.Equal(0.001, mu, 0.001 * 0.012);
        Assert.InRange(su / mu, 0.29, 0.31); // dw_min_dtod 0.3 (with up_down_dtod 0.01)
        var (mw, sw) = Stats(wMax);
        Assert.Equal(0.6, mw, 0.6 * 0.012);
        Assert.InRange(sw / mw, 0.29, 0.31);
    }

    [Fact]
    public void CycleToCycleNoise_OfOnePulse_HasStdDwMinStd()
    {
        var cfg = new PulsedDeviceConfig().Ideal with { DwMinStd = 0.3 };
        var array = new PulsedArray(1, 1, cfg, 6);
        var rng = new Rng(7);
        var steps = new List<double>();
        for (int t = 0; t < 20000; t++)
        {
            array.Weights[0] = 0;
            array.Pulse(0, up: true, rng);
            steps.Add(array.Weights[0]);
        }
        var (mean, std) = Stats(steps);
        Assert.Equal(0.001, mean, 4 * 0.0003 / Math.Sqrt(steps.Count));
        Assert.InRange(std / 0.0003, 0.97, 1.03);
    }

    [Fact]
    public void ConstantStep_StopsExactlyAtTheHardBound()
    {
        var array = new PulsedArray(1, 1, new PulsedDeviceConfig().Ideal, 8);
        var rng = new Rng(1);
        for (int t = 0; t < 1000; t++)
        {
            array.Pulse(0, up: true, rng);
        }
        Assert.Equal(0.6, array.Weights[0], 1e-12);
    }

    [Fact]
    public void SoftBounds_StepShrinksTowardTheBound_AndIsAsymmetricAwayFromZero()
    {
        var array = new PulsedArray(1, 1, new PulsedDeviceConfig { Model = StepModel.SoftBounds }.Ideal, 9);
        array.Weights[0] = 0.3;
        Assert.Equal(0.0005, array.ExpectedStep(0, up: true), 1e-15); // dw (1 − 0.3/0.6)
        Assert.Equal(-0.0015, array.ExpectedStep(0, up: false), 1e-15); // −dw (1 − 0.3/(−0.6))
        array.Weights[0] = 0;
        Assert.Equal(-array.ExpectedStep(0, up: false), array.ExpectedStep(0, up: true), 1e-15);
        // The known problem: equal numbers of up and down pulses pull the weight to the symmetry point 0.
        array.Weights[0] = 0.4;
        var rng = new Rng(2);
        for (int t = 0; t < 10000; t++)
        {
            array.Pulse(0, up: t % 2 == 0, rng);
        }
        Assert.InRange(array.Weights[0], -0.01, 0.01);
    }

    [Fact]
    public void LinearStep_FollowsItsSlope()
    {
        var cfg = new PulsedDeviceConfig { Model = StepModel.LinearStep, GammaUp = 0.5, GammaDown = 0.5 }.Ideal;
        var array = new PulsedArray(1, 1, cfg, 10);
        array.Weights[0] = 0.3;
        Assert.Equal(0.001 * (1 - (0.5 * 0.3 / 0.6)), array.ExpectedStep(0, true), 1e-15);
        Assert.Equal(-0.001 * (1 - (0.5 * 0.3 / -0.6)), array.ExpectedStep(0, false), 1e-15);
    }

    [Fact]
    public void ExpStep_FollowsItsFormula_WithAihwkitDefaults()
    {
        var array = new PulsedArray(1, 1, new PulsedDeviceConfig { Model = StepModel.ExpStep }.Ideal, 11);
        array.Weights[0] = 0.2;
        double z = (2 * 0.244 * 0.2 / 1.2) + 0.2425;
        Assert.Equal(0.001 * (1 - (0.00081 * Math.Exp(12.44625 * z))), array.ExpectedStep(0, true), 1e-15);
        Assert.Equal(-0.001 * Math.Max(0, 1 - (0.36833 * Math.Exp(-12.78785 * z))), array.ExpectedStep(0, false), 1e-15);
    }

    [Fact]
    public void Transfer_SetsWeightsClippedToEachDevicesOwnBounds()
    {
        var array = new PulsedArray(50, 20, new PulsedDeviceConfig(), 12);
        var w = Enumerable.Range(0, 1000).Select(k => ((k % 21) - 10) / 10.0).ToArray(); // −1 … 1
        int clipped = array.Transfer(w);
        int expected = 0;
        for (int k = 0; k < w.Length; k++)
        {
            bool outside = w[k] > array.UpperBound(k) || w[k] < array.LowerBound(k);
            expected += outside ? 1 : 0;
            Assert.Equal(Math.Clamp(w[k], array.LowerBound(k), array.UpperBound(k)), array.Weights[k]);
        }
        Assert.Equal(expected, clipped);
        Assert.True(clipped > 0);
    }

    [Fact]
    public void BadConfig_IsRefused_NamingTheSetting()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PulsedArray(2, 2, new PulsedDeviceConfig { PulseLength = 0 }, 1));
        Assert.Equal("PulseLength", ex.ParamName);
        var ex2 = Assert.Throws<ArgumentOutOfRangeException>(() => new PulsedArray(2, 2, new PulsedDeviceConfig { DwMin = -1 }, 1));
        Assert.Equal("DwMin", ex2.ParamName);
    }
}
