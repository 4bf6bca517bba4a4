using PnnKit.Core.Reproductions;
using PnnKit.Spintronics.Costs;

namespace PnnKit.Spintronics.Reproductions;

/// <summary>The p-bit factorisation, as <c>pnn repro pbit-factor</c> prints it.</summary>
/// <param name="Result">What <see cref="SpintronicDemos.Factor"/> found.</param>
public sealed record PbitFactorResult(FactorizationResult Result) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Result;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var f = Result;
        return new ReproReport()
            .Lead("p-bit invertible multiplier (Borders et al. 2019):", $"{f.Number} → {f.X} × {f.Y} = {f.X * f.Y}, visited in {f.Visits} of the last {f.Counted} sweeps")
            .Line($"Energy per sweep (8 updates): core {Units.Joules(f.CoreEnergyPerSweepJoules)}, system {Units.Joules(f.SystemEnergyPerSweepJoules)}; "
                + $"per solution (the {f.Sweeps}-sweep anneal): {Units.Joules(f.SystemEnergyPerSolutionJoules)} "
                + $"(p-bit alone {PBitCostModel.Default.PBitJoulesPerUpdate * 1e15:F1} fJ per update).");
    }
}

/// <summary><c>pnn repro pbit-factor</c>: <see cref="SpintronicDemos.Factor"/> from the command line.</summary>
public sealed class PbitFactorReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "pbit-factor";

    /// <inheritdoc/>
    public string Summary => "8 p-bits factor 945 as an invertible multiplier (Borders et al. 2019), energy per sweep and per solution";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Borders et al.", 2019, "Nature")];

    /// <inheritdoc/>
    public string? Quick => null;

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } = [new("seed", "seed of the anneal (default 17)")];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        var f = args.Value("seed") is null ? SpintronicDemos.Factor() : SpintronicDemos.Factor(945, (ulong)args.Int("seed", 17, 0, int.MaxValue));
        return new PbitFactorResult(f);
    }
}
