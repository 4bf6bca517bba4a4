namespace PnnKit.Core.Costs;

/// <summary>
/// Accumulates what components spend while a model runs: energy per use, latency of each stage on
/// the critical path, static power, and the terms knowingly left out. Layers charge it from
/// <c>Forward</c>; the caller records how many inferences were run, so energy per inference is a
/// division, never an estimate. Thread-safe for concurrent charges.
/// </summary>
public sealed class CostLedger
{
    private readonly Dictionary<string, CostEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _staticPower = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _excluded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ICostModel> _models = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Number of inferences (samples) the charges were made for.</summary>
    public long Inferences { get; private set; }

    /// <summary>
    /// Charges <paramref name="energyJoules"/> to <paramref name="component"/> for <paramref name="uses"/> uses;
    /// <paramref name="stageLatencySeconds"/> is this stage's latency for one inference (kept, not summed).
    /// </summary>
    public void Charge(string component, CostCategory category, double energyJoules, long uses = 1, double stageLatencySeconds = 0, ICostModel? model = null)
    {
        if (!double.IsFinite(energyJoules) || energyJoules < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(energyJoules), $"{component}: energy must be finite and ≥ 0 J, got {energyJoules}.");
        }
        lock (_gate)
        {
            if (_entries.TryGetValue(component, out var e))
            {
                if (e.Category != category)
                {
                    throw new InvalidOperationException($"{component} was charged as {e.Category} and now as {category}.");
                }
                _entries[component] = e with { EnergyJoules = e.EnergyJoules + energyJoules, Uses = e.Uses + uses, StageLatencySeconds = Math.Max(e.StageLatencySeconds, stageLatencySeconds) };
            }
            else
            {
                _entries[component] = new CostEntry(component, category, energyJoules, uses, stageLatencySeconds);
            }
            if (model is not null)
            {
                _models[component] = model;
            }
        }
    }

    /// <summary>Declares a static power draw (heaters holding phases, bias currents), in watts.</summary>
    public void AddStaticPower(string component, double watts, ICostModel? model = null)
    {
        if (!double.IsFinite(watts) || watts < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(watts), $"{component}: static power must be finite and ≥ 0 W, got {watts}.");
        }
        lock (_gate)
        {
            _staticPower[component] = watts;
            if (model is not null)
            {
                _models[component] = model;
            }
        }
    }

    /// <summary>Records a term that is knowingly not counted, and why; reports list it.</summary>
    public void Exclude(string term, string reason)
    {
        lock (_gate)
        {
            _excluded[term] = reason;
        }
    }

    /// <summary>Adds <paramref name="count"/> inferences to the denominator.</summary>
    public void RecordInferences(long count)
    {
        lock (_gate)
        {
            Inferences += count;
        }
    }

    /// <summary>All dynamic-energy entries, by component name.</summary>
    public IReadOnlyList<CostEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries.Values.OrderBy(e => e.Category).ThenBy(e => e.Component, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Static power draws in watts, by component.</summary>
    public IReadOnlyDictionary<string, double> StaticPower
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, double>(_staticPower);
            }
        }
    }

    /// <summary>Terms not counted, with the reason.</summary>
    public IReadOnlyDictionary<string, string> Excluded
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, string>(_excluded);
            }
        }
    }

    /// <summary>Cost models of the charged components (for listing parameters and sources).</summary>
    public IReadOnlyCollection<ICostModel> Models
    {
        get
        {
            lock (_gate)
            {
                return [.. _models.Values];
            }
        }
    }

    /// <summary>Total static power, W.</summary>
    public double TotalStaticPowerWatts => StaticPower.Values.Sum();

    /// <summary>Sum of stage latencies: the critical path of one inference through a sequential model.</summary>
    public double LatencySeconds => Entries.Sum(e => e.StageLatencySeconds);

    /// <summary>Dynamic energy per inference in the core only, J.</summary>
    public double CoreEnergyPerInference => PerInference(Entries.Where(e => e.Category == CostCategory.Core).Sum(e => e.EnergyJoules));

    /// <summary>
    /// Whole-system energy per inference, J: all dynamic terms plus static power over the time one
    /// inference occupies the system (<paramref name="secondsPerInference"/>: 1/throughput).
    /// </summary>
    public double SystemEnergyPerInference(double secondsPerInference) =>
        PerInference(Entries.Sum(e => e.EnergyJoules)) + (TotalStaticPowerWatts * secondsPerInference);

    private double PerInference(double joules)
    {
        if (Inferences == 0)
        {
            throw new InvalidOperationException("No inferences were recorded; call RecordInferences after running the model.");
        }
        return joules / Inferences;
    }
}

/// <summary>Accumulated dynamic energy of one component.</summary>
/// <param name="Component">Component name.</param>
/// <param name="Category">Where it belongs.</param>
/// <param name="EnergyJoules">Total energy charged, J.</param>
/// <param name="Uses">Number of uses charged.</param>
/// <param name="StageLatencySeconds">Latency of this stage for one inference, s.</param>
public sealed record CostEntry(string Component, CostCategory Category, double EnergyJoules, long Uses, double StageLatencySeconds);
