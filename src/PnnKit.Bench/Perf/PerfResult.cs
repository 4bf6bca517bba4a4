namespace PnnKit.Bench.Perf;

/// <summary>
/// One measured figure. <paramref name="Value"/> is in <paramref name="Unit"/>; when the figure is
/// judged, <paramref name="Comparison"/> says against what, <paramref name="Ratio"/> is the number
/// compared with <paramref name="Target"/>, and <paramref name="Pass"/> is the verdict (null when the
/// figure is informational). <paramref name="Detail"/> holds min/median and run counts.
/// </summary>
public sealed record PerfResult(
    string Name,
    double Value,
    string Unit,
    string? Comparison = null,
    double? Ratio = null,
    string? Target = null,
    bool? Pass = null,
    string? Detail = null);
