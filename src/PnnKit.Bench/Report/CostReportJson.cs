using System.Globalization;
using System.Text.Json;

namespace PnnKit.Bench.Report;

/// <summary>Reads the per-inference cost report (<c>cost_report</c> in result.json, Core's InferenceCostReport) into report terms and figures.</summary>
internal static class CostReportJson
{
    public static void Read(JsonElement report, List<ReportTerm> terms, List<(string, string)> figures, List<(string, string)> excluded)
    {
        if (report.TryGetProperty("terms", out var ts) && ts.ValueKind == JsonValueKind.Array)
        {
            foreach (var t in ts.EnumerateArray())
            {
                var f = new JsonFields(t);
                string category = f.Find(["category"]) is { ValueKind: not JsonValueKind.Null } c ? ReportReader.Category(c) : f.Text(["kind"]) ?? "?";
                terms.Add(new ReportTerm(f.Text(["name"]) ?? "?", category, f.Number(["perinference"]) ?? 0));
            }
        }
        var r = new JsonFields(report);
        void Add(string name, double? value, Func<double, string> format)
        {
            if (value is double v && double.IsFinite(v))
            {
                figures.Add((name, format(v)));
            }
        }
        static string G3(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
        Add("TOPS/W, core", r.Number(["coretopsperwatt"]), G3);
        Add("TOPS/W, system", r.Number(["systemtopsperwatt"]), G3);
        Add("operations per inference", r.Number(["operationsperinference"]), G3);
        Add("throughput (inferences/s, one at a time)", r.Number(["throughput"]), G3);
        Add("static power", r.Number(["staticpower"]), w => new Core.Costs.Power(w).ToString());
        Add("deployment rate (inferences/s)", r.Number(["deployment", "persecond"]), G3);
        Add("deployment lifetime (days)", r.Number(["deployment", "lifetime"]), s => G3(s / 86_400));
        if (report.TryGetProperty("excluded", out var ex) && ex.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in ex.EnumerateObject())
            {
                excluded.Add((p.Name, p.Value.GetString() ?? ""));
            }
        }
    }
}
