using PnnKit.Core.Random;
using PnnKit.Spintronics;

namespace PnnKit.Spintronics.Tests;

public class PBitNetworkTests
{
    private static PBitNetwork RandomIsing(int n, ulong seed, double beta)
    {
        var rng = new Rng(seed);
        var j = new double[n * n];
        var h = new double[n];
        for (int i = 0; i < n; i++)
        {
            h[i] = rng.Uniform(-0.5, 0.5);
            for (int k = i + 1; k < n; k++)
            {
                j[(i * n) + k] = j[(k * n) + i] = rng.Uniform(-1, 1);
            }
        }
        return new PBitNetwork(j, h, beta);
    }

    [Fact]
    public void Gibbs_SamplesBoltzmann_KlBelowOnePercent_For8Spins()
    {
        var net = RandomIsing(8, 11, beta: 0.7);
        var exact = net.ExactBoltzmann();
        var sampled = net.SampleHistogram(sweeps: 100_000, burnIn: 100, new Rng(5));
        double kl = PBitNetwork.KlDivergence(sampled, exact);
        Assert.True(kl < 0.01, $"KL = {kl}");
    }

    [Fact]
    public void Sampling_AtTheWrongTemperature_IsDetectedByKl()
    {
        var net = RandomIsing(8, 11, beta: 0.7);
        var exact = net.ExactBoltzmann();
        net.Beta = 1.4;
        var sampled = net.SampleHistogram(sweeps: 20_000, burnIn: 100, new Rng(5));
        Assert.True(PBitNetwork.KlDivergence(sampled, exact) > 0.01);
    }

    [Fact]
    public void PBit_FiresWithProbabilityOneHalfTimesOnePlusTanhI()
    {
        // Single p-bit with bias h: P(m = +1) = (1 + tanh(β h))/2.
        var net = new PBitNetwork([0.0], [0.4], 1.5);
        var rng = new Rng(1);
        int up = 0, n = 100_000;
        for (int t = 0; t < n; t++)
        {
            net.Update(0, rng);
            up += net.States[0] > 0 ? 1 : 0;
        }
        double expected = (1 + Math.Tanh(0.6)) / 2;
        Assert.Equal(expected, (double)up / n, 2);
    }

    [Fact]
    public void AsymmetricCouplings_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new PBitNetwork([0, 1, 0.5, 0], [0.0, 0.0]));
        Assert.Throws<ArgumentException>(() => new PBitNetwork([1, 0, 0, 0], [0.0, 0.0]));
    }
}
