using PnnKit.Core.Reproductions;
using PnnKit.Spintronics.Costs;

namespace PnnKit.Spintronics.Reproductions;

/// <summary>The p-bit factorisation, as <c>pnn repro pbit-factor</c> prints it.</summary>
/// <param name="Result">What <see cref="SpintronicDemos.Factor"/> found with p-bits made of fabricated sMTJs (the default).</param>
/// <param name="IdealResult">The same anneal with ideal p-bits (independent reads, identical sigmoids).</param>
public sealed record PbitFactorResult(FactorizationResult Result, FactorizationResult IdealResult) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => new { Fabricated = Result, Ideal = IdealResult };

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var f = Result;
        return new ReproReport()
            .Lead("p-bit invertible multiplier (Borders et al. 2019):", $"{f.Number} → {f.X} × {f.Y} = {f.X * f.Y}, visited in {f.Visits} of the last {f.Counted} sweeps "
                + "(sMTJ p-bits: τ = 8 ns reads on a 10 ns clock, 10 % slope and 0.1 offset spread)")
            .Line($"Ideal p-bits (independent reads, identical sigmoids): {IdealResult.X} × {IdealResult.Y} = {IdealResult.X * IdealResult.Y}, visited in {IdealResult.Visits} of the last {IdealResult.Counted} sweeps.")
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
    public string Summary => "8 p-bits factor 945 as an invertible multiplier (Borders et al. 2019), sMTJ vs ideal p-bits, energy per sweep and per solution";

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
        ulong seed = args.Value("seed") is null ? 17 : (ulong)args.Int("seed", 17, 0, int.MaxValue);
        return new PbitFactorResult(SpintronicDemos.Factor(945, seed), SpintronicDemos.Factor(945, seed, ideal: true));
    }
}
