namespace PnnKit.Bench.Perf;

/// <summary>
/// A measured float32 FMA peak: the vector width that gave it and its rate on a thread count. Every
/// "fraction of peak" in the suite is taken against <see cref="Highest"/> of the widths measured, so a
/// kernel is never judged against a narrower unit than the machine has.
/// </summary>
public sealed record FmaPeakFigure(int Bits, double Gflops)
{
    /// <summary>"Vector512".</summary>
    public string Width => $"Vector{Bits}";

    /// <summary>The figure with the highest rate (the widest on a tie); null when there is none.</summary>
    public static FmaPeakFigure? Highest(IEnumerable<FmaPeakFigure> peaks)
    {
        ArgumentNullException.ThrowIfNull(peaks);
        return peaks.Where(p => double.IsFinite(p.Gflops) && p.Gflops > 0)
            .OrderByDescending(p => p.Gflops).ThenByDescending(p => p.Bits).FirstOrDefault();
    }

    /// <summary>
    /// A judged "fraction of peak" row: <paramref name="gflops"/> over this peak against
    /// <paramref name="target"/> (at least). Pure, so the verdict is tested with given figures.
    /// </summary>
    public PerfResult Fraction(string name, double gflops, double target, string? detail = null)
    {
        double fraction = gflops / Gflops;
        return new PerfResult(name, gflops, "GFLOP/s", $"fraction of the {Width} FMA peak (highest measured)", fraction,
            $"≥ {target:F2}", fraction >= target, detail);
    }
}
