using System.Globalization;
using System.Text.Json;
using PnnKit.Core.Data;
using PnnKit.Methods;

namespace PnnKit.Bench.Report;

/// <summary>
/// Collects what a directory holds for a report: result.json and config.yaml of <c>pnn train</c>,
/// robustness.json of <c>pnn robustness</c>, suite.json of <c>pnn bench suite</c>. Each is optional;
/// a directory with none of them is refused.
/// </summary>
public static class ReportReader
{
    /// <summary>Reads <paramref name="path"/>: a run or suite directory, or a suite.json file.</summary>
    public static ReportData Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            return new ReportData($"Benchmark suite: {Path.GetFileName(path)}", path, null, [], null, SuiteReader.Read(path));
        }
        if (!Directory.Exists(path))
        {
            throw new ArgumentException($"{path}: no such run directory or suite file.", nameof(path));
        }
        // pnn eval's figures (with the deployment stated there) over pnn train's.
        string result = Path.Combine(path, File.Exists(Path.Combine(path, "eval.json")) ? "eval.json" : "result.json");
        string robustness = Path.Combine(path, "robustness.json");
        string suite = Path.Combine(path, "suite.json");
        if (!File.Exists(result) && !File.Exists(robustness) && !File.Exists(suite))
        {
            throw new ArgumentException($"{path}: nothing to report: no result.json (pnn train), robustness.json (pnn robustness) or suite.json (pnn bench suite).", nameof(path));
        }
        string substrate = Substrate(Path.Combine(path, "config.yaml"));
        var run = File.Exists(result) ? ReadRun(result, substrate) : null;
        var (policies, summary) = File.Exists(robustness) ? ReadRobustness(robustness) : ([], null);
        var rows = File.Exists(suite) ? SuiteReader.Read(suite) : [];
        string name = run?.Name ?? Path.GetFileName(Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar));
        return new ReportData($"PnnKit report: {name}", path, run, policies, summary, rows);
    }

    /// <summary>The substrate named in config.yaml's model section ("digital" when absent).</summary>
    private static string Substrate(string configFile)
    {
        if (!File.Exists(configFile))
        {
            return "digital";
        }
        foreach (string line in File.ReadLines(configFile))
        {
            string t = line.Trim();
            if (t.StartsWith("substrate:", StringComparison.Ordinal))
            {
                return t["substrate:".Length..].Trim().Trim('"', '\'');
            }
        }
        return "digital";
    }

    private static RunFigures ReadRun(string file, string substrate)
    {
        using var doc = Parse(file);
        var root = doc.RootElement;
        var f = new JsonFields(root);
        double testCount = f.Number(["testcount"]) ?? 1;
        var terms = new List<ReportTerm>();
        var figures = new List<(string, string)>();
        var excluded = new List<(string, string)>();
        if (root.TryGetProperty("cost_report", out var report) && report.ValueKind == JsonValueKind.Object)
        {
            CostReportJson.Read(report, terms, figures, excluded);
        }
        else if (root.TryGetProperty("cost_terms", out var costTerms) && costTerms.ValueKind == JsonValueKind.Array)
        {
            // Older result.json: ledger totals over the test split, one inference per test example.
            foreach (var t in costTerms.EnumerateArray())
            {
                var tf = new JsonFields(t);
                terms.Add(new ReportTerm(tf.Text(["component"]) ?? "?", Category(tf.Find(["category"])), (tf.Number(["energyjoules"]) ?? 0) / testCount));
            }
        }
        return new RunFigures(
            Name: f.Text(["name"]) ?? Path.GetFileName(Path.GetDirectoryName(file)) ?? "run",
            Substrate: substrate,
            Data: f.Text(["data"]) ?? "?",
            TestAccuracy: f.Number(["testaccuracy"]),
            CoreJoules: f.Number(["coreenergyperinference"]) ?? double.NaN,
            SystemJoules: f.Number(["systemenergyperinference"]) ?? double.NaN,
            LatencySeconds: f.Number(["latencyseconds"]) ?? double.NaN,
            Parameters: (long)(f.Number(["parameters"]) ?? 0),
            Terms: terms, Figures: figures, Excluded: excluded);
    }

    /// <summary>A ledger category written as its name or as the enum's number.</summary>
    internal static string Category(JsonElement? e) => e switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString() ?? "?",
        { ValueKind: JsonValueKind.Number } n when Enum.IsDefined(typeof(Core.Costs.CostCategory), n.GetInt32()) => ((Core.Costs.CostCategory)n.GetInt32()).ToString(),
        _ => "?",
    };

    private static (IReadOnlyList<PolicyFigures>, string?) ReadRobustness(string file)
    {
        using var doc = Parse(file);
        var root = doc.RootElement;
        var policies = new List<PolicyFigures>();
        if (root.TryGetProperty("policies", out var ps) && ps.ValueKind == JsonValueKind.Array)
        {
            foreach (var p in ps.EnumerateArray())
            {
                var ages = new List<AgeStatistics>();
                if (p.TryGetProperty("ages", out var agesJson))
                {
                    foreach (var a in agesJson.EnumerateArray())
                    {
                        double Get(string name) => a.TryGetProperty(name, out var v) ? JsonFields.AsNumber(v) ?? double.NaN : double.NaN;
                        double[] acc = a.TryGetProperty("accuracies", out var accJson) ? [.. accJson.EnumerateArray().Select(v => JsonFields.AsNumber(v) ?? double.NaN)] : [];
                        ages.Add(new AgeStatistics(Get("age_seconds"), Get("mean"), Get("std"), Get("percentile5"), Get("worst"), acc));
                    }
                }
                double[] joules = p.TryGetProperty("joules_per_calibration", out var jj) ? [.. jj.EnumerateArray().Select(v => JsonFields.AsNumber(v) ?? 0)] : [];
                policies.Add(new PolicyFigures(p.TryGetProperty("policy", out var name) ? name.GetString() ?? "?" : "?", ages, joules));
            }
        }
        var f = new JsonFields(root);
        string summary = string.Create(CultureInfo.InvariantCulture,
            $"{f.Number(["instances"]) ?? double.NaN} fabricated instances of {f.Text(["substrate"]) ?? "?"} design, at {f.Number(["temperaturekelvin"]) ?? double.NaN} K, seed {f.Number(["seed"]) ?? double.NaN}");
        return (policies, summary);
    }

    private static JsonDocument Parse(string file)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new DataFormatException($"{file}: not valid JSON ({e.Message}).", e);
        }
    }
}
