using PnnKit.Core.Random;
using PnnKit.Spintronics;
using Xunit.Abstractions;

namespace PnnKit.Spintronics.Tests;

/// <summary>Stochastic-MTJ p-bits: telegraph statistics and device-to-device spread against their closed forms.</summary>
public class StochasticMtjPBitsTests(ITestOutputHelper output)
{
    [Fact]
    public void Reads_AreAutocorrelated_AsExpMinusTOverTau_AndAverageToTheSigmoid()
    {
        var device = StochasticMtjPBits.Fabricate(1, new StochasticMtjParameters { SlopeSpread = 0, OffsetSpread = 0 }, new Rng(1));
        const double Input = 0.5, Dt = 2e-9, Tau = 8e-9;
        const int Reads = 400_000;
        var rng = new Rng(2);
        var m = new double[Reads];
        int state = 1;
        for (int t = 0; t < Reads; t++)
        {
            state = device.Read(0, state, Input, Dt, rng);
            m[t] = state;
        }
        double mean = m.Average(), mu = Math.Tanh(Input);
        Assert.InRange(mean, mu - 0.01, mu + 0.01); // ±4σ: the reads are correlated over ≈ 2τ/Δt = 8 samples
        foreach (int lag in new[] { 1, 4, 8, 16 })
        {
            double c = 0;
            for (int t = 0; t + lag < Reads; t++)
            {
                c += (m[t] - mean) * (m[t + lag] - mean);
            }
            c /= Reads - lag;
            double expected = (1 - (mu * mu)) * Math.Exp(-lag * Dt / Tau);
            output.WriteLine($"lag {lag * Dt * 1e9:F0} ns: autocovariance {c:F4}, (1 − tanh²I) e^(−t/τ) = {expected:F4}");
            Assert.InRange(c - expected, -0.01, 0.01);
        }
    }

    [Fact]
    public void EachDevice_FollowsItsOwnSigmoid_AndTheSpreadHasTheStatedMomentsAcrossDevices()
    {
        var parameters = new StochasticMtjParameters();
        var many = StochasticMtjPBits.Fabricate(20_000, parameters, new Rng(3));
        double ms = many.Slopes.ToArray().Average(), mo = many.Offsets.ToArray().Average();
        double ss = Math.Sqrt(many.Slopes.ToArray().Sum(s => (s - ms) * (s - ms)) / 19_999), so = Math.Sqrt(many.Offsets.ToArray().Sum(o => (o - mo) * (o - mo)) / 19_999);
        output.WriteLine($"slopes {ms:F4} ± {ss:F4}, offsets {mo:F4} ± {so:F4} over 20,000 devices");
        Assert.InRange(ms, 1 - 0.003, 1 + 0.003); // 4σ/√n
        Assert.InRange(mo, -0.003, 0.003);
        Assert.InRange(ss, 0.098, 0.102); // σ (1 ± 4/√(2n))
        Assert.InRange(so, 0.098, 0.102);

        // Two devices read far apart in time (independent reads) at several inputs: the fraction of +1 is (1 + tanh(s I + o))/2.
        var devices = StochasticMtjPBits.Fabricate(2, parameters with { SlopeSpread = 0.3, OffsetSpread = 0.5 }, new Rng(4));
        var rng = new Rng(5);
        foreach (double input in new[] { -1.5, -0.5, 0, 0.5, 1.5 })
        {
            for (int i = 0; i < 2; i++)
            {
                int state = 1, up = 0;
                const int Reads = 40_000;
                for (int t = 0; t < Reads; t++)
                {
                    state = devices.Read(i, state, input, 1e-6, rng);
                    up += state > 0 ? 1 : 0;
                }
                double expected = (1 + Math.Tanh((devices.Slopes[i] * input) + devices.Offsets[i])) / 2;
                Assert.InRange((double)up / Reads, expected - 0.01, expected + 0.01); // 4σ of 40,000 independent reads
                Assert.Equal(2 * expected - 1, devices.Mean(i, input), 1e-12);
            }
        }
    }

