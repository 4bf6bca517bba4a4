using System.Globalization;
using PnnKit.Core.Reproductions;
using PnnKit.Spintronics.Costs;

namespace PnnKit.Spintronics.Reproductions;

/// <summary>The p-bit Boltzmann sampling, as <c>pnn repro pbit-boltzmann</c> prints it.</summary>
/// <param name="Result">What <see cref="BoltzmannSampling.Run"/> measured.</param>
public sealed record PbitBoltzmannResult(BoltzmannResult Result) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Result;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var r = Result;
        var report = new ReproReport();
        var t = report.Table($"p-bit Gibbs sampling of a {r.Spins}-spin Ising spin glass (β = {r.Beta.ToString(CultureInfo.InvariantCulture)}) against exact enumeration of its {1 << r.Spins} states")
            .AddColumn("sweeps").AddColumn("KL(sampled ‖ exact), nats").AddColumn("< 0.01");
        foreach (var p in r.Curve)
        {
            t.AddRow(p.Sweeps.ToString("N0", CultureInfo.InvariantCulture), p.Kl.ToString("E2", CultureInfo.InvariantCulture), p.Kl < 0.01 ? "yes" : "no");
        }
        var c = PBitCostModel.Default;
        return report.Line($"Energy per sweep ({r.Spins} updates): core {Units.Joules(r.CoreEnergyPerSweepJoules)}, system {Units.Joules(r.SystemEnergyPerSweepJoules)} "
            + $"(p-bit alone {c.PBitJoulesPerUpdate * 1e15:F1} fJ per update; the digital synapse and its DAC dominate).");
    }
}

/// <summary><c>pnn repro pbit-boltzmann</c>: <see cref="BoltzmannSampling"/> from the command line.</summary>
public sealed class PbitBoltzmannReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "pbit-boltzmann";

    /// <inheritdoc/>
    public string Summary => "p-bit Gibbs sampling of a 10-spin Ising glass: KL to exact enumeration vs sweeps";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [];

    /// <inheritdoc/>
    public string? Quick => "8 spins, up to 100,000 sweeps instead of 10 spins, up to 1,000,000";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } = [ReproOption.Quick, new("seed", "seed of the couplings and the sampler (default 11)")];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = args.Flag("quick") ? BoltzmannOptions.Quick : new BoltzmannOptions();
        if (args.Value("seed") is not null)
        {
            options = options with { Seed = (ulong)args.Int("seed", 11, 0, int.MaxValue) };
        }
        return new PbitBoltzmannResult(BoltzmannSampling.Run(options));
    }
}
