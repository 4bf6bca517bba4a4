using System.Text.Json.Serialization;

namespace PnnKit.Core.Costs;

/// <summary>
/// Accumulates what components spend while a model runs: energy per use, latency of each stage on
/// the critical path, static power, and the terms knowingly left out. Layers charge it from
/// <c>Forward</c>; the caller records how many inferences were run, so energy per inference is a
/// division, never an estimate. Thread-safe for concurrent charges.
/// A model marks each layer as a stage (<see cref="BeginStage"/>): same-named components of two
/// stages (two layers both called "analog") stay two entries, and a converter stage that charged
/// nothing is a missing term, so system figures are refused (<see cref="MissingCostException"/>)
/// instead of silently omitting it (DESIGN.md §3, §6).
/// </summary>
public sealed class CostLedger
{
    private readonly Dictionary<(string Stage, string Component), CostEntry> _entries = [];
    private readonly Dictionary<string, double> _staticPower = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _excluded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _missing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ICostModel> _models = new(StringComparer.Ordinal);
    private readonly AsyncLocal<CostStage?> _stage = new();
    private readonly Lock _gate = new();

    /// <summary>Number of inferences (samples) the charges were made for.</summary>
    public long Inferences { get; private set; }

    /// <summary>The stage now running in this flow of execution, or null outside a model.</summary>
    public CostStage? CurrentStage => _stage.Value;

    /// <summary>
    /// Enters a stage named <paramref name="name"/> (e.g. "2:crossbar2") inside the current one; charges
    /// until the returned scope is disposed belong to it.
    /// </summary>
    public CostStage BeginStage(string name)
    {
        var stage = new CostStage(this, _stage.Value, name);
        _stage.Value = stage;
        return stage;
    }

    internal void EndStage(CostStage stage) => _stage.Value = stage.Parent;

