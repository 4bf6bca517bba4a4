using System.Runtime.InteropServices;

namespace PnnKit.Bench.Perf;

/// <summary>
/// CPU seconds the calling thread has run, where the OS tells (Linux: clock_gettime with
/// CLOCK_THREAD_CPUTIME_ID). A 1-thread kernel timed by it is immune to time slicing by other
/// processes on a shared machine, which inflates wall-clock minima by 10-40 % at load ≈ 3 on 2 cores.
/// </summary>
internal static partial class ThreadCpuClock
{
    /// <summary>CLOCK_THREAD_CPUTIME_ID in Linux's &lt;time.h&gt;.</summary>
    private const int ThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>True where <see cref="Now"/> reads a per-thread clock.</summary>
    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>The calling thread's CPU seconds; NaN where unavailable.</summary>
    public static double Now() => IsAvailable && ClockGetTime(ThreadCpuTimeId, out var t) == 0 ? t.Seconds + (t.Nanoseconds * 1e-9) : double.NaN;

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(ThreadCpuTimeId, out _) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }
}
