namespace PnnKit.Memristive.Devices;

/// <summary>
/// How outputs are rescaled for conductance drift. Both use a reference read with every row at
/// full-scale voltage, measuring each column's I⁺ + I⁻ (the pair's total current, which drifts like
/// the conductances and never cancels): once right after programming (age 0) and again at read time.
/// </summary>
public enum DriftCompensation
{
    /// <summary>No compensation.</summary>
    None,

    /// <summary>One factor per tile set: α = Σ_j ref_j(0) / Σ_j ref_j(t) (aihwkit GlobalDriftCompensation's idea).</summary>
    Global,

    /// <summary>One factor per column: α_j = ref_j(0) / ref_j(t).</summary>
    PerColumn,
}
