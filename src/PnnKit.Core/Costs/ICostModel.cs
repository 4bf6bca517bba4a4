namespace PnnKit.Core.Costs;

/// <summary>
/// A component's energy/latency model. Every model lists its parameters with their sources, so a
/// report can print exactly what was assumed (DESIGN.md §6).
/// </summary>
public interface ICostModel
{
    /// <summary>The component this model costs, e.g. "digital MAC array (fp32)".</summary>
    string Component { get; }

    /// <summary>The parameters and their sources.</summary>
    IReadOnlyList<CostParameter> Parameters { get; }
}
