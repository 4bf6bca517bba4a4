using ScottPlot;

namespace PnnKit.Bench.Plots;

/// <summary>
/// Where the energy of one inference goes, per system: a 100 % stacked bar of the ledger's terms, with
/// the total under each bar (totals differ by orders of magnitude across substrates, shares do not).
/// </summary>
public static class EnergyBreakdown
{
    /// <summary>The plot as PNG bytes; each bar is (label, terms as (name, joules per inference)).</summary>
    public static byte[] Render(string title, IReadOnlyList<(string Label, IReadOnlyList<(string Term, double Joules)> Terms)> bars, int width = 960, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        // One colour per term name across all bars, in order of first appearance.
        var termNames = bars.SelectMany(b => b.Terms.Select(t => t.Term)).Distinct(StringComparer.Ordinal).ToList();
        var segments = new List<Bar>();
        for (int b = 0; b < bars.Count; b++)
        {
            double total = bars[b].Terms.Sum(t => t.Joules);
            double bottom = 0;
            foreach (var (term, joules) in bars[b].Terms)
            {
                double share = total > 0 ? 100 * joules / total : 0;
                segments.Add(new Bar { Position = b, ValueBase = bottom, Value = bottom + share, FillColor = palette.GetColor(termNames.IndexOf(term)) });
                bottom += share;
            }
        }
        plot.Add.Bars(segments);
        foreach (var (term, i) in termNames.Select((t, i) => (t, i)))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = term, FillColor = palette.GetColor(i) });
        }
        plot.Axes.Bottom.SetTicks([.. bars.Select((_, i) => (double)i)], [.. bars.Select(b => $"{b.Label}\n{Units.Joules(b.Terms.Sum(t => t.Joules))}")]);
        plot.Axes.SetLimits(-0.6, bars.Count - 0.4, 0, 100);
        plot.Title(title);
        plot.YLabel("share of system energy per inference (%)");
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
