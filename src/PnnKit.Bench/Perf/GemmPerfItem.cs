using System.Globalization;
using System.Text.Json;
using PnnKit.Core.Tensors;

namespace PnnKit.Bench.Perf;

/// <summary>
/// Square float32 GEMM (C = A·B, n×n×n): GFLOP/s, fraction of the measured Vector256 FMA peak
/// (target ≥ <see cref="PeakTarget"/>), and the same product in NumPy/OpenBLAS on the same number of
/// threads (target: our time ≤ <see cref="NumpyTarget"/> × theirs). When the GEMM runs the
/// Vector512 kernel its fraction of the Vector512 peak is printed too.
/// </summary>
public sealed class GemmPerfItem(int n = 1024) : IPerfItem
{
    /// <summary>Minimum fraction of the Vector256 FMA peak.</summary>
    public const double PeakTarget = 0.70;

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
            int saved = Gemm.MaxThreads;
            Timing ours;
            try
            {
                Gemm.MaxThreads = threads;
                ours = context.Measure(() => Gemm.Multiply(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n));
            }
            finally
            {
                Gemm.MaxThreads = saved;
            }
            double gflops = ours.RateAtMin(flops) / 1e9;
            double peak256 = context.PeakGflops(256, threads);
            results.Add(new PerfResult($"GEMM f32 {size} ({Gemm.ActiveKernel}), {label}", gflops, "GFLOP/s",
                "fraction of Vector256 FMA peak", gflops / peak256, $"≥ {PeakTarget:F2}", gflops / peak256 >= PeakTarget, ours.ToString()));
            if (Gemm.ActiveKernel == GemmKernelKind.Vector512)
            {
                double peak512 = context.PeakGflops(512, threads);
                results.Add(new PerfResult($"GEMM f32 {size}, {label}: vs Vector512 peak", gflops, "GFLOP/s",
                    "fraction of Vector512 FMA peak", gflops / peak512));
            }
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
            context.Note($"{name}: skipped: {PythonBaseline.InstallHint} ({run.Error}).");
            return new PerfResult(name, double.NaN, "GFLOP/s", Detail: $"skipped: {PythonBaseline.InstallHint}");
        }
        var json = run.Json!.Value;
        double min = json.GetProperty("min").GetDouble();
        double median = json.GetProperty("median").GetDouble();
        string blas = Describe(json);
        context.Note($"{name}: numpy {json.GetProperty("numpy").GetString()} via {run.Interpreter}, {blas}.");
        double ratio = ours.Min / min;
        return new PerfResult(name, flops / min / 1e9, "GFLOP/s", "our min time / NumPy min time", ratio, $"≤ {NumpyTarget:F1}",
            ratio <= NumpyTarget, $"min {min * 1e3:F3} ms, median {median * 1e3:F3} ms; {blas}");
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
