using PnnKit.Methods;
using ScottPlot;

namespace PnnKit.Bench.Plots;

/// <summary>
/// Accuracy of every fabricated instance, one column per policy and age: each dot is one instance,
/// the bar its mean, so the spread (not only the mean) is visible.
/// </summary>
public static class AccuracyDistribution
{
    /// <summary>Horizontal spread of the dots within a column, in column widths (dots never touch the neighbour).</summary>
    private const double JitterWidth = 0.5;

    /// <summary>The plot as PNG bytes; <paramref name="columns"/> are (label, per-instance accuracies in [0, 1]).</summary>
    public static byte[] Render(string title, IReadOnlyList<(string Label, IReadOnlyList<double> Accuracies)> columns, int width = 720, int height = 420)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int c = 0; c < columns.Count; c++)
        {
            var acc = columns[c].Accuracies;
            if (acc.Count == 0)
            {
                continue;
            }
            // Deterministic jitter: instance i sits at a fixed offset, so the picture is reproducible.
            double[] xs = [.. acc.Select((_, i) => c + (JitterWidth * (((i * 0.618034) % 1.0) - 0.5)))];
            double[] ys = [.. acc.Select(a => 100 * a)];
            plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 5, palette.GetColor(c).WithAlpha(0.6));
            double mean = 100 * acc.Average();
            var line = plot.Add.Line(c - (JitterWidth / 2), mean, c + (JitterWidth / 2), mean);
            line.LineColor = Colors.Black;
            line.LineWidth = 2;
        }
        plot.Axes.Bottom.SetTicks([.. columns.Select((_, i) => (double)i)], [.. columns.Select(c => c.Label)]);
        plot.Axes.SetLimitsX(-0.6, columns.Count - 0.4);
        plot.Title(title);
        plot.YLabel("test accuracy (%)");
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
