using PnnKit.Memristive.Periphery;

namespace PnnKit.Memristive.Tests.Periphery;

public class SignedQuantizerTests
{
    [Fact]
    public void Quantize_RoundsToNearestOfSymmetricCodes()
    {
        // 3 bits: codes −3..3, step 1/3 over [−1, 1].
        Assert.Equal(1.0 / 3, SignedQuantizer.Quantize(0.4, 1.0, 3, out bool sat), 1e-15);
        Assert.False(sat);
        Assert.Equal(-2.0 / 3, SignedQuantizer.Quantize(-0.6, 1.0, 3, out _), 1e-15);
    }

    [Fact]
    public void Quantize_SaturatesBeyondRange_AndReportsIt()
    {
        Assert.Equal(2.0, SignedQuantizer.Quantize(7.5, 2.0, 8, out bool sat), 1e-15);
        Assert.True(sat);
        Assert.Equal(-2.0, SignedQuantizer.Quantize(-7.5, 2.0, null, out sat), 1e-15);
        Assert.True(sat);
    }

    [Fact]
    public void QuantizationError_IsAtMostHalfAStep()
    {
        double step = SignedQuantizer.Step(1.0, 6);
        for (double v = -1; v <= 1; v += 0.0137)
        {
            Assert.True(Math.Abs(SignedQuantizer.Quantize(v, 1.0, 6, out _) - v) <= (step / 2) + 1e-12);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(25)]
    [InlineData(-3)]
    public void ValidateBits_RefusesOutOfRange_NamingParameterAndRange(int bits)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SignedQuantizer.ValidateBits(bits, "AdcBits"));
        Assert.Equal("AdcBits", ex.ParamName);
        Assert.Contains("[2, 24]", ex.Message);
    }
}
