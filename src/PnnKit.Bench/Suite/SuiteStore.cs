using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PnnKit.Bench.Runs;

namespace PnnKit.Bench.Suite;

/// <summary>
/// Saves a suite: suite.json (one <see cref="SuiteRow"/> per object) in the run directory, and one
/// run-store row per figure, named TASK/SUBSTRATE/FIGURE, with the git commit, config hash and seed,
/// so `pnn runs compare A B` shows what changed between two versions.
/// </summary>
public static class SuiteStore
{
    /// <summary>The JSON form of suite.json (snake_case, nulls kept: a null says "not measured for this substrate").</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    /// <summary>File name of the rows in a run directory.</summary>
    public const string FileName = "suite.json";

    /// <summary>SHA-256 of the options' description.</summary>
    public static string ConfigHash(SuiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(options.Describe())));
    }

    /// <summary>The run name: suite or suite-quick (or tour), and the commit's first 7 characters.</summary>
    public static string RunName(SuiteOptions options, string commit)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(commit);
        string kind = options.Tour ? "tour" : options.Quick ? "suite-quick" : "suite";
        return $"{kind}-{commit[..Math.Min(7, commit.Length)]}";
    }

    /// <summary>Writes suite.json into <paramref name="directory"/> (created if needed); returns its path.</summary>
    public static string WriteJson(SuiteResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, FileName);
        Core.IO.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new SuiteFile(result.Rows, result.Skipped), Json) + "\n");
        return path;
    }

    /// <summary>Reads suite.json back.</summary>
    public static SuiteFile ReadJson(string path) =>
        JsonSerializer.Deserialize<SuiteFile>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty suite file.");

    /// <summary>suite.json: the rows, then the rows skipped for missing data (empty when none was).</summary>
    public sealed record SuiteFile(IReadOnlyList<SuiteRow> Rows, IReadOnlyList<SuiteSkip> Skipped);

    private static double Bits(string precision) => precision switch { "int8" => 8, "fp16" => 16, _ => 32 };

    /// <summary>Appends every figure of <paramref name="result"/> to <paramref name="store"/> under <paramref name="run"/>.</summary>
    public static void Record(RunStore store, string run, string commit, SuiteResult result)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(result);
        store.Record(run, commit, ConfigHash(result.Options), (long)result.Options.Seed, result.Rows.SelectMany(Figures));
    }

    /// <summary>The figures of one row as run-store metrics (absent figures are NaN, which the store skips).</summary>
    public static IEnumerable<(string Metric, double Value, string Unit)> Figures(SuiteRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string p = row.StoreKey;
        yield return (p + "ideal_accuracy", row.IdealAccuracy, "");
        yield return (p + "instance_mean_accuracy", row.InstanceMean ?? double.NaN, "");
        yield return (p + "instance_p5_accuracy", row.InstanceP5 ?? double.NaN, "");
        yield return (p + "instance_worst_accuracy", row.InstanceWorst ?? double.NaN, "");
        yield return (p + "deployed_accuracy", row.DeployedAccuracy, "");
        yield return (p + "deployed_accuracy_std", row.DeployedStd ?? double.NaN, "");
        yield return (p + "validation_accuracy", row.ValidationAccuracy ?? double.NaN, "");
        yield return (p + "accuracy_after_1_day", row.AccuracyAfterOneDay ?? double.NaN, "");
        yield return (p + "core_energy_per_inference", row.CoreEnergyJoules, "J");
        yield return (p + "system_energy_per_inference", row.SystemEnergyJoules, "J");
        yield return (p + "latency", row.LatencySeconds ?? double.NaN, "s");
        yield return (p + "physical_queries", row.PhysicalQueries ?? double.NaN, "");
        yield return (p + "parameters", row.Parameters, "");
        yield return (p + "footprint", row.Static?.FootprintBytes ?? double.NaN, "B");
        yield return (p + "connection_sparsity", row.Static?.ConnectionSparsity ?? double.NaN, "");
        yield return (p + "activation_sparsity", row.Static?.ActivationSparsity ?? double.NaN, "");
        yield return (p + "effective_macs_per_sample", row.Static?.EffectiveMacsPerSample ?? double.NaN, "");
        yield return (p + "equal_accuracy_digital_hidden", row.DigitalMatch?.Hidden ?? double.NaN, "");
        yield return (p + "equal_accuracy_digital_system_energy", row.DigitalMatch?.SystemEnergyJoules ?? double.NaN, "J");
        yield return (p + "efficiency_vs_digital", row.EfficiencyVsDigital ?? double.NaN, "");
        yield return (p + "equal_accuracy_digital_bits", row.DigitalMatch is { } m ? Bits(m.Precision) : double.NaN, "");
        yield return (p + "efficiency_vs_digital_fp32", row.EfficiencyVsFp32 ?? double.NaN, "");
    }
}
