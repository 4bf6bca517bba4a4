namespace PnnKit.Bench.Suite;

/// <summary>A digital MLP sized to a substrate's accuracy.</summary>
/// <param name="Hidden">Hidden width of the one-hidden-layer MLP.</param>
/// <param name="Accuracy">Its test accuracy.</param>
/// <param name="CoreEnergyJoules">Its core (MAC) energy per inference, J.</param>
/// <param name="SystemEnergyJoules">Its system energy per inference (MACs, ReLUs, SRAM weight reads), J.</param>
public sealed record DigitalMatch(int Hidden, double Accuracy, double CoreEnergyJoules, double SystemEnergyJoules);

/// <summary>
/// Equal-accuracy sizing: the smallest digital MLP that reaches a target accuracy, so that "X times more
/// efficient than digital" compares at equal quality rather than against an oversized baseline.
/// </summary>
public static class EqualAccuracy
{
    /// <summary>Hidden widths searched: powers of two from 1 to 256.</summary>
    public static IReadOnlyList<int> Widths { get; } = [1, 2, 4, 8, 16, 32, 64, 128, 256];

    /// <summary>
    /// The first width of <paramref name="widths"/> (ascending) whose MLP reaches <paramref name="target"/>;
    /// null when none does. <paramref name="train"/> is called lazily, in order, and stops at the match.
    /// </summary>
    public static DigitalMatch? Smallest(double target, Func<int, DigitalMatch> train, IReadOnlyList<int>? widths = null)
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
        foreach (int w in widths)
        {
            var m = train(w);
            if (m.Accuracy >= target)
            {
                return m;
            }
        }
        return null;
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

    /// <summary>"X× more efficient than digital at equal accuracy" or "X× less …", from <see cref="Ratio"/>.</summary>
    public static string Describe(double ratio) => ratio >= 1
        ? $"{Factor(ratio)}× more efficient than digital at equal accuracy"
        : $"{Factor(1 / ratio)}× less efficient than digital at equal accuracy";

    /// <summary>A factor to three significant figures, without exponent notation when large (25,599 rather than 2.56E+04).</summary>
    public static string Factor(double x) => x.ToString(x >= 1000 ? "N0" : "G3", System.Globalization.CultureInfo.InvariantCulture);
}
