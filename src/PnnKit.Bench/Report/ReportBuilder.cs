using System.Globalization;
using PnnKit.Bench.Plots;
using PnnKit.Core.IO;

namespace PnnKit.Bench.Report;

/// <summary>Turns what a directory holds (<see cref="ReportData"/>) into a page of tables and ScottPlot figures, and writes it.</summary>
public static class ReportBuilder
{
    /// <summary>Builds the page: run figures and energy terms, robustness over age and instances, suite table and Pareto fronts.</summary>
    public static ReportDocument Build(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var blocks = new List<ReportBlock> { new Paragraph($"Made from {data.Source} by pnn report.") };
        if (data.Run is { } run)
        {
            AddRun(blocks, run);
        }
        if (data.Robustness.Count > 0)
        {
            AddRobustness(blocks, data);
        }
        var bars = EnergyBars(data);
        if (bars.Count > 0)
        {
            blocks.Add(new Figure("report-energy-breakdown.png", "Share of each term in the system energy per inference; the total is under each bar.",
                EnergyBreakdown.Render("Energy per inference, by term", bars)));
        }
        if (data.Suite.Count > 0)
        {
            AddSuite(blocks, data);
        }
        return new ReportDocument(data.Title, blocks);
    }

    /// <summary>Writes report.html (self-contained), report.md and the PNGs it links into <paramref name="directory"/>; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(ReportDocument document, string directory)
    {
        ArgumentNullException.ThrowIfNull(document);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var f in document.Blocks.OfType<Figure>())
        {
            string png = Path.Combine(directory, f.FileName);
            AtomicFile.Write(png, s => s.Write(f.Png));
            written.Add(png);
        }
        string html = Path.Combine(directory, "report.html");
        string md = Path.Combine(directory, "report.md");
        AtomicFile.WriteAllText(html, document.ToHtml());
        AtomicFile.WriteAllText(md, document.ToMarkdown());
        written.InsertRange(0, [html, md]);
        return written;
    }

    private static string Percent(double? v) => v is double a && double.IsFinite(a) ? a.ToString("P2", CultureInfo.InvariantCulture) : "—";

    private static string J(double? v) => v is double j && double.IsFinite(j) ? Units.Joules(j) : "—";

    private static string S(double? v) => v is double s && double.IsFinite(s) ? new Core.Costs.Duration(s).ToString() : "—";

    private static void AddRun(List<ReportBlock> blocks, RunFigures run)
    {
        blocks.Add(new Heading($"Run {run.Name} ({run.Substrate}, {run.Data})"));
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "test accuracy (design)", Percent(run.TestAccuracy) },
            new[] { "energy per inference, core", J(run.CoreJoules) },
            new[] { "energy per inference, system", J(run.SystemJoules) },
            new[] { "latency (critical path)", S(run.LatencySeconds) },
            new[] { "parameters", run.Parameters.ToString(CultureInfo.InvariantCulture) },
        };
        rows.AddRange(run.Figures.Select(f => (IReadOnlyList<string>)[f.Name, f.Value]));
        blocks.Add(new TableBlock(["figure", "value"], rows));
        if (run.Terms.Count > 0)
        {
            double total = run.Terms.Sum(t => t.JoulesPerInference);
            blocks.Add(new Paragraph("Terms included in the system figure (energy per inference):"));
            blocks.Add(new TableBlock(["term", "category", "energy", "share"],
                [.. run.Terms.Select(t => (IReadOnlyList<string>)[t.Name, t.Category, J(t.JoulesPerInference), total > 0 ? Percent(t.JoulesPerInference / total) : "—"])]));
        }
        blocks.Add(run.Excluded.Count > 0
            ? new TableBlock(["term not counted", "why"], [.. run.Excluded.Select(e => (IReadOnlyList<string>)[e.Term, e.Reason])])
            : new Paragraph("Terms not counted: none declared."));
    }

    private static void AddRobustness(List<ReportBlock> blocks, ReportData data)
    {
        blocks.Add(new Heading("Robustness: fabricated instances over time"));
        if (data.RobustnessSummary is { } summary)
        {
            blocks.Add(new Paragraph(summary + "."));
        }
        var rows = new List<IReadOnlyList<string>>();
        foreach (var p in data.Robustness)
        {
            for (int a = 0; a < p.Ages.Count; a++)
            {
                var s = p.Ages[a];
                double cal = a < p.JoulesPerCalibration.Count ? p.JoulesPerCalibration[a] : 0;
                rows.Add([p.Policy, Age(s.AgeSeconds), Percent(s.Mean), Percent(s.Std), Percent(s.Percentile5), Percent(s.Worst), cal > 0 ? J(cal) : "—"]);
            }
        }
        blocks.Add(new TableBlock(["policy", "age", "mean", "std", "p5", "worst", "one calibration"], rows));
        blocks.Add(new Figure("report-accuracy-over-age.png", "Mean accuracy over instances (solid) and its 5th percentile (dashed) against time since programming.",
            AccuracyOverAge.Render("Accuracy over age", [.. data.Robustness.Select(p => (p.Policy, p.Ages))])));
        var columns = data.Robustness.SelectMany(p => p.Ages.Select(a => ($"{p.Policy}\n{Age(a.AgeSeconds)}", a.Accuracies))).Where(c => c.Accuracies.Count > 0).ToList();
        if (columns.Count > 0)
        {
            blocks.Add(new Figure("report-accuracy-distribution.png", "Accuracy of every fabricated instance per policy and age (dots), with the mean (bar).",
                AccuracyDistribution.Render("Accuracy over fabricated instances", columns)));
        }
    }

    private static void AddSuite(List<ReportBlock> blocks, ReportData data)
    {
        blocks.Add(new Heading("Benchmark suite"));
        blocks.Add(new TableBlock(
            ["task", "substrate", "ideal", "mean", "p5", "1 day", "deployed", "core energy", "system energy", "× digital efficiency", "latency", "method", "queries", "parameters"],
            [.. data.Suite.Select(r => (IReadOnlyList<string>)
            [
                r.Task, r.Model is { } m ? $"{r.Substrate}: {m}" : r.Substrate, Percent(r.IdealAccuracy), Percent(r.MeanAccuracy), Percent(r.P5Accuracy), Percent(r.AccuracyAt1Day),
                Percent(r.DeployedAccuracy), J(r.CoreJoules), J(r.SystemJoules), r.EfficiencyVsDigital?.ToString("G3", CultureInfo.InvariantCulture) ?? "—", S(r.LatencySeconds), r.Method ?? "—",
                r.Queries?.ToString(CultureInfo.InvariantCulture) ?? "—", r.Parameters?.ToString(CultureInfo.InvariantCulture) ?? "—",
            ])]));
        foreach (var task in data.Suite.GroupBy(r => r.Task))
        {
            var points = task.Where(r => r.SystemJoules is > 0 && r.DeployedAccuracy is not null)
                .Select(r => ($"{r.Substrate}", r.SystemJoules!.Value, r.DeployedAccuracy!.Value)).ToList();
            if (points.Count == 0)
            {
                continue;
            }
            string slug = new([.. task.Key.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]);
            blocks.Add(new Figure($"report-pareto-{slug}.png",
                $"{task.Key}: deployed accuracy (the suite's, else after 1 day, else mean over instances, else ideal) against system energy per inference; dashed: the Pareto front.",
                ParetoFront.Render($"{task.Key}: accuracy against energy", points)));
        }
    }

    /// <summary>Energy bars: the run's terms by category, and core vs the rest for each suite row.</summary>
    private static List<(string, IReadOnlyList<(string, double)>)> EnergyBars(ReportData data)
    {
        var bars = new List<(string, IReadOnlyList<(string, double)>)>();
        if (data.Run is { Terms.Count: > 0 } run)
        {
            bars.Add(($"{run.Substrate}\n{run.Name}", [.. run.Terms.GroupBy(t => t.Category).Select(g => (g.Key, g.Sum(t => t.JoulesPerInference)))]));
        }
        foreach (var r in data.Suite.Where(r => r.CoreJoules is >= 0 && r.SystemJoules > 0))
        {
            bars.Add(($"{r.Substrate}\n{r.Task}", [("Core", r.CoreJoules!.Value), ("outside the core", Math.Max(0, r.SystemJoules!.Value - r.CoreJoules.Value))]));
        }
        return bars;
    }

    private static string Age(double s) => s switch
    {
        >= 365 * 86_400 => $"{s / (365 * 86_400):G3} y",
        >= 30 * 86_400 => $"{s / (30 * 86_400):G3} mo",
        >= 86_400 => $"{s / 86_400:G3} d",
        >= 3600 => $"{s / 3600:G3} h",
        _ => $"{s:G3} s",
    };
}
