using PnnKit.Core.Costs;

namespace PnnKit.Memristive.Periphery;

/// <summary>Transimpedance amplifier (column current sense) energy: static bias power over the read time.</summary>
public sealed class TiaCostModel : ICostModel
{
    /// <summary>Bias power per TIA, W. Assumption: 20 µW, a low-power CMOS amplifier per column.</summary>
    public double PowerWatts { get; init; } = 20e-6;

    /// <summary>Energy of one column read lasting <paramref name="seconds"/>, J.</summary>
    public double EnergyPerRead(double seconds) => PowerWatts * seconds;

    /// <inheritdoc/>
    public string Component => "TIA (column sense)";

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("bias power per TIA", PowerWatts, "W", "assumption: 20 µW low-power CMOS amplifier", "assumption; low-power CMOS, one per column, column-read bandwidth"),
    ];
}
