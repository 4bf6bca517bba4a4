using PnnKit.Core.IO;
using PnnKit.Methods;
using ScottPlot;

namespace PnnKit.Bench.Plots;

/// <summary>Accuracy against device age on a log time axis: each policy's mean, with its 5th percentile dashed.</summary>
public static class AccuracyOverAge
{
    /// <summary>Writes the plot of <paramref name="series"/> to <paramref name="pngFile"/>.</summary>
    public static void Save(string pngFile, string title, IReadOnlyList<(string Name, IReadOnlyList<AgeStatistics> Ages)> series, int width = 720, int height = 420)
    {
        byte[] png = Render(title, series, width, height);
        AtomicFile.Write(pngFile, stream => stream.Write(png));
    }

    /// <summary>The plot of <paramref name="series"/> as PNG bytes.</summary>
    public static byte[] Render(string title, IReadOnlyList<(string Name, IReadOnlyList<AgeStatistics> Ages)> series, int width = 720, int height = 420)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int s = 0; s < series.Count; s++)
        {
            var ages = series[s].Ages;
            double[] logAge = [.. ages.Select(a => Math.Log10(a.AgeSeconds))];
            var color = palette.GetColor(s);
            var mean = plot.Add.Scatter(logAge, ages.Select(a => 100 * a.Mean).ToArray(), color);
            mean.LegendText = $"{series[s].Name}: mean";
            var p5 = plot.Add.Scatter(logAge, ages.Select(a => 100 * a.Percentile5).ToArray(), color);
            p5.LinePattern = LinePattern.Dashed;
            p5.LegendText = $"{series[s].Name}: 5th percentile";
        }
        // Log axis by hand: ticks at the usual ages, labelled in words.
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (seconds, label) in new[] { (1.0, "1 s"), (60.0, "1 min"), (3600.0, "1 h"), (86_400.0, "1 d"), (30 * 86_400.0, "1 mo"), (365 * 86_400.0, "1 y") })
        {
            ticks.AddMajor(Math.Log10(seconds), label);
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Title(title);
        plot.XLabel("time since programming");
        plot.YLabel("test accuracy (%)");
        plot.ShowLegend(Alignment.LowerLeft);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