    /// <summary>
    /// Charges <paramref name="energy"/> to <paramref name="component"/> for <paramref name="uses"/> uses;
    /// <paramref name="stageLatency"/> is this stage's latency for one inference (kept, not summed).
    /// </summary>
    public void Charge(string component, CostCategory category, Energy energy, long uses = 1, Duration stageLatency = default, ICostModel? model = null)
    {
        if (!energy.IsValidCost)
        {
            throw new ArgumentOutOfRangeException(nameof(energy), $"{component}: energy must be finite and ≥ 0 J, got {energy.Joules}.");
        }
        if (!stageLatency.IsValidCost)
        {
            throw new ArgumentOutOfRangeException(nameof(stageLatency), $"{component}: stage latency must be finite and ≥ 0 s, got {stageLatency.Seconds}.");
        }
        var stage = _stage.Value;
        stage?.Count();
        var key = (stage?.Path ?? "", component);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var e))
            {
                if (e.Category != category)
                {
                    throw new InvalidOperationException($"{component} was charged as {e.Category} and now as {category}.");
                }
                _entries[key] = e with { EnergyJoules = e.EnergyJoules + energy.Joules, Uses = e.Uses + uses, StageLatencySeconds = Math.Max(e.StageLatencySeconds, stageLatency.Seconds) };
            }
            else
            {
                _entries[key] = new CostEntry(component, category, energy.Joules, uses, stageLatency.Seconds) { Stage = key.Item1 };
            }
            Register(component, model);
        }
    }

    /// <summary>Declares a static power draw (heaters holding phases, bias currents).</summary>
    public void AddStaticPower(string component, Power power, ICostModel? model = null)
    {
        if (!power.IsValidCost)
        {
            throw new ArgumentOutOfRangeException(nameof(power), $"{component}: static power must be finite and ≥ 0 W, got {power.Watts}.");
        }
        _stage.Value?.Count();
        lock (_gate)
        {
            _staticPower[component] = power.Watts;
            Register(component, model);
        }
    }

    /// <summary>Records a term that is knowingly not counted, and why; reports list it, and it settles a missing term of that name.</summary>
    public void Exclude(string term, string reason)
    {
        _stage.Value?.Count();
        lock (_gate)
        {
            _excluded[term] = reason;
        }
    }

    /// <summary>
    /// Records that <paramref name="term"/> was used but not costed (<paramref name="why"/>): system figures
    /// are refused, naming it, until the same term is excluded with a reason.
    /// </summary>
    public void RequireCost(string term, string why)
    {
        lock (_gate)
        {
            _missing[term] = why;
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

    /// <summary>All dynamic-energy entries, by category, component and stage.</summary>
    public IReadOnlyList<CostEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries.Values.OrderBy(e => e.Category).ThenBy(e => e.Component, StringComparer.Ordinal).ThenBy(e => e.Stage, StringComparer.Ordinal)];
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

    /// <summary>Terms used but not costed and not excluded, with why they are missing; system figures refuse while any remain.</summary>
    public IReadOnlyDictionary<string, string> MissingTerms
    {
        get
        {
            lock (_gate)
            {
                return _missing.Where(m => !_excluded.ContainsKey(m.Key)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
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

    /// <summary>Total static power.</summary>
    public Power TotalStaticPower => new(StaticPower.Values.Sum());

    /// <summary>Total static power, W.</summary>
    public double TotalStaticPowerWatts => TotalStaticPower.Watts;

    /// <summary>Sum of stage latencies: the critical path of one inference through a sequential model.</summary>
    public Duration Latency => new(Entries.Sum(e => e.StageLatencySeconds));

    /// <summary>Sum of stage latencies, s.</summary>
    public double LatencySeconds => Latency.Seconds;

    /// <summary>Dynamic energy per inference in the core only.</summary>
    public Energy CoreEnergy => PerInference(new Energy(Entries.Where(e => e.Category == CostCategory.Core).Sum(e => e.EnergyJoules)));

    /// <summary>Dynamic energy per inference in the core only, J.</summary>
    public double CoreEnergyPerInference => CoreEnergy.Joules;

    /// <summary>
    /// Whole-system energy per inference: all dynamic terms plus static power over the time one
    /// inference occupies the system (<paramref name="timePerInference"/>: 1/throughput). Refused with
    /// <see cref="MissingCostException"/> while a term is missing, or when static power is drawn and
    /// no time is given to draw it over.
    /// </summary>
    public Energy SystemEnergy(Duration timePerInference)
    {
        if (!timePerInference.IsValidCost)
        {
            throw new ArgumentOutOfRangeException(nameof(timePerInference), $"time per inference must be finite and ≥ 0 s, got {timePerInference.Seconds}.");
        }
        ThrowIfIncomplete();
        var staticPower = TotalStaticPower;
        if (staticPower.Watts > 0 && timePerInference.Seconds == 0)
        {
            throw new MissingCostException($"Static power {staticPower} ({string.Join(", ", StaticPower.Keys)}) would count for nothing over a time per inference of 0 s; give the time one inference occupies the system (1/throughput).");
        }
        return PerInference(new Energy(Entries.Sum(e => e.EnergyJoules))) + (staticPower * timePerInference);
    }

    /// <summary>Whole-system energy per inference, J; the untyped form of <see cref="SystemEnergy(Duration)"/>.</summary>
    public double SystemEnergyPerInference(double secondsPerInference) => SystemEnergy(new Duration(secondsPerInference)).Joules;

    /// <summary>Throws <see cref="MissingCostException"/> naming the first missing term, if any.</summary>
    public void ThrowIfIncomplete()
    {
        var missing = MissingTerms;
        if (missing.Count > 0)
        {
            var (term, why) = missing.OrderBy(m => m.Key, StringComparer.Ordinal).First();
            throw new MissingCostException(
                $"The system figure would silently omit '{term}' ({why}); give it a cost model, or record why it is left out with Exclude(\"{term}\", reason)." +
                (missing.Count > 1 ? $" Also missing: {string.Join(", ", missing.Keys.Where(k => k != term).Order(StringComparer.Ordinal))}." : ""));
        }
    }

    private Energy PerInference(Energy total)
    {
        if (Inferences == 0)
        {
            throw new InvalidOperationException("No inferences were recorded; call RecordInferences after running the model.");
        }
        return total / Inferences;
    }

    /// <summary>Keeps the model for listing; a parameter without a value makes its component a missing term. Caller holds the lock.</summary>
    private void Register(string component, ICostModel? model)
    {
        if (model is null || _models.ContainsKey(component))
        {
            return;
        }
        _models[component] = model;
        foreach (var p in model.Parameters.Where(p => !double.IsFinite(p.Value)))
        {
            _missing[$"{component}: {p.Name}"] = $"cost model '{model.Component}' has no value for '{p.Name}' ({p.Value} {p.Unit})";
        }
    }
}

/// <summary>Accumulated dynamic energy of one component in one stage.</summary>
/// <param name="Component">Component name.</param>
/// <param name="Category">Where it belongs.</param>
/// <param name="EnergyJoules">Total energy charged, J.</param>
/// <param name="Uses">Number of uses charged.</param>
/// <param name="StageLatencySeconds">Latency of this stage for one inference, s.</param>
public sealed record CostEntry(string Component, CostCategory Category, double EnergyJoules, long Uses, double StageLatencySeconds)
{
    /// <summary>The model stage that charged it (e.g. "2:crossbar2"), or "" when charged outside a model.</summary>
    public string Stage { get; init; } = "";

    /// <summary>Total energy charged.</summary>
    [JsonIgnore]
    public Energy Energy => new(EnergyJoules);

    /// <summary>Latency of this stage for one inference.</summary>
    [JsonIgnore]
    public Duration StageLatency => new(StageLatencySeconds);
}
