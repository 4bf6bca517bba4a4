using PnnKit.Core.Random;
using PnnKit.Spintronics;

namespace PnnKit.Spintronics.Tests;

public class PBitNetworkTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static PBitNetwork RandomIsing(int n, ulong seed, double beta) => PBitNetwork.Random(n, beta, new Rng(seed));

    [Fact]
    public void Gibbs_SamplesBoltzmann_KlBelowOnePercent_For8Spins()
    {
        var net = RandomIsing(8, 11, beta: 0.7);
        var exact = net.ExactBoltzmann();
        var sampled = net.SampleHistogram(sweeps: 100_000, burnIn: 100, new Rng(5));
        double kl = PBitNetwork.KlDivergence(sampled, exact);
        output.WriteLine($"8-spin Ising, β = 0.7, 100,000 sweeps: KL(sampled ‖ exact) = {kl:E3} nats");
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

public class SparsePBitNetworkTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void SparseAndDenseNetworks_FollowTheSameRandomStream_ToTheSameStates()
    {
        int n = 6;
        var edges = new List<(int, int, double)> { (0, 1, 0.5), (1, 2, -0.7), (2, 5, 0.3), (3, 4, 0.9), (0, 5, -0.2) };
        var j = new double[n * n];
        foreach (var (a, b, w) in edges)
        {
            j[(a * n) + b] = j[(b * n) + a] = w;
        }
        double[] h = [0.1, -0.2, 0.3, 0, 0.05, -0.1];
        var dense = new PBitNetwork(j, h, 1.3);
        var sparse = new SparsePBitNetwork(edges, h, 1.3);
        var r1 = new Rng(8);
        var r2 = new Rng(8);
        for (int s = 0; s < 200; s++)
        {
            dense.Sweep(r1);
            sparse.Sweep(r2);
            Assert.True(dense.States.SequenceEqual(sparse.States), $"sweep {s}");
        }
    }

    [Fact]
    public void ThousandSpinNetwork_Sweeps_AndReportsRate()
    {
        var net = SparsePBitNetwork.Random(1000, 6, 0.5, new Rng(1));
        var rng = new Rng(2);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int sweeps = 500;
        for (int s = 0; s < sweeps; s++)
        {
            net.Sweep(rng);
        }
        // Printed, never asserted (no wall-clock assertions): p-bit sweeps per second on this machine.
        output.WriteLine($"1,000-spin sparse p-bit network (degree 6): {sweeps / clock.Elapsed.TotalSeconds:F0} sweeps/s");
        int up = 0;
        foreach (int m in net.States)
        {
            up += m > 0 ? 1 : 0;
        }
        Assert.InRange(up, 300, 700);
    }

    [Fact]
    public void Sweeps_AllocateNothing()
    {
        var sparse = SparsePBitNetwork.Random(1000, 6, 0.5, new Rng(1));
        var dense = PBitNetwork.Random(10, 0.7, new Rng(1));
        var rng = new Rng(2);
        sparse.Sweep(rng);
        dense.Sweep(rng);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int s = 0; s < 20; s++)
        {
            sparse.Sweep(rng);
            dense.Sweep(rng);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void SelfLoops_AreRefused() =>
        Assert.Throws<ArgumentException>(() => new SparsePBitNetwork([(1, 1, 0.5)], [0.0, 0.0]));
}
