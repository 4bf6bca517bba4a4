using System.Globalization;

namespace PnnKit.Bench.Plots;

/// <summary>Axis labels for physical quantities: joules with an SI prefix, and decade ticks on a log10 axis.</summary>
public static class Units
{
    private static readonly (double Scale, string Unit)[] JoulePrefixes = [(1, "J"), (1e-3, "mJ"), (1e-6, "µJ"), (1e-9, "nJ"), (1e-12, "pJ"), (1e-15, "fJ")];

    /// <summary>"12.3 nJ": three significant figures with the largest prefix that keeps the number ≥ 1.</summary>
    public static string Joules(double joules)
    {
        var (scale, unit) = JoulePrefixes.FirstOrDefault(p => Math.Abs(joules) >= p.Scale, JoulePrefixes[^1]);
        return (joules / scale).ToString("G3", CultureInfo.InvariantCulture) + " " + unit;
    }

    /// <summary>Labelled ticks at 1, 2 and 5 times each decade around [<paramref name="minJoules"/>, <paramref name="maxJoules"/>] on a log10(J) axis.</summary>
    public static ScottPlot.TickGenerators.NumericManual LogJouleTicks(double minJoules, double maxJoules)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int d = (int)Math.Floor(Math.Log10(minJoules)) - 1; d <= (int)Math.Ceiling(Math.Log10(maxJoules)) + 1; d++)
        {
            foreach (double m in (double[])[1, 2, 5])
            {
                ticks.AddMajor(Math.Log10(m) + d, Joules(m * Math.Pow(10, d)));
            }
        }
        return ticks;
    }
}
