using System.Globalization;
using PnnKit.Core.Tensors;

namespace PnnKit.Bench.Perf;

/// <summary>What perf items share during one suite run: options, the log, notes and the measured FMA peaks.</summary>
public sealed class PerfContext
{
    private readonly Dictionary<(int Bits, int Threads), Timing> _peaks = [];
    private readonly List<string> _notes = [];

    /// <summary>A context for one run.</summary>
    public PerfContext(PerfOptions options, TextWriter log)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Log = log ?? throw new ArgumentNullException(nameof(log));
    }

    /// <summary>The suite options.</summary>
    public PerfOptions Options { get; }

    /// <summary>Progress output.</summary>
    public TextWriter Log { get; }

    /// <summary>Notes that end up in the report (skipped baselines, kernels used, machine load).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Adds a note to the report.</summary>
    public void Note(string note) => _notes.Add(note);

    /// <summary>Times <paramref name="op"/> with the suite's warm-up and repetition counts.</summary>
    public Timing Measure(Action op) => Timing.Measure(op, Options.WarmUp, Options.EffectiveRepetitions);

    /// <summary>Times <paramref name="op"/> with <see cref="Gemm.MaxThreads"/> set to <paramref name="threads"/>, restored afterwards.</summary>
    public Timing Measure(Action op, int threads)
    {
        int saved = Gemm.MaxThreads;
        try
        {
            Gemm.MaxThreads = threads;
            return Measure(op);
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }

    /// <summary>Iterations of the peak loop: ≈ 50 ms per run at ~250 GFLOP/s (≈ 12 ms when quick).</summary>
    private long PeakIterations => Options.Quick ? 8_000_000 : 32_000_000;

    /// <summary>
    /// Float32 FMA peak in GFLOP/s for <paramref name="vectorBits"/> (128, 256 or 512) on
    /// <paramref name="threads"/> threads together, measured once per run; null when the CPU lacks it.
    /// </summary>
    public double? PeakGflops(int vectorBits, int threads) => PeakTiming(vectorBits, threads) is { } t
        ? threads * FmaPeak.Flops(vectorBits, PeakIterations) / Seconds(t, threads) / 1e9
        : null;

    /// <summary>
    /// The seconds a rate is taken from: on 1 thread the measuring thread's CPU time where the OS
    /// tells (the op runs on that thread alone, so this is its wall time without other processes'
    /// time slices), else the wall-clock min. Peaks and kernels use the same clock on the same thread count.
    /// </summary>
    public static double Seconds(Timing timing, int threads)
    {
        ArgumentNullException.ThrowIfNull(timing);
        return threads == 1 && timing.ThreadCpuMin is { } cpu ? cpu : timing.Min;
    }

    /// <summary>Which clock <see cref="Seconds"/> read, for the detail of a row.</summary>
    public static string Clock(Timing timing, int threads)
    {
        ArgumentNullException.ThrowIfNull(timing);
        return threads == 1 && timing.ThreadCpuMin is { } cpu
            ? $"rate from thread CPU time ({timing})"
            : $"rate from wall time ({timing})";
    }

    /// <summary>The timing behind <see cref="PeakGflops"/>; null when unsupported.</summary>
    public Timing? PeakTiming(int vectorBits, int threads)
    {
        if (!FmaPeak.Supports(vectorBits))
        {
            return null;
        }
        if (!_peaks.TryGetValue((vectorBits, threads), out var timing))
        {
            long n = PeakIterations;
            timing = Timing.Measure(() => FmaPeak.OnThreads(threads, () => FmaPeak.Loop(vectorBits, n)), Options.WarmUp, Options.EffectiveRepetitions, TimeSpan.Zero);
            _peaks[(vectorBits, threads)] = timing;
        }
        return timing;
    }

    /// <summary>
    /// THE peak on <paramref name="threads"/> threads: the highest of every vector width this CPU runs
    /// (<see cref="FmaPeak.SupportedWidths"/>), each measured; null on a CPU without vector FMA.
    /// </summary>
    public FmaPeakFigure? Peak(int threads)
        => FmaPeakFigure.Highest(FmaPeak.SupportedWidths.Select(bits => new FmaPeakFigure(bits, PeakGflops(bits, threads)!.Value)));

    /// <summary>
    /// A judged fraction-of-peak row against <see cref="Peak"/>; on a CPU without vector FMA, the rate
    /// alone with the fraction marked skipped.
    /// </summary>
    public PerfResult FractionOfPeak(string name, Timing timing, double flops, int threads, double target)
        => FractionOfPeak(name, flops / Seconds(timing, threads) / 1e9, threads, target, Clock(timing, threads));

    /// <summary>As the overload above, for a rate already taken with <see cref="Seconds"/>.</summary>
    public PerfResult FractionOfPeak(string name, double gflops, int threads, double target, string? detail = null)
        => Peak(threads) is { } peak
            ? peak.Fraction(name, gflops, target, detail)
            : new PerfResult(name, gflops, "GFLOP/s", "fraction of the FMA peak", Detail: detail, Status: PerfResult.SkippedStatus,
                Reason: "no vector FMA unit on this CPU to measure a peak against");

    /// <summary>"1 thread" / "2 threads".</summary>
    public static string ThreadsLabel(int threads) => threads == 1 ? "1 thread" : $"{threads.ToString(CultureInfo.InvariantCulture)} threads";
}
