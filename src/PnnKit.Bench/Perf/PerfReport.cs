using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PnnKit.Bench.Perf;

/// <summary>The figures of one suite run, with notes on baselines, kernels and machine load.</summary>
public sealed class PerfReport(IReadOnlyList<PerfResult> results, IReadOnlyList<string> notes)
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Names carry × and ≥; the output is read by people and JSON tools, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] s_header = ["figure", "value", "compared with", "ratio", "target", "pass"];

    /// <summary>Every figure, in suite order.</summary>
    public IReadOnlyList<PerfResult> Results { get; } = results;

    /// <summary>Notes: skipped baselines, BLAS kernels used, machine load.</summary>
    public IReadOnlyList<string> Notes { get; } = notes;

    /// <summary>True when no judged figure failed its target (informational figures do not count).</summary>
    public bool AllPassed => Results.All(r => r.Pass != false);

    /// <summary>The report as JSON: { results: [...], notes: [...] }; a skipped figure has status "skipped" and a reason, no value.</summary>
    public string ToJson() => JsonSerializer.Serialize(new { results = Results, notes = Notes }, s_json);

    /// <summary>Writes a fixed-width table, then the notes.</summary>
    public void WriteTable(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var rows = new List<string[]> { s_header };
        foreach (var r in Results)
        {
            rows.Add([
                r.Name,
                r.Value is { } v ? $"{v.ToString("F1", CultureInfo.InvariantCulture)} {r.Unit}" : "skipped",
                r.Comparison ?? "",
                r.Ratio is { } x ? x.ToString("F2", CultureInfo.InvariantCulture) : "",
                r.Target ?? "",
                r.Pass switch { true => "pass", false => "FAIL", null => r.IsSkipped ? $"skipped: {r.Reason}" : "" },
            ]);
        }
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(row => row[i].Length)).ToArray();
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (int i = 0; i < row.Length; i++)
            {
                line.Append(row[i].PadRight(widths[i])).Append(i + 1 < row.Length ? "  " : "");
            }
            writer.WriteLine(line.ToString().TrimEnd());
        }
        foreach (var note in Notes)
        {
            writer.WriteLine($"note: {note}");
        }
        foreach (var r in Results.Where(r => r.Detail is not null))
        {
            writer.WriteLine($"detail: {r.Name}: {r.Detail}");
        }
    }
}
