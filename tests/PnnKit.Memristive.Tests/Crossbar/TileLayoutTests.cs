using PnnKit.Memristive.Crossbar;

namespace PnnKit.Memristive.Tests.Crossbar;

public class TileLayoutTests
{
    [Fact]
    public void Layout_SplitsLargeMatrixIntoDefault512Tiles()
    {
        var layout = new TileLayout(1000, 700);
        Assert.Equal(512, layout.TileRows);
        Assert.Equal(2, layout.RowBlocks);
        Assert.Equal(2, layout.ColumnBlocks);
        Assert.Equal((512, 488), layout.RowRange(1));
        Assert.Equal((512, 188), layout.ColumnRange(1));
    }

    [Fact]
    public void Program_PlacesEachWeightInTheRightTileCell()
    {
        int inputs = 5, outputs = 3;
        var w = new double[inputs * outputs];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = (i + 1) / 20.0;
        }
        var layout = new TileLayout(inputs, outputs, tileRows: 2, tileColumns: 2);
        var map = new WeightMapping();
        var tiles = layout.Program(w, map, out int clipped);
        Assert.Equal(0, clipped);
        Assert.Equal(6, tiles.Length);
        // Weight [output 2, input 4] lies in row block 2, column block 1, cell (0, 0).
        var tile = tiles[(2 * layout.ColumnBlocks) + 1];
        Assert.Equal((1, 1), (tile.Rows, tile.Columns));
        Assert.Equal(w[(2 * inputs) + 4] * map.Scale, tile.GPlus[0], 1e-18);
    }

    [Theory]
    [InlineData(0, 512, "tileRows")]
    [InlineData(512, 0, "tileColumns")]
    public void Layout_RefusesZeroTileSize(int rows, int cols, string param)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new TileLayout(10, 10, rows, cols));
        Assert.Equal(param, ex.ParamName);
        Assert.Contains("≥ 1", ex.Message);
    }
}
