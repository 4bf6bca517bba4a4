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
            .AddColumn("sweeps").AddColumn("KL, sMTJ p-bits (correlated + spread)").AddColumn("< 0.01").AddColumn("KL, correlated only").AddColumn("KL, ideal p-bits").AddColumn("< 0.01 (ideal)");
        for (int k = 0; k < r.Curve.Count; k++)
        {
            double kl = r.Curve[k].Kl, ideal = r.IdealCurve[k].Kl;
            t.AddRow(r.Curve[k].Sweeps.ToString("N0", CultureInfo.InvariantCulture), kl.ToString("E2", CultureInfo.InvariantCulture), kl < 0.01 ? "yes" : "no",
                r.CorrelatedCurve[k].Kl.ToString("E2", CultureInfo.InvariantCulture), ideal.ToString("E2", CultureInfo.InvariantCulture), ideal < 0.01 ? "yes" : "no");
        }
        report.Line($"sMTJ p-bits: telegraph fluctuation time τ = {Units.Seconds(r.FluctuationSeconds)}, one update every {Units.Seconds(r.UpdateSeconds)}, so a p-bit is read about every "
            + $"{Units.Seconds(r.Spins * r.UpdateSeconds)} (successive reads are correlated by e^(−t/τ)), sigmoid slope spread "
            + $"{r.SlopeSpread.ToString("P0", CultureInfo.InvariantCulture)} and offset spread {r.OffsetSpread.ToString(CultureInfo.InvariantCulture)} across devices (assumption); "
            + "the ideal p-bits are independent reads of identical sigmoids. KL is against the design's exact Boltzmann distribution.");
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
    public string Summary => "p-bit Gibbs sampling of a 10-spin Ising glass: KL to exact enumeration vs sweeps, sMTJ p-bits (correlated, spread) vs ideal";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Hayakawa et al.", 2021, "Physical Review Letters")];

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
