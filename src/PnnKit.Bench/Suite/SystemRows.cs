namespace PnnKit.Bench.Suite;

/// <summary>
/// The suite's rows of published systems (issue 17's architectures), each on the MNIST subset beside the digital MLP,
/// from its reproduction's own quick or full settings; <see cref="SuiteRow.Variant"/> names the system.
/// </summary>
public static class SystemRows
{
    /// <summary>The systems' row keys, in the order the suite lists them.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["accel"];

    /// <summary>What each row is, for the suite's progress line.</summary>
    public static IReadOnlyDictionary<string, string> Describe { get; } = new Dictionary<string, string>
    {
        ["accel"] = "ACCEL (diffractive front end + analog current-domain readout)",
    };

    /// <summary>The row of system <paramref name="key"/>.</summary>
    public static SuiteRow Row(string key, ulong seed, bool quick) => key switch
    {
        "accel" => AccelRow.Row(seed, quick) with { Variant = "ACCEL" },
        _ => throw new ArgumentException($"Unknown system row '{key}'; known: {string.Join(", ", Keys)}.", nameof(key)),
    };
}
