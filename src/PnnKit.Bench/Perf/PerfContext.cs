using System.Globalization;

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

    /// <summary>Iterations of the peak loop: ≈ 50 ms per run at ~250 GFLOP/s (≈ 12 ms when quick).</summary>
    private long PeakIterations => Options.Quick ? 8_000_000 : 32_000_000;

    /// <summary>
    /// Float32 FMA peak in GFLOP/s for <paramref name="vectorBits"/> (256 or 512) on
    /// <paramref name="threads"/> threads together, measured once per run; NaN when unsupported.
    /// </summary>
    public double PeakGflops(int vectorBits, int threads) => PeakTiming(vectorBits, threads) is { } t
        ? PeakFlops(vectorBits, threads) / t.Min / 1e9
        : double.NaN;

    /// <summary>The timing behind <see cref="PeakGflops"/>; null when unsupported.</summary>
    public Timing? PeakTiming(int vectorBits, int threads)
    {
        if (!(vectorBits == 256 ? FmaPeak.Has256 : vectorBits == 512 && FmaPeak.Has512))
        {
            return null;
        }
        if (!_peaks.TryGetValue((vectorBits, threads), out var timing))
        {
            long n = PeakIterations;
            Action loop = vectorBits == 256 ? () => FmaPeak.Loop256(n) : () => FmaPeak.Loop512(n);
            timing = Timing.Measure(() => FmaPeak.OnThreads(threads, loop), Options.WarmUp, Options.EffectiveRepetitions, TimeSpan.Zero);
            _peaks[(vectorBits, threads)] = timing;
        }
        return timing;
    }

    private double PeakFlops(int vectorBits, int threads)
        => threads * (vectorBits == 256 ? FmaPeak.Flops256(PeakIterations) : FmaPeak.Flops512(PeakIterations));

    /// <summary>"1 thread" / "2 threads".</summary>
    public static string ThreadsLabel(int threads) => threads == 1 ? "1 thread" : $"{threads.ToString(CultureInfo.InvariantCulture)} threads";
}