    [Fact]
    public void IdealPBits_AreTheNetworksOwnIndependentUpdate_DrawForDraw()
    {
        var a = PBitNetwork.Random(6, 0.8, new Rng(7));
        var b = PBitNetwork.Random(6, 0.8, new Rng(7));
        b.Devices = StochasticMtjPBits.Ideal(6);
        var ra = new Rng(8);
        var rb = new Rng(8);
        for (int t = 0; t < 200; t++)
        {
            a.Sweep(ra);
            b.Sweep(rb);
            Assert.Equal(a.StateIndex(), b.StateIndex());
        }
    }

    [Fact]
    public void CorrelatedPBits_StillSampleTheBoltzmannDistribution_SpreadBiasesIt()
    {
        // A read that keeps memory leaves each p-bit's conditional distribution invariant, so Gibbs sampling stays exact;
        // offsets and slopes act like wrong biases and local temperatures, and the KL stops falling.
        var net = PBitNetwork.Random(6, 0.7, new Rng(9));
        var exact = net.ExactBoltzmann();
        net.Devices = StochasticMtjPBits.Fabricate(6, new StochasticMtjParameters { SlopeSpread = 0, OffsetSpread = 0 }, new Rng(10));
        double correlated = PBitNetwork.KlDivergence(net.SampleHistogram(200_000, 100, new Rng(11)), exact);
        net.Devices = StochasticMtjPBits.Fabricate(6, new StochasticMtjParameters { SlopeSpread = 0.1, OffsetSpread = 0.3 }, new Rng(10));
        double spread = PBitNetwork.KlDivergence(net.SampleHistogram(200_000, 100, new Rng(11)), exact);
        output.WriteLine($"KL after 200,000 sweeps: correlated only {correlated:E2}, with spread {spread:E2}");
        Assert.True(correlated < 2e-3, $"{correlated}");
        Assert.True(spread > 10 * correlated, $"{spread} vs {correlated}");
    }

    [Fact]
    public void BadParameters_AreRefused_NamingTheField()
    {
        Assert.Equal(nameof(StochasticMtjParameters.FluctuationSeconds), Assert.Throws<ArgumentOutOfRangeException>(() => StochasticMtjPBits.Fabricate(2, new StochasticMtjParameters { FluctuationSeconds = -1e-9 }, new Rng(1))).ParamName);
        Assert.Equal(nameof(StochasticMtjParameters.SlopeSpread), Assert.Throws<ArgumentOutOfRangeException>(() => StochasticMtjPBits.Fabricate(2, new StochasticMtjParameters { SlopeSpread = 0.6 }, new Rng(1))).ParamName);
        Assert.Equal(nameof(StochasticMtjParameters.OffsetSpread), Assert.Throws<ArgumentOutOfRangeException>(() => StochasticMtjPBits.Fabricate(2, new StochasticMtjParameters { OffsetSpread = double.NaN }, new Rng(1))).ParamName);
        var net = PBitNetwork.Random(3, 1, new Rng(1));
        Assert.Throws<ArgumentException>(() => net.Devices = StochasticMtjPBits.Ideal(4));
        Assert.Equal(nameof(PBitNetwork.UpdateSeconds), Assert.Throws<ArgumentOutOfRangeException>(() => net.UpdateSeconds = 0).ParamName);
        var f = new PBitFactorizer(945, 3, 5);
        Assert.Equal("devices", Assert.Throws<ArgumentException>(() => f.Anneal(10, 0, 1, 1, new Rng(1), StochasticMtjPBits.Ideal(3))).ParamName);
        Assert.Equal("updateSeconds", Assert.Throws<ArgumentOutOfRangeException>(() => f.Anneal(10, 0, 1, 1, new Rng(1), StochasticMtjPBits.Ideal(8), -1)).ParamName);
    }
}
