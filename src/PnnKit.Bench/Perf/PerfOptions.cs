namespace PnnKit.Bench.Perf;

/// <summary>Settings for <see cref="PerfSuite.Run(PerfOptions, TextWriter)"/>.</summary>
public sealed record PerfOptions
{
    /// <summary>Thread counts to measure at (default: 1 and every core).</summary>
    public IReadOnlyList<int> Threads { get; init; } = Environment.ProcessorCount > 1 ? [1, Environment.ProcessorCount] : [1];

    /// <summary>Untimed runs before measuring (JIT tiering, page faults, caches).</summary>
    public int WarmUp { get; init; } = 2;

    /// <summary>Timed runs; min and median are reported.</summary>
    public int Repetitions { get; init; } = 7;

    /// <summary>Shorter peak loops and fewer repetitions, for a smoke run.</summary>
    public bool Quick { get; init; }

    /// <summary>Python interpreter for the baselines; null tries /usr/bin/python3, then python3 on PATH.</summary>
    public string? Python { get; init; }

    /// <summary>Run the NumPy/PyTorch baselines (skipped with a note when Python lacks them).</summary>
    public bool IncludePythonBaselines { get; init; } = true;

    /// <summary>Longest one baseline script may run.</summary>
    public TimeSpan PythonTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Repetitions after <see cref="Quick"/> is applied.</summary>
    internal int EffectiveRepetitions => Quick ? Math.Min(3, Repetitions) : Repetitions;
}
