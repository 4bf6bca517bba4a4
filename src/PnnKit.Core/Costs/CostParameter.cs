namespace PnnKit.Core.Costs;

/// <summary>One named parameter of a cost model, with its unit, where its value comes from and where that value holds.</summary>
/// <param name="Name">What the number is, e.g. "fp32 multiply energy".</param>
/// <param name="Value">The value in <paramref name="Unit"/>.</param>
/// <param name="Unit">SI unit, e.g. "J", "W", "s".</param>
/// <param name="Source">Paper, datasheet or stated assumption.</param>
/// <param name="Validity">
/// Where the source figure applies (technology node, bit width, rate, wavelength, device family),
/// e.g. "45 nm CMOS, 0.9 V, fp32"; an explicit "assumption; …" where the source gives no range.
/// </param>
public sealed record CostParameter(string Name, double Value, string Unit, string Source, string Validity);
