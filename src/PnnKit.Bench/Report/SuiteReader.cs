using System.Text.Json;
using PnnKit.Core.Data;

namespace PnnKit.Bench.Report;

/// <summary>
/// Reads the rows of a benchmark suite (suite.json of <c>pnn bench suite</c>) without depending on its
/// exact record: the file is an array of rows or an object holding one; each row's figures are found
/// by key fragments (snake_case, camelCase or nested), and any figure may be missing.
/// </summary>
public static class SuiteReader
{
    /// <summary>Rows of <paramref name="file"/>; throws <see cref="DataFormatException"/> naming the file when it is not a suite.</summary>
    public static IReadOnlyList<SuiteFigures> Read(string file)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new DataFormatException($"{file}: not valid JSON ({e.Message}).", e);
        }
        using (doc)
        {
            var rows = RowArray(doc.RootElement) ?? throw new DataFormatException($"{file}: expected an array of suite rows (objects with a 'task'), or an object holding one.");
            return [.. rows.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object).Select(Row)];
        }
    }

    /// <summary>One row; accuracies given in percent (above 1) are turned into fractions.</summary>
    public static SuiteFigures Row(JsonElement row)
    {
        var f = new JsonFields(row);
        double? Accuracy(string[] all, string[]? not = null) => f.Number(all, not) is double a ? (a > 1 ? a / 100 : a) : null;
        string[] notAccuracy = ["energy", "latency", "joule"];
        return new SuiteFigures(
            Task: f.Text(["task"]) ?? f.Text(["data"]) ?? "?",
            Substrate: (f.Text(["substrate"]) ?? f.Text(["config"]) ?? "?") + (f.Text(["precision"], ["match"]) is { } precision ? $" {precision}" : ""),
            IdealAccuracy: Accuracy(["ideal"], notAccuracy),
            MeanAccuracy: Accuracy(["mean"], [.. notAccuracy, "day", "deployed"]),
            P5Accuracy: Accuracy(["p5"], notAccuracy) ?? Accuracy(["percentile"], notAccuracy),
            AccuracyAt1Day: Accuracy(["day"], notAccuracy),
            CoreJoules: f.Number(["core"], ["tops", "share", "latency", "accuracy"]),
            SystemJoules: f.Number(["system"], ["tops", "share", "latency", "accuracy"]),
            LatencySeconds: f.Number(["latency"]),
            Method: f.Text(["method"]),
            Queries: f.Number(["quer"]) is double q ? (long)q : null,
            Parameters: f.Number(["param"]) is double p ? (long)p : null)
        {
            Model = f.Text(["model"]),
            ReportedDeployedAccuracy = Accuracy(["deployed"], notAccuracy),
            EfficiencyVsDigital = f.Number(["efficiency"]),
        };
    }

    private static JsonElement? RowArray(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return root;
        }
        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in root.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Array && p.Value.EnumerateArray().Any(r => r.ValueKind == JsonValueKind.Object && new JsonFields(r).Find(["task"]) is not null))
                {
                    return p.Value;
                }
            }
        }
        return null;
    }
}
