using PnnKit.Core.Reproductions;

namespace PnnKit.Networks.Reproductions;

/// <summary>The diode network's XOR, as <c>pnn repro diode-xor</c> prints it.</summary>
/// <param name="Result">What <see cref="DiodeXor.Run"/> measured.</param>
public sealed record DiodeXorReproResult(DiodeXorResult Result) : IReproResult
{
    /// <inheritdoc/>
    public object Json()
    {
        var r = Result;
        return new { r.CorrectBefore, r.CorrectAfter, r.LossBefore, r.LossAfter, Margins = r.Margins.Select(m => new { m.X1, m.X2, m.Margin }), r.Steps, r.Equilibria };
    }

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var r = Result;
        return new ReproReport()
            .Lead("Nonlinear resistor network (4 diodes, 12 trained resistors) learning XOR", "by in-situ gradients")
            .Line($"truth-table rows correct: {r.CorrectBefore}/4 at start, {r.CorrectAfter}/4 after {r.Steps} steps; cross-entropy {r.LossBefore:F3} → {r.LossAfter:F3}")
            .Line("output margins V(right) − V(wrong): " + string.Join(", ", r.Margins.Select(m => $"{m.X1} xor {m.X2}: {m.Margin:F3} V")))
            .Line($"equilibria solved: {r.Equilibria}");
    }
}

/// <summary><c>pnn repro diode-xor</c>: <see cref="DiodeXor"/> from the command line.</summary>
public sealed class DiodeXorReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "diode-xor";

    /// <inheritdoc/>
    public string Summary => "a 4-diode, 12-resistor network learns XOR by in-situ gradients";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [];

    /// <inheritdoc/>
    public string? Quick => "150 in-situ training steps instead of 300";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } =
        [ReproOption.Quick, new("epochs", "in-situ training steps (default 300)"), new("seed", $"seed of the initial network (default {DiodeXor.DefaultSeed})")];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ulong seed = (ulong)args.Int("seed", (int)DiodeXor.DefaultSeed, 0, int.MaxValue);
        return new DiodeXorReproResult(DiodeXor.Run(seed, steps: args.Int("epochs", args.Flag("quick") ? 150 : 300, 1, 1_000_000)));
    }
}
