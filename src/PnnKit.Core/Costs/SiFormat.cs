using System.Globalization;

namespace PnnKit.Core.Costs;

/// <summary>Formats a quantity with an SI prefix, three significant figures: "12.3 nJ", "4.5 mW".</summary>
internal static class SiFormat
{
    private static readonly (double Scale, string Prefix)[] Prefixes =
        [(1e3, "k"), (1, ""), (1e-3, "m"), (1e-6, "µ"), (1e-9, "n"), (1e-12, "p"), (1e-15, "f"), (1e-18, "a")];

    public static string Format(double value, string unit)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value.ToString(CultureInfo.InvariantCulture) + " " + unit;
        }
        var (scale, prefix) = Prefixes.FirstOrDefault(p => Math.Abs(value) >= p.Scale, Prefixes[^1]);
        return (value / scale).ToString("G3", CultureInfo.InvariantCulture) + " " + prefix + unit;
    }
}
