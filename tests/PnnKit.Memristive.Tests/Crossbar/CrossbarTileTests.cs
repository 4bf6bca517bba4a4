using PnnKit.Memristive.Crossbar;

namespace PnnKit.Memristive.Tests.Crossbar;

public class CrossbarTileTests
{
    private const double MicroS = 1e-6;

    private static CrossbarTile HandTile()
    {
        // G⁺ = [[10, 0], [5, 20]] µS, G⁻ = [[0, 15], [0, 0]] µS.
        var tile = new CrossbarTile(2, 2);
        tile.Set(0, 0, 10 * MicroS, 0);
        tile.Set(0, 1, 0, 15 * MicroS);
        tile.Set(1, 0, 5 * MicroS, 0);
        tile.Set(1, 1, 20 * MicroS, 0);
        return tile;
    }

    [Fact]
    public void Read_ObeysOhmAndKirchhoff_OnTwoByTwoTileComputedByHand()
    {
        var tile = HandTile();
        double[] v = [0.1, 0.2];
        var i = new double[2];
        var ip = new double[2];
        var im = new double[2];
        tile.Read(v, i, ip, im);
        // Column 0: I⁺ = 0.1·10 µ + 0.2·5 µ = 2 µA, I⁻ = 0.
        Assert.Equal(2e-6, ip[0], 1e-15);
        Assert.Equal(0, im[0], 1e-15);
        Assert.Equal(2e-6, i[0], 1e-15);
        // Column 1: I⁺ = 0.2·20 µ = 4 µA, I⁻ = 0.1·15 µ = 1.5 µA, difference 2.5 µA.
        Assert.Equal(4e-6, ip[1], 1e-15);
        Assert.Equal(1.5e-6, im[1], 1e-15);
        Assert.Equal(2.5e-6, i[1], 1e-15);
    }

    [Fact]
    public void ReadEnergy_IsSumOfVSquaredGTimesT_ByHand()
    {
        // 0.1²·(10 + 15) µS + 0.2²·(5 + 20) µS = 0.25 µW + 1 µW = 1.25 µW; for 1 µs: 1.25 pJ.
        Assert.Equal(1.25e-12, HandTile().ReadEnergy([0.1, 0.2], 1e-6), 1e-24);
    }

    [Fact]
    public void Set_RefusesNegativeConductance_NamingTheRange()
    {
        var tile = new CrossbarTile(1, 1);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => tile.Set(0, 0, -1e-6, 0));
        Assert.Contains("≥ 0 S", ex.Message);
        Assert.Equal("gPlus", ex.ParamName);
    }

    [Fact]
    public void Validate_FindsNegativeConductanceWrittenDirectly()
    {
        var tile = new CrossbarTile(2, 3);
        tile.GMinus[4] = -2e-6;
        var ex = Assert.Throws<ArgumentOutOfRangeException>(tile.Validate);
        Assert.Contains("GMinus[1, 1]", ex.Message);
    }

    [Theory]
    [InlineData(0, 4, "rows")]
    [InlineData(4, 0, "columns")]
    public void Constructor_RefusesEmptyTile(int rows, int columns, string param)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CrossbarTile(rows, columns));
        Assert.Equal(param, ex.ParamName);
        Assert.Contains("≥ 1", ex.Message);
    }
}
