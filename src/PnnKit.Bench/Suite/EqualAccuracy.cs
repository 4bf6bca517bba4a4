namespace PnnKit.Bench.Suite;

/// <summary>A digital MLP sized to a substrate's accuracy.</summary>
/// <param name="Hidden">Hidden width of the one-hidden-layer MLP.</param>
/// <param name="Precision">"fp32", "fp16" or "int8" (post-training quantized).</param>
/// <param name="ValidationAccuracy">Its validation accuracy, on which it was chosen.</param>
/// <param name="Accuracy">Its test accuracy, read once it is chosen.</param>
/// <param name="CoreEnergyJoules">Its core (MAC) energy per inference, J.</param>
/// <param name="SystemEnergyJoules">Its system energy per inference (MACs, ReLUs, SRAM weight reads), J.</param>
public sealed record DigitalMatch(int Hidden, string Precision, double ValidationAccuracy, double Accuracy, double CoreEnergyJoules, double SystemEnergyJoules);

/// <summary>
/// Equal-accuracy sizing: the cheapest digital MLP that reaches a target accuracy, so that "X times more
/// efficient than digital" compares at equal quality and at the precision a user would deploy, rather
/// than against an oversized fp32 baseline. The width is chosen on validation accuracy (DESIGN §6b).
/// </summary>
public static class EqualAccuracy
{
    /// <summary>Hidden widths searched: powers of two from 1 to 256.</summary>
    public static IReadOnlyList<int> Widths { get; } = [1, 2, 4, 8, 16, 32, 64, 128, 256];

    /// <summary>
    /// For each precision <paramref name="train"/> returns, the smallest width of <paramref name="widths"/>
    /// (ascending) whose validation accuracy reaches <paramref name="target"/>; precisions no width brings
    /// there are absent. <paramref name="train"/> gives one candidate per precision for a width; it is called
    /// lazily, in order, and the search stops once every precision has its match.
    /// </summary>
    public static IReadOnlyList<DigitalMatch> Matches(double target, Func<int, IReadOnlyList<DigitalMatch>> train, IReadOnlyList<int>? widths = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (!(target is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(target), $"target accuracy must be in [0, 1], got {target}.");
        }
        widths ??= Widths;
        for (int k = 0; k < widths.Count; k++)
        {
            if (widths[k] < 1 || (k > 0 && widths[k] <= widths[k - 1]))
            {
                throw new ArgumentException($"widths must be positive and strictly increasing; got {string.Join(", ", widths)}.", nameof(widths));
            }
        }
        var found = new Dictionary<string, DigitalMatch>();
        HashSet<string>? all = null;
        foreach (int w in widths)
        {
            var candidates = train(w);
            all ??= [.. candidates.Select(c => c.Precision)];
            foreach (var m in candidates.Where(m => m.ValidationAccuracy >= target && !found.ContainsKey(m.Precision)))
            {
                found[m.Precision] = m;
            }
            if (found.Count == all.Count)
            {
                break;
            }
        }
        return [.. found.Values];
    }

    /// <summary>The match of least system energy (null when there is none).</summary>
    public static DigitalMatch? Cheapest(IReadOnlyList<DigitalMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        return matches.Count == 0 ? null : matches.MinBy(m => m.SystemEnergyJoules);
    }

    /// <summary>Digital system energy ÷ substrate system energy: above 1 the substrate uses less energy at equal accuracy.</summary>
    public static double Ratio(DigitalMatch digital, double substrateSystemJoules)
    {
        ArgumentNullException.ThrowIfNull(digital);
        if (!(substrateSystemJoules > 0) || !double.IsFinite(substrateSystemJoules))
        {
            throw new ArgumentOutOfRangeException(nameof(substrateSystemJoules), $"system energy must be finite and > 0 J, got {substrateSystemJoules}.");
        }
        return digital.SystemEnergyJoules / substrateSystemJoules;
    }

    /// <summary>"X× more efficient than digital (int8) at equal accuracy" or "X× less …", from <see cref="Ratio"/>.</summary>
    public static string Describe(double ratio, string precision) => ratio >= 1
        ? $"{Factor(ratio)}× more efficient than digital ({precision}) at equal accuracy"
        : $"{Factor(1 / ratio)}× less efficient than digital ({precision}) at equal accuracy";

    /// <summary>A factor to three significant figures, without exponent notation when large (25,599 rather than 2.56E+04).</summary>
    public static string Factor(double x) => x.ToString(x >= 1000 ? "N0" : "G3", System.Globalization.CultureInfo.InvariantCulture);
}
