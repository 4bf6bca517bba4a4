using PnnKit.Core.Costs;

namespace PnnKit.Memristive.Periphery;

/// <summary>
/// DAC (row driver) energy: a binary-weighted capacitive DAC switching its full array once per
/// conversion, E = 2^bits · C_unit · V², plus the row-line charge C_row · V².
/// </summary>
public sealed class DacCostModel : ICostModel
{
    /// <summary>Unit capacitor, F. Assumption: 1 fF, the order of MOM unit capacitors in 14–28 nm CMOS.</summary>
    public double UnitCapacitance { get; init; } = 1e-15;

    /// <summary>Row-line capacitance per device, F. Assumption: 0.1 fF of wire and access device per cell.</summary>
    public double RowCapacitancePerCell { get; init; } = 0.1e-15;

    /// <summary>Conversion time, s. Assumption: 1 ns.</summary>
    public double ConversionSeconds { get; init; } = 1e-9;

    /// <summary>Energy of one conversion at <paramref name="bits"/> bits driving <paramref name="cells"/> cells at <paramref name="volts"/>, J.</summary>
    public double EnergyPerConversion(int bits, double volts, int cells) =>
        ((Math.Pow(2, bits) * UnitCapacitance) + (cells * RowCapacitancePerCell)) * volts * volts;

    /// <inheritdoc/>
    public string Component => "DAC (capacitive, row driver)";

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("unit capacitance", UnitCapacitance, "F", "assumption: MOM unit capacitor, 14–28 nm CMOS", "14–28 nm CMOS (order of magnitude)"),
        new("row capacitance per cell", RowCapacitancePerCell, "F", "assumption", "assumption; dense crossbar, wire and access device per cell"),
        new("conversion time", ConversionSeconds, "s", "assumption", "assumption; any"),
    ];
}
