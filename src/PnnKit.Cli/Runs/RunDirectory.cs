using System.Text.Json;
using System.Text.Json.Serialization;
using PnnKit.Cli.Config;
using PnnKit.Core.IO;
using PnnKit.Core.Training;

namespace PnnKit.Cli.Runs;

/// <summary>
/// A run's folder: config.yaml (resolved config), metrics.jsonl (one JSON object per epoch),
/// checkpoint.bin (latest epoch, written atomically) and result.json (final figures).
/// Every file is replaced atomically, so a killed run never leaves a torn file.
/// </summary>
internal sealed class RunDirectory
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private RunDirectory(string path) => Path = path;

    public string Path { get; }

    public string ConfigFile => System.IO.Path.Combine(Path, "config.yaml");

    public string MetricsFile => System.IO.Path.Combine(Path, "metrics.jsonl");

    public string CheckpointFile => System.IO.Path.Combine(Path, "checkpoint.bin");

    public string ResultFile => System.IO.Path.Combine(Path, "result.json");

    /// <summary>Creates a new run folder under <paramref name="root"/>; refuses to reuse a non-empty one.</summary>
    public static RunDirectory Create(string root, ExperimentConfig config)
    {
        string path = System.IO.Path.Combine(root, config.Name);
        try
        {
            if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
            {
                throw new ConfigException($"{path}: run directory exists and is not empty; choose another --runs-dir or name, or continue it with --resume {path}.");
            }
            Directory.CreateDirectory(path);
            var run = new RunDirectory(path);
            AtomicFile.WriteAllText(run.ConfigFile, config.ToYaml());
            return run;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot write the run directory ({e.Message}).", e);
        }
    }

    /// <summary>Opens an existing run folder for resume or evaluation.</summary>
    public static RunDirectory Open(string path)
    {
        var run = new RunDirectory(path);
        if (!File.Exists(run.ConfigFile))
        {
            throw new ConfigException($"{path}: not a run directory (no config.yaml).");
        }
        return run;
    }

    /// <summary>Rewrites metrics.jsonl from the history: after a resume it holds each epoch once.</summary>
    public void WriteMetrics(IEnumerable<EpochMetrics> history) =>
        AtomicFile.WriteAllText(MetricsFile, string.Concat(history.Select(m => JsonSerializer.Serialize(m, Json) + "\n")));

    public void WriteResult(object result) => AtomicFile.WriteAllText(ResultFile, JsonSerializer.Serialize(result, Json) + "\n");

    /// <summary>Writes another result file (e.g. robustness.json) into the run folder, atomically.</summary>
    public void WriteJson(string fileName, object result) => AtomicFile.WriteAllText(System.IO.Path.Combine(Path, fileName), JsonSerializer.Serialize(result, Json) + "\n");
}
