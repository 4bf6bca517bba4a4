using System.Globalization;
using System.Text.Json;
using PnnKit.Core.Tensors;

namespace PnnKit.Bench.Perf;

/// <summary>
/// Square float32 GEMM (C = A·B, n×n×n): GFLOP/s as a fraction of the highest FMA peak measured on
/// this machine (<see cref="PerfContext.Peak"/>: the widest vector unit that runs at full rate; target
/// ≥ <see cref="PeakTarget"/>), and the same product in NumPy/OpenBLAS on the same number of threads
/// (target: our time ≤ <see cref="NumpyTarget"/> × theirs).
/// </summary>
public sealed class GemmPerfItem(int n = 1024) : IPerfItem
{
    /// <summary>
    /// Minimum fraction of the highest measured FMA peak (issue 14 item 7): OpenBLAS's SGEMM reaches
    /// about 0.9 of it on Zen 4/5, and a packed, register-blocked kernel without assembly 0.75-0.85.
    /// </summary>
    public const double PeakTarget = 0.75;

    /// <summary>Largest acceptable ratio of our time to NumPy's.</summary>
    public const double NumpyTarget = 1.3;

    /// <inheritdoc/>
    public string Name => $"GEMM f32 {n}³";

    /// <inheritdoc/>
    public IEnumerable<PerfResult> Run(PerfContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rng = new Random(1);
        var a = RandomArray(rng, n * n);
        var b = RandomArray(rng, n * n);
        var c = new float[n * n];
        double flops = 2.0 * n * n * n;
        string size = $"{n}×{n}×{n}";
        var results = new List<PerfResult>();
        foreach (int threads in context.Options.Threads)
        {
            string label = PerfContext.ThreadsLabel(threads);
            var ours = context.Measure(() => Gemm.Multiply(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n), threads);
            results.Add(context.FractionOfPeak($"GEMM f32 {size} ({Gemm.ActiveKernel} kernel), {label}", ours, flops, threads, PeakTarget));
            if (context.Options.IncludePythonBaselines)
            {
                results.Add(Numpy(context, threads, ours, flops, size, label));
            }
        }
        return results;
    }

    private PerfResult Numpy(PerfContext context, int threads, Timing ours, double flops, string size, string label)
    {
        string reps = context.Options.EffectiveRepetitions.ToString(CultureInfo.InvariantCulture);
        string warm = context.Options.WarmUp.ToString(CultureInfo.InvariantCulture);
        var run = PythonBaseline.Run("numpy_gemm.py", ["--n", n.ToString(CultureInfo.InvariantCulture), "--reps", reps, "--warmup", warm], threads, context.Options);
        string name = $"NumPy GEMM f32 {size}, {label}";
        if (!run.Ok)
        {
            context.Note($"{name}: skipped: {PythonBaseline.SkipReason(run, PythonBaseline.NumpyPackages)}; {run.Interpreter}: {run.Error}.");
            return PerfResult.Skipped(name, "GFLOP/s", PythonBaseline.SkipReason(run, PythonBaseline.NumpyPackages), NumpyComparison);
        }
        var json = run.Json!.Value;
        string blas = Describe(json);
        context.Note($"{name}: numpy {json.GetProperty("numpy").GetString()} via {run.Interpreter}, {blas}.");
        return NumpyRow(name, ours, flops, json.GetProperty("min").GetDouble(), json.GetProperty("median").GetDouble(), blas);
    }

    private const string NumpyComparison = "our min time / NumPy min time";

    /// <summary>The judged NumPy row from both sides' times: our min over NumPy's min against <see cref="NumpyTarget"/> (at most).</summary>
    public static PerfResult NumpyRow(string name, Timing ours, double flops, double numpyMin, double numpyMedian, string blas)
    {
        ArgumentNullException.ThrowIfNull(ours);
        double ratio = ours.Min / numpyMin;
        return new PerfResult(name, flops / numpyMin / 1e9, "GFLOP/s", NumpyComparison, ratio, $"≤ {NumpyTarget:F1}",
            ratio <= NumpyTarget, $"min {numpyMin * 1e3:F3} ms, median {numpyMedian * 1e3:F3} ms; {blas}");
    }

    private static string Describe(JsonElement json)
    {
        if (!json.TryGetProperty("blas", out var blas))
        {
            return "BLAS unknown";
        }
        if (blas.TryGetProperty("config", out var config))
        {
            return $"{config.GetString()}, kernel {blas.GetProperty("corename").GetString()}, {PerfContext.ThreadsLabel(blas.GetProperty("threads").GetInt32())}";
        }
        return blas.TryGetProperty("libraries", out var libs) ? $"BLAS {libs}" : "BLAS unknown";
    }

    internal static float[] RandomArray(Random rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)rng.NextDouble();
        }
        return x;
    }
}
