using System.Text.Json;
using PnnKit.Bench.Perf;

namespace PnnKit.Bench.Tests.Perf;

/// <summary>
/// Verdicts of the perf items from given figures (no timing): each ratio is judged against its target,
/// fractions of peak are against the highest width measured, and a missing peer is a skip, not a NaN.
/// </summary>
public class PerfVerdictTests
{
    // Figures of the 2-core Zen 5 dev VM (Perf/README.md): Vector512 runs at twice the Vector256 rate.
    private static readonly FmaPeakFigure[] s_zen5 = [new(128, 69.0), new(256, 137.8), new(512, 273.7)];

    private static Timing Ms(double min) => new(min * 1e-3, min * 1e-3, 7, 1);

    [Fact]
    public void Highest_IsTheFastestWidth_NotTheWidest()
    {
        Assert.Equal(512, FmaPeakFigure.Highest(s_zen5)!.Bits);
        // Zen 4 double-pumps Vector512: the same rate as Vector256, or a little less.
        Assert.Equal(256, FmaPeakFigure.Highest([new(256, 118.0), new(512, 116.7)])!.Bits);
        Assert.Equal(512, FmaPeakFigure.Highest([new(256, 118.0), new(512, 118.0)])!.Bits);
        Assert.Equal(128, FmaPeakFigure.Highest([new(128, 30.0), new(256, double.NaN)])!.Bits);
        Assert.Null(FmaPeakFigure.Highest([]));
    }

    [Fact]
    public void GemmFraction_IsAgainstTheHighestPeak_AndJudgedAgainstItsTarget()
    {
        var peak = FmaPeakFigure.Highest(s_zen5)!;
        // The figure: 1.35 of the Vector256 peak is 0.675 of the Vector512 one, and fails.
        var slow = peak.Fraction("GEMM", 0.675 * 273.7, GemmPerfItem.PeakTarget);
        Assert.Equal(0.675, slow.Ratio!.Value, 6);
        Assert.False(slow.Pass);
        Assert.Contains("Vector512 FMA peak (highest measured)", slow.Comparison, StringComparison.Ordinal);
        Assert.Equal("≥ 0.75", slow.Target);
        Assert.True(peak.Fraction("GEMM", 0.76 * 273.7, GemmPerfItem.PeakTarget).Pass);
        Assert.False(peak.Fraction("GEMM", 0.74 * 273.7, GemmPerfItem.PeakTarget).Pass);
        Assert.False(peak.Fraction("complex GEMM", 0.49 * 273.7, ComplexGemmPerfItem.PeakTarget).Pass);
        Assert.True(peak.Fraction("complex GEMM", 0.51 * 273.7, ComplexGemmPerfItem.PeakTarget).Pass);
    }

    [Fact]
    public void Rates_OnOneThread_AreFromThreadCpuTime_OnMoreFromWallTime()
    {
        // A run time-sliced by other processes: 30 ms on the wall, 24 ms on the thread's CPU clock.
        var sliced = new Timing(0.030, 0.031, 7, 1, ThreadCpuMin: 0.024);
        Assert.Equal(0.024, PerfContext.Seconds(sliced, 1));
        Assert.Equal(0.030, PerfContext.Seconds(sliced, 2));
        Assert.Equal(0.030, PerfContext.Seconds(new Timing(0.030, 0.031, 7, 1), 1));
        Assert.StartsWith("rate from thread CPU time", PerfContext.Clock(sliced, 1), StringComparison.Ordinal);
        Assert.StartsWith("rate from wall time", PerfContext.Clock(sliced, 2), StringComparison.Ordinal);
    }

