using PnnKit.Memristive.Crossbar;

namespace PnnKit.Memristive.Tests.Crossbar;

public class WeightMappingTests
{
    [Fact]
    public void ToConductances_PutsPositiveWeightsOnGPlusAndNegativeOnGMinus_ScaledToGMax()
    {
        var map = new WeightMapping(gMax: 25e-6, weightMax: 1.0);
        double[] w = [0.5, -0.2, 0, 1];
        var gp = new double[4];
        var gm = new double[4];
        map.ToConductances(w, gp, gm);
        Assert.Equal([12.5e-6, 0, 0, 25e-6], gp, (a, b) => Math.Abs(a - b) < 1e-18);
        Assert.Equal([0, 5e-6, 0, 0], gm, (a, b) => Math.Abs(a - b) < 1e-18);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(w[i], map.ToWeight(gp[i], gm[i]), 1e-12);
            Assert.InRange(gp[i], 0, map.GMax);
            Assert.InRange(gm[i], 0, map.GMax);
        }
    }

    [Fact]
    public void Quantize_RoundsToFiniteProgrammableLevels()
    {
        var map = new WeightMapping(gMax: 25e-6, levels: 5); // levels 0, 6.25, 12.5, 18.75, 25 µS
        Assert.Equal(6.25e-6, map.Quantize(7.5e-6), 1e-18);
        Assert.Equal(12.5e-6, map.Quantize(11e-6), 1e-18);
        Assert.Equal(25e-6, map.Quantize(40e-6), 1e-18);
        Assert.Equal(0, map.Quantize(-1e-6), 1e-18);
    }

    [Fact]
    public void OutOfRangeWeight_IsClippedWithWarning_ByDefault()
    {
        var warnings = new List<string>();
        var map = new WeightMapping(weightMax: 0.5) { Warn = warnings.Add };
        var gp = new double[2];
        var gm = new double[2];
        int clipped = map.ToConductances([0.9, -0.1], gp, gm);
        Assert.Equal(1, clipped);
        Assert.Equal(map.GMax, gp[0], 1e-18);
        var msg = Assert.Single(warnings);
        Assert.Contains("[−0.5, 0.5]", msg);
    }

    [Fact]
    public void OutOfRangeWeight_IsRefused_WhenConfigured()
    {
        var map = new WeightMapping(weightMax: 0.5, policy: OutOfRangePolicy.Refuse);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => map.ToConductances([0.1, -0.7], new double[2], new double[2]));
        Assert.Contains("weight[1] = -0.7", ex.Message);
        Assert.Contains("[−0.5, 0.5]", ex.Message);
    }

    [Theory]
    [InlineData(-25e-6, 1.0, 0, "gMax")]
    [InlineData(25e-6, 0.0, 0, "weightMax")]
    [InlineData(25e-6, 1.0, 1, "levels")]
    public void Constructor_RefusesInvalidSettings_NamingTheParameter(double gMax, double wMax, int levels, string param)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new WeightMapping(gMax, wMax, levels));
        Assert.Equal(param, ex.ParamName);
    }
}
