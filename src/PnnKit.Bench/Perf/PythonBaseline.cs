using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace PnnKit.Bench.Perf;

/// <summary>
/// The outcome of one baseline script: its JSON output, or why there is none. <paramref name="NotInstalled"/>
/// is true when the interpreter cannot be started or the script's module (numpy, scipy, torch) is absent.
/// </summary>
public sealed record PythonRun(string Interpreter, JsonElement? Json, string? Error, bool NotInstalled = false)
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

    /// <summary>Debian packages of the NumPy baseline (OpenBLAS with threads, as NumPy wheels ship).</summary>
    public const string NumpyPackages = "python3-numpy libopenblas0-pthread";

    /// <summary>Debian package of the PyTorch baselines.</summary>
    public const string TorchPackages = "python3-torch";

    /// <summary>Debian package of the SciPy baseline.</summary>
    public const string ScipyPackages = "python3-scipy";

    /// <summary>
    /// Why a peer row is skipped: "not installed (apt-get install PACKAGES)" when the interpreter or
    /// module is absent, else "did not run (ERROR)".
    /// </summary>
    public static string SkipReason(PythonRun run, string packages)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.NotInstalled ? $"not installed (apt-get install {packages})" : $"did not run ({run.Error})";
    }

    /// <summary>
    /// A row for our figure whose peer comparison could not run: our value, the comparison named, no
    /// ratio or verdict, <see cref="PerfResult.SkippedStatus"/> and the reason (with a note naming the interpreter and error).
    /// </summary>
    public static PerfResult PeerSkipped(PerfContext context, string name, double value, string unit, string comparison, string peer,
        PythonRun run, string packages, string? detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(run);
        string reason = $"{peer} {SkipReason(run, packages)}";
        context.Note($"{name}: {peer} baseline skipped: {reason}; {run.Interpreter}: {run.Error}.");
        return new PerfResult(name, value, unit, comparison, Detail: detail, Status: PerfResult.SkippedStatus, Reason: reason);
    }

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
        string comparison = $"our min {unitTime} time / PyTorch min {unitTime} time";
        if (!run.Ok)
        {
            return PeerSkipped(context, name, ours.Min * 1e3, "ms", comparison, "PyTorch", run, TorchPackages, ours.ToString());
        }
        var json = run.Json!.Value;
        double min = json.GetProperty("min").GetDouble();
        double median = json.GetProperty("median").GetDouble();
        context.Note($"{name}: torch {json.GetProperty("torch").GetString()}{torchDetail} on {json.GetProperty("threads").GetInt32()} thread(s) via {run.Interpreter}.");
        double ratio = ours.Min / min;
        return new PerfResult(name, ours.Min * 1e3, "ms", comparison, ratio, $"≤ {target:F1}", ratio <= target,
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
                // A module imported before the script's own guarded import (or by a stand-in interpreter).
                bool noModule = err.Contains("ModuleNotFoundError", StringComparison.Ordinal) || err.Contains("No module named", StringComparison.Ordinal);
                return new PythonRun(interpreter, null, $"exit {process.ExitCode}: {(err.Length > 0 ? err.Split('\n')[^1] : lastLine)}", noModule);
            }
            using var doc = JsonDocument.Parse(lastLine);
            var json = doc.RootElement.Clone();
            return new PythonRun(interpreter, json, json.TryGetProperty("error", out var e) ? e.GetString() : null, json.TryGetProperty("not_installed", out _));
        }
        catch (Win32Exception ex)
        {
            return new PythonRun(interpreter, null, $"cannot start {interpreter}: {ex.Message}", NotInstalled: true);
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