    [Fact]
    public void MeshRows_JudgeBothRatiosToTheGemm()
    {
        var gemm = Ms(1.0);
        var pass = MeshPerfItem.Rows(64, "batch 1024, f32, 2 threads", gemm, Ms(2.4), Ms(5.9), null);
        Assert.Equal([2.4, 5.9], pass.Select(r => Math.Round(r.Ratio!.Value, 9)));
        Assert.All(pass, r => Assert.True(r.Pass));
        // The 7.18× fails the gradient target; a 2.6× forward fails its own.
        var fail = MeshPerfItem.Rows(64, "batch 1024, f32, 2 threads", gemm, Ms(2.6), Ms(7.18), null);
        Assert.All(fail, r => Assert.False(r.Pass));
        var cpu = MeshPerfItem.Rows(64, "batch 1024, f32, 1 thread", gemm, Ms(2.0), Ms(5.0), [1e-3, 2e-3, 5e-3]);
        Assert.Contains("CPU time per call: mesh 5.000 ms, GEMM 1.000 ms, ratio 5.00", cpu[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void NumpyRow_JudgesOurTimeOverTheirs()
    {
        double flops = 2.0 * 1024 * 1024 * 1024;
        var ok = GemmPerfItem.NumpyRow("NumPy", Ms(10.0), flops, 8e-3, 9e-3, "BLAS");
        Assert.Equal(1.25, ok.Ratio!.Value, 9);
        Assert.True(ok.Pass);
        Assert.Equal(flops / 8e-3 / 1e9, ok.Value!.Value, 6);
        Assert.False(GemmPerfItem.NumpyRow("NumPy", Ms(10.5), flops, 8e-3, 9e-3, "BLAS").Pass);
    }

    [Fact]
    public void MissingInterpreter_IsNotInstalled_WithTheInstallCommand()
    {
        var run = PythonBaseline.Run("numpy_gemm.py", ["--n", "8"], 1, new PerfOptions { Python = "/nonexistent/python3" });
        Assert.False(run.Ok);
        Assert.True(run.NotInstalled);
        Assert.Equal("not installed (apt-get install python3-numpy libopenblas0-pthread)", PythonBaseline.SkipReason(run, PythonBaseline.NumpyPackages));
    }

    [Fact]
    public void MissingModule_IsNotInstalled_FromTheScriptsJsonOrFromAnImportError()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the stand-in interpreters are shell scripts
        }
        string json = FakeInterpreter("echo '{\"error\": \"torch missing: No module named torch\", \"not_installed\": \"torch\"}'");
        var fromJson = PythonBaseline.Run("torch_mlp_epoch.py", [], 1, new PerfOptions { Python = json });
        Assert.True(fromJson.NotInstalled);
        Assert.Equal("not installed (apt-get install python3-torch)", PythonBaseline.SkipReason(fromJson, PythonBaseline.TorchPackages));

        string import = FakeInterpreter("echo \"ModuleNotFoundError: No module named 'numpy'\" >&2; exit 1");
        Assert.True(PythonBaseline.Run("numpy_gemm.py", [], 1, new PerfOptions { Python = import }).NotInstalled);

        // A peer that is installed but fails is not "not installed".
        string broken = FakeInterpreter("echo 'Segmentation fault' >&2; exit 139");
        var failed = PythonBaseline.Run("numpy_gemm.py", [], 1, new PerfOptions { Python = broken });
        Assert.False(failed.NotInstalled);
        Assert.StartsWith("did not run (exit 139", PythonBaseline.SkipReason(failed, PythonBaseline.NumpyPackages), StringComparison.Ordinal);
    }

    [Fact]
    public void GemmItem_WithoutNumpy_ReportsASkip_InTheTableAndJson_NeverNaN()
    {
        var options = new PerfOptions { Quick = true, WarmUp = 1, Repetitions = 1, Threads = [1], Python = "/nonexistent/python3" };
        var report = PerfSuite.Run(options, TextWriter.Null, [new GemmPerfItem(32)]);
        var gemm = report.Results[0];
        Assert.Contains("FMA peak (highest measured)", gemm.Comparison, StringComparison.Ordinal);
        Assert.Equal(gemm.Ratio >= GemmPerfItem.PeakTarget, gemm.Pass);
        var numpy = report.Results[1];
        Assert.Null(numpy.Value);
        Assert.Null(numpy.Pass);
        Assert.True(numpy.IsSkipped);
        Assert.Equal("not installed (apt-get install python3-numpy libopenblas0-pthread)", numpy.Reason);

        string json = report.ToJson();
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        var row = doc.RootElement.GetProperty("results")[1];
        Assert.Equal("skipped", row.GetProperty("status").GetString());
        Assert.StartsWith("not installed (apt-get install python3-numpy", row.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(row.TryGetProperty("value", out _));

        var table = new StringWriter();
        report.WriteTable(table);
        Assert.Contains("skipped: not installed (apt-get install python3-numpy libopenblas0-pthread)", table.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", table.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PeerSkipped_KeepsOurFigure_AndSaysWhyTheComparisonIsMissing()
    {
        var context = new PerfContext(new PerfOptions(), TextWriter.Null);
        var run = new PythonRun("/nonexistent/python3", null, "cannot start", NotInstalled: true);
        var row = PythonBaseline.PeerSkipped(context, "MLP epoch", 12.5, "ms", "our time / PyTorch time", "PyTorch", run, PythonBaseline.TorchPackages, "min 12.5 ms");
        Assert.Equal(12.5, row.Value);
        Assert.Null(row.Ratio);
        Assert.Null(row.Pass);
        Assert.Equal("PyTorch not installed (apt-get install python3-torch)", row.Reason);
        Assert.Contains(context.Notes, n => n.Contains("PyTorch baseline skipped", StringComparison.Ordinal));
    }

    /// <summary>An executable shell script standing in for python3, in a fresh temporary folder.</summary>
    internal static string FakeInterpreter(string body)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The stand-in interpreter is a shell script.");
        }
        string dir = Directory.CreateTempSubdirectory("pnnkit-fake-python").FullName;
        string path = Path.Combine(dir, "python3");
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
