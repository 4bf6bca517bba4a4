using PnnKit.Core.Costs;
using PnnKit.Core.Random;
using PnnKit.Spintronics.Costs;

namespace PnnKit.Spintronics.Reproductions;

/// <summary>Settings of <see cref="BoltzmannSampling.Run"/>.</summary>
public sealed record BoltzmannOptions
{
    /// <summary>Spins of the Ising model (≤ 10 for the check; ≤ 20 for exact enumeration).</summary>
    public int Spins { get; init; } = 10;

    /// <summary>Inverse temperature β (the p-bit input gain).</summary>
    public double Beta { get; init; } = 0.7;

    /// <summary>Sweep counts at which the KL divergence is reported, increasing.</summary>
    public IReadOnlyList<int> Checkpoints { get; init; } = [100, 1_000, 10_000, 100_000, 1_000_000];

    /// <summary>Sweeps discarded before counting.</summary>
    public int BurnIn { get; init; } = 100;

    /// <summary>Seed of the couplings and of the sampler.</summary>
    public ulong Seed { get; init; } = 11;

    /// <summary>The reduced run for CI: 8 spins up to 100,000 sweeps.</summary>
    public static BoltzmannOptions Quick { get; } = new() { Spins = 8, Checkpoints = [100, 1_000, 10_000, 100_000] };
}

/// <summary>KL divergence of the sampled distribution after <paramref name="Sweeps"/> counted sweeps.</summary>
/// <param name="Sweeps">Sweeps counted (one sample per sweep).</param>
/// <param name="Kl">KL(sampled ‖ exact), nats.</param>
public sealed record KlPoint(int Sweeps, double Kl);

/// <summary>Result of <see cref="BoltzmannSampling.Run"/>.</summary>
/// <param name="Spins">Spins.</param>
/// <param name="Beta">Inverse temperature.</param>
/// <param name="Curve">KL divergence against sweeps.</param>
/// <param name="CoreEnergyPerSweepJoules">p-bits and synapse MACs per sweep (<see cref="PBitCostModel"/>), J.</param>
/// <param name="SystemEnergyPerSweepJoules">Core plus weight reads and p-bit input DACs per sweep, J.</param>
public sealed record BoltzmannResult(int Spins, double Beta, IReadOnlyList<KlPoint> Curve, double CoreEnergyPerSweepJoules, double SystemEnergyPerSweepJoules);

/// <summary>
/// p-bits sample the Boltzmann distribution of a small Ising model (issue 6: KL &lt; 0.01 against exact
/// enumeration for ≤ 10 spins): a random spin glass (<see cref="PBitNetwork.Random"/>), asynchronous Gibbs sweeps,
/// one sample per sweep, and KL(sampled ‖ exact) at increasing sweep counts of one chain.
/// </summary>
public static class BoltzmannSampling
{
    /// <summary>Runs the sampler and reports the KL curve and the energy per sweep.</summary>
    public static BoltzmannResult Run(BoltzmannOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Spins is < 1 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Spins must be in [1, 20] for exact enumeration, got {options.Spins}.");
        }
        if (options.Checkpoints.Count == 0 || options.Checkpoints[0] < 1 || options.Checkpoints.Zip(options.Checkpoints.Skip(1)).Any(p => p.Second <= p.First))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Checkpoints must be increasing sweep counts ≥ 1.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(options.BurnIn);
        var rng = new Rng(options.Seed);
        var net = PBitNetwork.Random(options.Spins, options.Beta, rng.Split("couplings"));
        var exact = net.ExactBoltzmann();
        var sampler = rng.Split("sampler");
        net.Randomize(sampler);
        for (int t = 0; t < options.BurnIn; t++)
        {
            net.Sweep(sampler);
        }
        var counts = new long[exact.Length];
        var sampled = new double[exact.Length];
        var curve = new List<KlPoint>();
        int done = 0;
        foreach (int target in options.Checkpoints)
        {
            for (; done < target; done++)
            {
                net.Sweep(sampler);
                counts[net.StateIndex()]++;
            }
            for (int s = 0; s < counts.Length; s++)
            {
                sampled[s] = (double)counts[s] / done;
            }
            curve.Add(new KlPoint(done, PBitNetwork.KlDivergence(sampled, exact)));
        }
        var ledger = new CostLedger();
        long updates = (long)net.Count;
        PBitCostModel.Default.ChargeUpdates(ledger, updates, updates * net.SynapseMacsPerUpdate, updates * net.SynapseReadsPerUpdate);
        ledger.RecordInferences(1); // one sweep
        return new BoltzmannResult(options.Spins, options.Beta, curve, ledger.CoreEnergyPerInference, ledger.SystemEnergyPerInference(0));
    }
}
