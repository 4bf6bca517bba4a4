using PnnKit.Core.Random;
using PnnKit.Photonics.Linear;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Bench.Perf;

/// <summary>
/// Clements decomposition (Clements et al., Optica 3, 1460 (2016)) of a Haar-random N = 256 unitary in
/// double precision, including the unitarity check: target under <see cref="TargetSeconds"/> s (issue 3).
/// </summary>
public sealed class DecompositionPerfItem(int modes = 256) : IPerfItem
{
    /// <summary>Longest acceptable decomposition time, s.</summary>
    public const double TargetSeconds = 1.0;

    /// <inheritdoc/>
    public string Name => $"unitary decomposition N = {modes}";

    /// <inheritdoc/>
    public IEnumerable<PerfResult> Run(PerfContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var u = ComplexMatrix.RandomUnitary(modes, new Rng(5));
        var t = Timing.Measure(() => UnitaryDecomposition.Clements(u, modes), 1, context.Options.Quick ? 1 : 3);
        return [new PerfResult($"Clements decomposition of a {modes}×{modes} unitary (double, 1 thread)", t.Min, "s", "time", t.Min,
            $"< {TargetSeconds:F0} s", t.Min < TargetSeconds, t.ToString())];
    }
}
