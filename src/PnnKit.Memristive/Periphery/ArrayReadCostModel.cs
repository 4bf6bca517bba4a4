using PnnKit.Core.Costs;

namespace PnnKit.Memristive.Periphery;

/// <summary>Array read energy: Joule heating in the devices, Σ V² · G · t over the driven cells (computed by <see cref="Crossbar.CrossbarTile.ReadEnergy"/>).</summary>
public sealed class ArrayReadCostModel : ICostModel
{
    /// <summary>Read voltage at full-scale input, V. Assumption: 0.2 V, below PCM's ~0.5 V threshold-switching voltage so reads do not disturb.</summary>
    public double ReadVoltage { get; init; } = 0.2;

    /// <summary>Read (integration) time, s: 250 ns, aihwkit PCMLikeNoiseModel t_read.</summary>
    public double ReadSeconds { get; init; } = 250e-9;

    /// <summary>One read cycle of a tile: the row DACs convert, the array is read, the column ADCs convert, s.</summary>
    public double CycleSeconds(DacCostModel dac, AdcCostModel adc)
    {
        ArgumentNullException.ThrowIfNull(dac);
        ArgumentNullException.ThrowIfNull(adc);
        return dac.ConversionSeconds + ReadSeconds + (1 / adc.SampleRate);
    }

    /// <inheritdoc/>
    public string Component => "crossbar array read";

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("read voltage", ReadVoltage, "V", "assumption: below PCM threshold switching (~0.5 V)", "PCM; any device whose threshold or disturb voltage is above 0.2 V"),
        new("read time", ReadSeconds, "s", "aihwkit PCMLikeNoiseModel t_read = 250 ns", "PCM, as in aihwkit's PCM statistical model"),
    ];
}
