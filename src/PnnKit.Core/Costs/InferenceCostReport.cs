namespace PnnKit.Core.Costs;

/// <summary>One term of the system energy of one inference and its share of the total.</summary>
/// <param name="Name">Component or term name (with its stage when two stages share a name).</param>
/// <param name="Category">Ledger category; null for static power.</param>
/// <param name="Kind">"dynamic" (charged per use), "static" (power over the inference time) or "amortised" (per event over a deployment).</param>
/// <param name="PerInference">Energy per inference.</param>
/// <param name="Share">Fraction of the system energy per inference.</param>
public sealed record CostTermShare(string Name, CostCategory? Category, string Kind, Energy PerInference, double Share);

/// <summary>
/// What one inference costs, the way DESIGN.md §6 asks every report to show it: core-only and
/// whole-system energy and TOPS/W both ways, each term's share, the critical-path latency and the
/// throughput it allows, static power, the terms included and the terms excluded (with reasons), and
/// calibration / drift management / retraining amortised over a stated deployment as their own terms.
/// </summary>
/// <param name="CoreEnergy">Core-only energy per inference.</param>
/// <param name="SystemEnergy">Whole-system energy per inference: dynamic + static over the latency + amortised.</param>
/// <param name="Latency">Critical path of one inference (sum of stage latencies).</param>
/// <param name="ThroughputPerSecond">Inferences per second running one inference at a time (1 / latency); null when no stage declared a latency.</param>
/// <param name="StaticPower">Total static power.</param>
/// <param name="OperationsPerInference">Operations (2 per MAC) of one inference, if given.</param>
/// <param name="CoreTopsPerWatt">Tera-operations per joule in the core (= TOPS/W), if operations are given.</param>
/// <param name="SystemTopsPerWatt">Tera-operations per joule of the whole system, if operations are given.</param>
/// <param name="Terms">Every term, largest first; their energies sum to <paramref name="SystemEnergy"/>.</param>
/// <param name="Excluded">Terms knowingly not counted, with the reason.</param>
/// <param name="Deployment">The deployment the amortised terms assume, if any.</param>
public sealed record InferenceCostReport(
    Energy CoreEnergy, Energy SystemEnergy, Duration Latency, double? ThroughputPerSecond, Power StaticPower,
    double? OperationsPerInference, double? CoreTopsPerWatt, double? SystemTopsPerWatt,
    IReadOnlyList<CostTermShare> Terms, IReadOnlyDictionary<string, string> Excluded, Deployment? Deployment)
{
    /// <summary>
    /// The report of <paramref name="ledger"/> (after its inferences are recorded). Static power is
    /// drawn over the critical-path latency (one inference at a time). <paramref name="amortised"/>
    /// terms need <paramref name="deployment"/>. Refuses (<see cref="MissingCostException"/>) when the
    /// ledger has a missing term.
    /// </summary>
    public static InferenceCostReport From(CostLedger ledger, double? operationsPerInference = null, Deployment? deployment = null, IReadOnlyList<AmortisedCost>? amortised = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        amortised ??= [];
        if (amortised.Count > 0 && deployment is null)
        {
            throw new ArgumentException($"amortised terms ({string.Join(", ", amortised.Select(a => a.Name))}) need a deployment (inferences per second × lifetime) to be spread over.", nameof(deployment));
        }
        if (operationsPerInference is double ops && (!double.IsFinite(ops) || ops <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(operationsPerInference), $"operations per inference must be finite and > 0, got {ops}.");
        }
        var latency = ledger.Latency;
        var dynamicAndStatic = ledger.SystemEnergy(latency); // refuses a missing term
        var entries = ledger.Entries;
        var ambiguous = entries.GroupBy(e => e.Component, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var terms = new List<(string Name, CostCategory? Category, string Kind, Energy Energy)>();
        terms.AddRange(entries.Select(e => (ambiguous.Contains(e.Component) ? $"{e.Component} [{e.Stage}]" : e.Component, (CostCategory?)e.Category, "dynamic", e.Energy / ledger.Inferences)));
        terms.AddRange(ledger.StaticPower.Select(p => ($"{p.Key} (static)", (CostCategory?)null, "static", new Power(p.Value) * latency)));
        terms.AddRange(amortised.Select(a => (a.Name, (CostCategory?)a.Category, "amortised", a.PerInference(deployment!))));
        var system = dynamicAndStatic + Energy.Sum(amortised.Select(a => a.PerInference(deployment!)));
        var core = ledger.CoreEnergy;
        static double? Tops(double? ops, Energy e) => ops is double o && e.Joules > 0 ? o / e.Joules / 1e12 : null;
        return new InferenceCostReport(
            core, system, latency, latency.Seconds > 0 ? 1 / latency.Seconds : null, ledger.TotalStaticPower,
            operationsPerInference, Tops(operationsPerInference, core), Tops(operationsPerInference, system),
            [.. terms.OrderByDescending(t => t.Energy).Select(t => new CostTermShare(t.Name, t.Category, t.Kind, t.Energy, system.Joules > 0 ? t.Energy / system : 0))],
            ledger.Excluded, deployment);
    }
}
