using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace PnnKit.Bench.Perf;

/// <summary>The outcome of one baseline script: its JSON output, or why there is none.</summary>
public sealed record PythonRun(string Interpreter, JsonElement? Json, string? Error)
{
    /// <summary>True when the script produced a result without an "error" field.</summary>
    public bool Ok => Json is { } j && !j.TryGetProperty("error", out _);
}

/// <summary>
/// Runs the embedded Python baseline scripts (Perf/python/*.py) in a child process pinned to a thread
/// count, and reads the one JSON object each prints.
/// </summary>
public static class PythonBaseline
{
    /// <summary>Debian's interpreter, where python3-numpy and python3-torch install; a pyenv python3 may shadow it on PATH.</summary>
    private const string SystemPython = "/usr/bin/python3";

    /// <summary>The hint printed when the NumPy baseline cannot run (Debian package names).</summary>
    public const string InstallHint = "install python3-numpy libopenblas0-pthread";

    /// <summary>The hint for the PyTorch baselines (python/torch_mlp_epoch.py).</summary>
    public const string TorchInstallHint = "install python3-torch";

    /// <summary>
    /// One timed row against a PyTorch script that prints min/median seconds: our min time over its min, against
    /// <paramref name="target"/> (at most); a row without a ratio, and a note, when the script cannot run.
    /// <paramref name="torchDetail"/> is added to the note after "torch VERSION" (e.g. "(torch.fft)").
    /// </summary>
    public static PerfResult TorchTimeRatio(PerfContext context, string name, Timing ours, string script, IReadOnlyList<string> args, int threads,
        PerfOptions options, string unitTime, double target, string torchDetail = "")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ours);
        var run = Run(script, args, threads, options);
        if (!run.Ok)
        {
            context.Note($"{name}: PyTorch baseline skipped: {TorchInstallHint} ({run.Error}).");
            return new PerfResult(name, ours.Min * 1e3, "ms", Detail: $"{ours}; PyTorch skipped: {TorchInstallHint}");
        }
        var json = run.Json!.Value;
        double min = json.GetProperty("min").GetDouble();
        double median = json.GetProperty("median").GetDouble();
        context.Note($"{name}: torch {json.GetProperty("torch").GetString()}{torchDetail} on {json.GetProperty("threads").GetInt32()} thread(s) via {run.Interpreter}.");
        double ratio = ours.Min / min;
        return new PerfResult(name, ours.Min * 1e3, "ms", $"our min {unitTime} time / PyTorch min {unitTime} time", ratio, $"≤ {target:F1}", ratio <= target,
            $"ours {ours}; PyTorch min {min * 1e3:F1} ms, median {median * 1e3:F1} ms");
    }

    /// <summary>
    /// Runs <paramref name="script"/> (a file name under Perf/python) with <paramref name="args"/> on
    /// <paramref name="threads"/> BLAS/OpenMP threads. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are
    /// removed in the child so OpenBLAS picks its own kernel for this CPU; the script reports which.
    /// </summary>
    public static PythonRun Run(string script, IReadOnlyList<string> args, int threads, PerfOptions options)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        string path = Extract(script);
        var candidates = options.Python is { } chosen ? [chosen] : File.Exists(SystemPython) ? new[] { SystemPython, "python3" } : ["python3"];
        PythonRun? last = null;
        foreach (string interpreter in candidates)
        {
            last = RunOnce(interpreter, path, args, threads, options.PythonTimeout);
            if (last.Ok)
            {
                return last;
            }
        }
        return last!;
    }

    private static PythonRun RunOnce(string interpreter, string script, IReadOnlyList<string> args, int threads, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(script);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment.Remove("OPENBLAS_CORETYPE");
        psi.Environment.Remove("OPENBLAS_L2_SIZE");
        string t = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string name in new[] { "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS" })
        {
            psi.Environment[name] = t;
        }
        try
        {
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return new PythonRun(interpreter, null, $"timed out after {timeout.TotalSeconds:F0} s");
            }
            string output = stdout.GetAwaiter().GetResult().Trim();
            string lastLine = output.Split('\n')[^1];
            if (process.ExitCode != 0 || !lastLine.StartsWith('{'))
            {
                string err = stderr.GetAwaiter().GetResult().Trim();
                return new PythonRun(interpreter, null, $"exit {process.ExitCode}: {(err.Length > 0 ? err.Split('\n')[^1] : lastLine)}");
            }
            using var doc = JsonDocument.Parse(lastLine);
            var json = doc.RootElement.Clone();
            return new PythonRun(interpreter, json, json.TryGetProperty("error", out var e) ? e.GetString() : null);
        }
        catch (Win32Exception ex)
        {
            return new PythonRun(interpreter, null, $"cannot start {interpreter}: {ex.Message}");
        }
        catch (JsonException ex)
        {
            return new PythonRun(interpreter, null, $"unreadable output: {ex.Message}");
        }
    }

    /// <summary>Writes the embedded script to a temporary folder and returns its path.</summary>
    private static string Extract(string script)
    {
        string resource = $"PnnKit.Bench.Perf.python.{script}";
        using var stream = typeof(PythonBaseline).Assembly.GetManifestResourceStream(resource)
            ?? throw new ArgumentException($"No embedded baseline script named {script}.", nameof(script));
        string dir = Path.Combine(Path.GetTempPath(), "pnnkit-perf");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, script);
        using (var file = File.Create(path))
        {
            stream.CopyTo(file);
        }
        return path;
    }
}
