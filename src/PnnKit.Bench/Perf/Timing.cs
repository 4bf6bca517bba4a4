using System.Diagnostics;

namespace PnnKit.Bench.Perf;

/// <summary>
/// Seconds per operation over several timed samples. <paramref name="ThreadCpuMin"/> is the least CPU
/// time per operation of the measuring thread over the samples, where the OS tells (null otherwise):
/// for an operation that runs on the calling thread alone it is the wall time without time slicing.
/// </summary>
public sealed record Timing(double Min, double Median, int Samples, int OpsPerSample, double? ThreadCpuMin = null)
{
    /// <summary>Rate in units per second at the best (min) time, for an operation worth <paramref name="work"/> units.</summary>
    public double RateAtMin(double work) => work / Min;

    /// <summary>Rate at the median time.</summary>
    public double RateAtMedian(double work) => work / Median;

    /// <summary>"min 12.1 ms, median 12.9 ms, 7 runs, thread CPU min 11.8 ms".</summary>
    public override string ToString()
        => $"min {Min * 1e3:F3} ms, median {Median * 1e3:F3} ms, {Samples} runs" + (OpsPerSample > 1 ? $" of {OpsPerSample} ops" : "")
            + (ThreadCpuMin is { } cpu ? $", thread CPU min {cpu * 1e3:F3} ms" : "");

    /// <summary>
    /// Times <paramref name="op"/>: <paramref name="warmUp"/> untimed calls, then
    /// <paramref name="repetitions"/> samples. Operations shorter than <paramref name="minSample"/>
    /// are repeated inside a sample so the Stopwatch resolution does not matter.
    /// </summary>
    public static Timing Measure(Action op, int warmUp, int repetitions, TimeSpan? minSample = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        double floor = (minSample ?? TimeSpan.FromMilliseconds(5)).TotalSeconds;
        var sw = new Stopwatch();
        double last = 0;
        // At least one untimed call; the last one (past JIT tiering) sizes the samples.
        for (int i = 0; i < Math.Max(1, warmUp); i++)
        {
            sw.Restart();
            op();
            last = sw.Elapsed.TotalSeconds;
        }
        int inner = last >= floor ? 1 : (int)Math.Min(1_000_000, Math.Ceiling(floor / Math.Max(last, 1e-7)));
        var samples = new double[repetitions];
        double cpuMin = double.PositiveInfinity;
        for (int r = 0; r < repetitions; r++)
        {
            double cpu0 = ThreadCpuClock.Now();
            sw.Restart();
            for (int i = 0; i < inner; i++)
            {
                op();
            }
            samples[r] = sw.Elapsed.TotalSeconds / inner;
            cpuMin = Math.Min(cpuMin, (ThreadCpuClock.Now() - cpu0) / inner);
        }
        Array.Sort(samples);
        double median = repetitions % 2 == 1 ? samples[repetitions / 2] : 0.5 * (samples[(repetitions / 2) - 1] + samples[repetitions / 2]);
        return new Timing(samples[0], median, repetitions, inner, double.IsFinite(cpuMin) && cpuMin > 0 ? cpuMin : null);
    }
}
