using ScottPlot;

namespace PnnKit.Bench.Plots;

/// <summary>
/// Accuracy against system energy per inference across substrates (log energy axis), with the Pareto
/// front: the systems no other system beats on both accuracy and energy.
/// </summary>
public static class ParetoFront
{
    /// <summary>
    /// Indices of the non-dominated points (lower energy and higher accuracy are better), ordered by
    /// energy. A point is dominated when another is at least as good on both and better on one.
    /// </summary>
    public static IReadOnlyList<int> Front(IReadOnlyList<(double Joules, double Accuracy)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        bool Dominated(int i) => points.Where((_, j) => j != i).Any(q =>
            q.Joules <= points[i].Joules && q.Accuracy >= points[i].Accuracy && (q.Joules < points[i].Joules || q.Accuracy > points[i].Accuracy));
        return [.. Enumerable.Range(0, points.Count).Where(i => !Dominated(i)).OrderBy(i => points[i].Joules)];
    }

    /// <summary>The plot as PNG bytes; points are (label, system joules per inference &gt; 0, accuracy in [0, 1]).</summary>
    public static byte[] Render(string title, IReadOnlyList<(string Label, double Joules, double Accuracy)> points, int width = 720, int height = 420)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.FirstOrDefault(p => !(p.Joules > 0) || !double.IsFinite(p.Joules)) is { Label: not null } bad)
        {
            throw new ArgumentOutOfRangeException(nameof(points), $"{bad.Label}: energy per inference must be finite and > 0 J for a log axis, got {bad.Joules}.");
        }
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < points.Count; i++)
        {
            var m = plot.Add.Marker(Math.Log10(points[i].Joules), 100 * points[i].Accuracy, MarkerShape.FilledCircle, 10, palette.GetColor(i));
            m.LegendText = points[i].Label;
        }
        var front = Front([.. points.Select(p => (p.Joules, p.Accuracy))]);
        if (front.Count > 1)
        {
            var line = plot.Add.Scatter(front.Select(i => Math.Log10(points[i].Joules)).ToArray(), front.Select(i => 100 * points[i].Accuracy).ToArray(), Colors.Gray);
            line.LinePattern = LinePattern.Dashed;
            line.MarkerSize = 0;
            line.LegendText = "Pareto front";
        }
        plot.Axes.Bottom.TickGenerator = Units.LogJouleTicks(points.Min(p => p.Joules), points.Max(p => p.Joules));
        plot.Title(title);
        plot.XLabel("system energy per inference (log scale)");
        plot.YLabel("test accuracy (%)");
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
