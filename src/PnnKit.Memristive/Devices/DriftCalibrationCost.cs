using PnnKit.Memristive.Periphery;

namespace PnnKit.Memristive.Devices;

/// <summary>
/// What one drift calibration (the reference read behind <see cref="DriftCompensation.Global"/> and
/// <see cref="DriftCompensation.PerColumn"/>) spends on a crossbar: every row driven at the full-scale
/// read voltage, each physical column (G⁺ and G⁻ separately) converted once per row block of tiles.
/// </summary>
public static class DriftCalibrationCost
{
    /// <summary>Reads and energy of one calibration of <paramref name="state"/>, J.</summary>
    /// <param name="state">The aged array state being calibrated.</param>
    /// <param name="rowBlocks">Tiles stacked along the inputs: each reads its columns separately.</param>
    /// <param name="array">Read voltage and time.</param>
    /// <param name="adc">ADC figure of merit.</param>
    /// <param name="adcBits">ADC resolution.</param>
    public static (long Conversions, double Joules) Of(CrossbarState state, int rowBlocks, ArrayReadCostModel array, AdcCostModel adc, int adcBits)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(array);
        ArgumentNullException.ThrowIfNull(adc);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowBlocks, 1);
        // Joule heating V²·G·t summed over every cell: the reference read is Σ (G⁺ + G⁻) / g_max per column.
        double conductance = state.ReferenceRead().Sum() * state.Mapping.GMax;
        double arrayJoules = array.ReadVoltage * array.ReadVoltage * conductance * array.ReadSeconds;
        long conversions = 2L * state.Outputs * rowBlocks;
        return (conversions, arrayJoules + (conversions * adc.EnergyPerConversion(adcBits)));
    }
}
