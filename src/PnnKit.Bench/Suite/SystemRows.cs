namespace PnnKit.Bench.Suite;

/// <summary>
/// The suite's rows of published systems (issue 17's architectures), each on the MNIST subset beside the digital MLP,
/// from its reproduction's own quick or full settings; <see cref="SuiteRow.Variant"/> names the system.
/// </summary>
public static class SystemRows
{
    /// <summary>The systems' row keys, in the order the suite lists them.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["accel", "taichi", "mythic"];

    /// <summary>What each row is, for the suite's progress line.</summary>
    public static IReadOnlyDictionary<string, string> Describe { get; } = new Dictionary<string, string>
    {
        ["accel"] = "ACCEL (diffractive front end + analog current-domain readout)",
        ["taichi"] = "Taichi (diffractive blocks + MZI chiplets)",
        ["mythic"] = "Mythic's flash analog matrix processor",
    };

    /// <summary>The row of system <paramref name="key"/>.</summary>
    public static SuiteRow Row(string key, ulong seed, bool quick) => key switch
    {
        "accel" => AccelRow.Row(seed, quick) with { Variant = "ACCEL" },
        "taichi" => TaichiRow.Row(seed, quick) with { Variant = "Taichi" },
        "mythic" => MythicRow.Row(seed, quick), // substrate "flash" already tells it from the PCM rows
        _ => throw new ArgumentException($"Unknown system row '{key}'; known: {string.Join(", ", Keys)}.", nameof(key)),
    };
}
