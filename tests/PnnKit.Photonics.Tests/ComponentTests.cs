using System.Numerics;
using PnnKit.Photonics.Components;
using PnnKit.Photonics.Linear;

namespace PnnKit.Photonics.Tests;

public class ComponentTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.47)]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void DirectionalCoupler_IsUnitary_ForAnySplittingRatio(double ratio)
    {
        var c = new DirectionalCoupler(ratio);
        Assert.True(ComplexMatrix.UnitarityError(c.TransferMatrix(), 2) < 1e-15);
        Assert.Equal(ratio, Complex.Abs(c.TransferMatrix()[1]) * Complex.Abs(c.TransferMatrix()[1]), 12);
    }

    [Fact]
    public void DirectionalCoupler_RejectsRatioOutsideUnitInterval()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DirectionalCoupler(1.2));
        Assert.Equal("splittingRatio", e.ParamName);
    }

    [Fact]
    public void Mzi_ClosedForm_MatchesComponentProduct_ForBalancedCouplers()
    {
        foreach (var (theta, phi) in new[] { (0.3, 1.1), (2.0, -0.7), (Math.PI, 0.0), (0.0, 2.5) })
        {
            var u = new MachZehnderInterferometer { Theta = theta, Phi = phi }.TransferMatrix();
            var pre = Complex.ImaginaryOne * Complex.FromPolarCoordinates(1, theta / 2);
            var e = Complex.FromPolarCoordinates(1, phi);
            double s = Math.Sin(theta / 2), c = Math.Cos(theta / 2);
            Complex[] expected = [pre * e * s, pre * c, pre * e * c, -pre * s];
            Assert.True(ComplexMatrix.MaxAbsDifference(u, expected) < 1e-14);
        }
    }

    [Fact]
    public void Mzi_IsCrossAtThetaZero_AndBarAtThetaPi()
    {
        var cross = new MachZehnderInterferometer { Theta = 0 }.TransferMatrix();
        var bar = new MachZehnderInterferometer { Theta = Math.PI }.TransferMatrix();
        Assert.True(Complex.Abs(cross[0]) < 1e-15 && Math.Abs(Complex.Abs(cross[2]) - 1) < 1e-15);
        Assert.True(Complex.Abs(bar[2]) < 1e-15 && Math.Abs(Complex.Abs(bar[0]) - 1) < 1e-15);
    }

    [Fact]
    public void Mzi_WithEqualImbalancedCouplers_CannotReachTheCrossState()
    {
        var bad = DirectionalCoupler.WithSplittingError(0.05);
        double best = double.MaxValue;
        for (int i = 0; i <= 2000; i++)
        {
            var u = new MachZehnderInterferometer { Theta = i * Math.PI / 1000, Coupler1 = bad, Coupler2 = bad }.TransferMatrix();
            best = Math.Min(best, Complex.Abs(u[0]));
        }
        // The bar amplitude is |t²·e^{iθ} − k²| ≥ |1 − 2κ| = 0.1 for κ = 0.55.
        Assert.True(best > 0.0999, $"min bar amplitude {best}");
    }

    [Fact]
    public void PhaseShifter_PowerIsQuadraticInVoltage_AndPiPowerGivesPi()
    {
        var ps = new ThermoOpticPhaseShifter { DacBits = 0 };
        Assert.Equal(ThermoOpticPhaseShifter.DefaultPiPowerWatts, ps.PowerFor(Math.PI), 15);
        double v = ps.VoltageFor(Math.PI / 2);
        Assert.Equal(Math.PI / 2, ps.PhaseFor(v), 12);
        Assert.Equal(4 * ps.PhaseFor(v), ps.PhaseFor(2 * v), 12);
        Assert.Equal(Math.PI / 3, ps.Realize(Math.PI / 3 + (4 * Math.PI)), 12);
    }

    [Fact]
    public void PhaseShifter_Quantization_ErrorShrinksWithBits_AndIsZeroOnlyWhenUnquantized()
    {
        double Worst(int bits)
        {
            var ps = new ThermoOpticPhaseShifter { DacBits = bits };
            double w = 0;
            for (int i = 1; i < 1000; i++)
            {
                double p = i * 2 * Math.PI / 1000;
                w = Math.Max(w, Math.Abs(ps.Realize(p) - p));
            }
            return w;
        }
        double w4 = Worst(4), w8 = Worst(8), w12 = Worst(12);
        Assert.True(w4 > w8 && w8 > w12 && w12 > 0, $"{w4} {w8} {w12}");
        Assert.Equal(0, Worst(0), 12);
    }

    [Fact]
    public void WaveguideLoss_ConvertsDecibels_AndRefusesGain()
    {
        var l = new WaveguideLoss(3.0103);
        Assert.Equal(0.5, l.PowerTransmission, 5);
        Assert.Equal(Math.Sqrt(0.5), l.AmplitudeTransmission, 5);
        Assert.Equal(4, WaveguideLoss.ForLength(2).Decibels, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WaveguideLoss(-1));
    }
}
