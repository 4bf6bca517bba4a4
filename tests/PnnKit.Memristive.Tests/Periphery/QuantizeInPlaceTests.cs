using PnnKit.Core.Random;
using PnnKit.Memristive.Periphery;

namespace PnnKit.Memristive.Tests.Periphery;

public class QuantizeInPlaceTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(null)]
    public void QuantizeInPlace_EqualsTheScalarQuantizer_ElementByElement(int? bits)
    {
        var values = new double[1000];
        new Rng(2).FillUniform<double>(values, -15, 15);
        values[0] = SignedQuantizer.Step(12, bits ?? 8) * 2.5; // an exact midpoint: rounds away from zero in both
        var expected = new double[values.Length];
        bool anySaturated = false;
        for (int i = 0; i < values.Length; i++)
        {
            expected[i] = SignedQuantizer.Quantize(values[i], 12, bits, out bool sat);
            anySaturated |= sat;
        }
        bool saturated = SignedQuantizer.QuantizeInPlace(values, 12, bits);
        Assert.True(anySaturated);
        Assert.Equal(anySaturated, saturated);
        Assert.Equal(expected, values);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(null)]
    public void QuantizeInPlace_InFloat_GivesTheScalarQuantizersCodes(int? bits)
    {
        var values = new float[1000];
        new Rng(5).FillUniform<float>(values, -15, 15);
        var expected = values.Select(v => SignedQuantizer.Quantize(v, 12, bits, out _)).ToArray();
        Assert.True(SignedQuantizer.QuantizeInPlace<float>(values, 12, bits));
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(expected[i], values[i], 1e-5);
        }
    }

    [Fact]
    public void QuantizeInPlace_ReportsNegativeSaturation()
    {
        double[] values = [1.0, -13.0, 2.0];
        Assert.True(SignedQuantizer.QuantizeInPlace(values, 12, 8));
        Assert.Equal(-12.0, values[1], 1e-12);
    }

    [Fact]
    public void QuantizeInPlace_ReportsNoSaturation_InsideTheRange()
    {
        double[] values = [0.5, -11.9, 12.0];
        Assert.False(SignedQuantizer.QuantizeInPlace(values, 12, 8));
    }
}
