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

    /// <summary>The stochastic MTJs the p-bits are made of (τ = 8 ns, 10 % slope and 0.1 offset spread), read every <see cref="PBitNetwork.UpdateSeconds"/>.</summary>
    public StochasticMtjParameters Devices { get; init; } = new();

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
/// <param name="Curve">KL divergence against sweeps for the sMTJ p-bits: correlated reads and device-to-device spread (the default).</param>
/// <param name="CoreEnergyPerSweepJoules">p-bits and synapse MACs per sweep (<see cref="PBitCostModel"/>), J.</param>
/// <param name="SystemEnergyPerSweepJoules">Core plus weight reads and p-bit input DACs per sweep, J.</param>
public sealed record BoltzmannResult(int Spins, double Beta, IReadOnlyList<KlPoint> Curve, double CoreEnergyPerSweepJoules, double SystemEnergyPerSweepJoules)
{
    /// <summary>The same for ideal p-bits: independent reads of identical sigmoids.</summary>
    public IReadOnlyList<KlPoint> IdealCurve { get; init; } = [];

    /// <summary>The same for sMTJ p-bits with correlated reads but no spread (identical sigmoids).</summary>
    public IReadOnlyList<KlPoint> CorrelatedCurve { get; init; } = [];

    /// <summary>The sMTJ fluctuation time τ, s.</summary>
    public double FluctuationSeconds { get; init; }

    /// <summary>Relative standard deviation of the sMTJ sigmoid slopes across devices.</summary>
    public double SlopeSpread { get; init; }

    /// <summary>Standard deviation of the sMTJ sigmoid offsets across devices.</summary>
    public double OffsetSpread { get; init; }

    /// <summary>Time between updates of the network, s (a p-bit is read on average once per sweep of <see cref="Spins"/> updates).</summary>
    public double UpdateSeconds { get; init; }
}

/// <summary>
/// p-bits sample the Boltzmann distribution of a small Ising model (issue 6: KL &lt; 0.01 against exact
/// enumeration for ≤ 10 spins): a random spin glass (<see cref="PBitNetwork.Random"/>), asynchronous Gibbs sweeps,
/// one sample per sweep, and KL(sampled ‖ exact) at increasing sweep counts of one chain. Three chains share the sampler's
/// seed: sMTJ p-bits as fabricated (correlated reads and spread, the default), the same with identical sigmoids (correlated
/// only: still exact in the limit, since each read leaves the conditional distribution invariant, but slower to mix), and
/// ideal p-bits.
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
        var devices = StochasticMtjPBits.Fabricate(options.Spins, options.Devices, rng.Split("devices"));
        var correlated = StochasticMtjPBits.Fabricate(options.Spins, options.Devices with { SlopeSpread = 0, OffsetSpread = 0 }, rng.Split("devices"));
        var sMtj = Curve(net, devices, exact, options, rng.Split("sampler"));
        var ideal = Curve(net, null, exact, options, rng.Split("sampler"));
        var corr = Curve(net, correlated, exact, options, rng.Split("sampler"));
        var ledger = new CostLedger();
        long updates = (long)net.Count;
        PBitCostModel.Default.ChargeUpdates(ledger, updates, updates * net.SynapseMacsPerUpdate, updates * net.SynapseReadsPerUpdate);
        ledger.RecordInferences(1); // one sweep
        return new BoltzmannResult(options.Spins, options.Beta, sMtj, ledger.CoreEnergyPerInference, ledger.SystemEnergyPerInference(0))
        {
            IdealCurve = ideal,
            CorrelatedCurve = corr,
            FluctuationSeconds = options.Devices.FluctuationSeconds,
            SlopeSpread = options.Devices.SlopeSpread,
            OffsetSpread = options.Devices.OffsetSpread,
            UpdateSeconds = net.UpdateSeconds,
        };
    }

    // One chain from a random start: burn-in, then one sample per sweep, KL at each checkpoint.
    private static List<KlPoint> Curve(PBitNetwork net, StochasticMtjPBits? devices, double[] exact, BoltzmannOptions options, Rng sampler)
    {
        net.Devices = devices;
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
        return curve;
    }
}
