namespace PnnKit.Core.Costs;

/// <summary>One named parameter of a cost model, with its unit and where its value comes from.</summary>
/// <param name="Name">What the number is, e.g. "fp32 multiply energy".</param>
/// <param name="Value">The value in <paramref name="Unit"/>.</param>
/// <param name="Unit">SI unit, e.g. "J", "W", "s".</param>
/// <param name="Source">Paper, datasheet or stated assumption.</param>
public sealed record CostParameter(string Name, double Value, string Unit, string Source);
