using PnnKit.Core.Random;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Periphery;

namespace PnnKit.Memristive.Tests.Devices;

public class DriftCalibrationCostTests
{
    [Fact]
    public void OneCalibration_CostsTheJouleHeatingOfEveryCell_PlusOneConversionPerPhysicalColumnAndRowBlock()
    {
        var w = new double[5 * 3];
        new Rng(4).FillUniform<double>(w, -1, 1);
        var state = new CrossbarDesign(w, 5, 3, new WeightMapping()).Fabricate(DeviceVariation.None, 1).At(86_400);
        var array = new ArrayReadCostModel { ReadVoltage = 0.2, ReadSeconds = 1e-6 };
        var adc = new AdcCostModel { WaldenFomJoules = 1e-14 };

        var (conversions, joules) = DriftCalibrationCost.Of(state, rowBlocks: 2, array, adc, adcBits: 6);

        // By hand: Σ V² G t over all 30 devices, and 2 (G⁺, G⁻) × 3 columns × 2 row blocks conversions of 2⁶ · FOM.
        double heat = 0;
        for (int i = 0; i < w.Length; i++)
        {
            heat += 0.04 * (state.GPlus[i] + state.GMinus[i]) * 1e-6;
        }
        Assert.Equal(12, conversions);
        Assert.Equal(heat + (12 * 64 * 1e-14), joules, 1e-9 * joules);
        Assert.Throws<ArgumentOutOfRangeException>(() => DriftCalibrationCost.Of(state, 0, array, adc, 6));
    }
}
