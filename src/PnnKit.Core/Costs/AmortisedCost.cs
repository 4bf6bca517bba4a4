namespace PnnKit.Core.Costs;

/// <summary>
/// A cost paid per event, not per inference (a calibration read, a drift-compensation refresh, a
/// retraining run), with how many events a deployment needs; shown as its own term per inference.
/// </summary>
/// <param name="Name">Term name, e.g. "drift calibration (every 1 d)".</param>
/// <param name="Category">Ledger category (usually <see cref="CostCategory.Calibration"/>).</param>
/// <param name="PerEvent">Energy of one event.</param>
/// <param name="Events">Events over the deployment's lifetime.</param>
public sealed record AmortisedCost(string Name, CostCategory Category, Energy PerEvent, double Events)
{
    /// <summary>An event repeated every <paramref name="interval"/> over <paramref name="deployment"/>'s lifetime (at least once).</summary>
    public static AmortisedCost Every(string name, CostCategory category, Energy perEvent, Duration interval, Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (!(interval.Seconds > 0) || !double.IsFinite(interval.Seconds))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), $"{name}: interval must be finite and > 0 s, got {interval.Seconds}.");
        }
        return new AmortisedCost(name, category, perEvent, Math.Max(1, Math.Ceiling(deployment.Lifetime / interval)));
    }

    /// <summary>Energy per inference over <paramref name="deployment"/>.</summary>
    public Energy PerInference(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (!PerEvent.IsValidCost || !double.IsFinite(Events) || Events < 0)
        {
            throw new MissingCostException($"{Name}: energy per event ({PerEvent.Joules} J) and event count ({Events}) must be finite and ≥ 0.");
        }
        return PerEvent * Events / deployment.Inferences;
    }
}
