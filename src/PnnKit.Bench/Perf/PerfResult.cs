namespace PnnKit.Bench.Perf;

/// <summary>
/// One measured figure. <paramref name="Value"/> is in <paramref name="Unit"/> (null when the figure
/// could not be measured, e.g. a peer that is not installed); when the figure is judged,
/// <paramref name="Comparison"/> says against what, <paramref name="Ratio"/> is the number compared with
/// <paramref name="Target"/>, and <paramref name="Pass"/> is the verdict (null when the figure is
/// informational or its comparison was skipped). <paramref name="Detail"/> holds min/median and run counts.
/// <paramref name="Status"/> is <see cref="SkippedStatus"/> when the value or its comparison could not be
/// taken, with <paramref name="Reason"/> saying why ("not installed (apt-get install python3-numpy)");
/// null when everything was measured.
/// </summary>
public sealed record PerfResult(
    string Name,
    double? Value,
    string Unit,
    string? Comparison = null,
    double? Ratio = null,
    string? Target = null,
    bool? Pass = null,
    string? Detail = null,
    string? Status = null,
    string? Reason = null)
{
    /// <summary>The <see cref="Status"/> of a figure, or of its comparison, that could not be taken.</summary>
    public const string SkippedStatus = "skipped";

    /// <summary>True when <see cref="Status"/> is <see cref="SkippedStatus"/> (not serialized: status says it).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSkipped => Status == SkippedStatus;

    /// <summary>A row whose value could not be measured: no value, no ratio, no verdict, and why.</summary>
    public static PerfResult Skipped(string name, string unit, string reason, string? comparison = null)
        => new(name, null, unit, comparison, Status: SkippedStatus, Reason: reason);
}
