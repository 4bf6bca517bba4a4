namespace PnnKit.Memristive.Crossbar;

/// <summary>
/// How a weight matrix of <see cref="Inputs"/> × <see cref="Outputs"/> is split across tiles of at most
/// <see cref="TileRows"/> × <see cref="TileColumns"/>. Inputs run along tile rows, outputs along tile
/// columns; tiles in the same column block produce partial sums that are added in the digital domain.
/// </summary>
public sealed class TileLayout
{
    /// <summary>Default tile size: 512 × 512, aihwkit's MappingParameter default (max_input_size = max_output_size = 512).</summary>
    public const int DefaultTileSize = 512;

    /// <summary>A layout; throws naming the parameter when a size is not ≥ 1.</summary>
    public TileLayout(int inputs, int outputs, int tileRows = DefaultTileSize, int tileColumns = DefaultTileSize)
    {
        if (inputs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), $"inputs must be ≥ 1, got {inputs}.");
        }
        if (outputs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(outputs), $"outputs must be ≥ 1, got {outputs}.");
        }
        if (tileRows <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tileRows), $"tileRows must be ≥ 1, got {tileRows}.");
        }
        if (tileColumns <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tileColumns), $"tileColumns must be ≥ 1, got {tileColumns}.");
        }
        Inputs = inputs;
        Outputs = outputs;
        TileRows = tileRows;
        TileColumns = tileColumns;
        RowBlocks = (inputs + tileRows - 1) / tileRows;
        ColumnBlocks = (outputs + tileColumns - 1) / tileColumns;
    }

    /// <summary>Inputs of the layer (rows of the logical crossbar).</summary>
    public int Inputs { get; }

    /// <summary>Outputs of the layer (columns of the logical crossbar).</summary>
    public int Outputs { get; }

    /// <summary>Maximum rows per tile.</summary>
    public int TileRows { get; }

    /// <summary>Maximum columns per tile.</summary>
    public int TileColumns { get; }

    /// <summary>Number of tiles along the inputs.</summary>
    public int RowBlocks { get; }

    /// <summary>Number of tiles along the outputs.</summary>
    public int ColumnBlocks { get; }

    /// <summary>Total number of tiles.</summary>
    public int TileCount => RowBlocks * ColumnBlocks;

    /// <summary>First input and number of inputs of row block <paramref name="rb"/>.</summary>
    public (int Start, int Count) RowRange(int rb) => (rb * TileRows, Math.Min(TileRows, Inputs - (rb * TileRows)));

    /// <summary>First output and number of outputs of column block <paramref name="cb"/>.</summary>
    public (int Start, int Count) ColumnRange(int cb) => (cb * TileColumns, Math.Min(TileColumns, Outputs - (cb * TileColumns)));

    /// <summary>
    /// Builds the tiles for a weight matrix [outputs, inputs] (row-major, as in Linear): tile
    /// (rb, cb) holds G for inputs of row block rb and outputs of column block cb, indexed rb·ColumnBlocks + cb.
    /// Returns the number of clipped weights.
    /// </summary>
    public CrossbarTile[] Program(ReadOnlySpan<double> weights, WeightMapping mapping, out int clipped)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (weights.Length != Inputs * Outputs)
        {
            throw new ArgumentException($"Expected {Outputs}×{Inputs} = {Inputs * Outputs} weights, got {weights.Length}.", nameof(weights));
        }
        var gp = new double[weights.Length];
        var gm = new double[weights.Length];
        clipped = mapping.ToConductances(weights, gp, gm);
        var tiles = new CrossbarTile[TileCount];
        for (int rb = 0; rb < RowBlocks; rb++)
        {
            var (r0, nr) = RowRange(rb);
            for (int cb = 0; cb < ColumnBlocks; cb++)
            {
                var (c0, nc) = ColumnRange(cb);
                var tile = new CrossbarTile(nr, nc);
                for (int i = 0; i < nr; i++)
                {
                    for (int j = 0; j < nc; j++)
                    {
                        int w = ((c0 + j) * Inputs) + r0 + i;
                        tile.GPlus[(i * nc) + j] = gp[w];
                        tile.GMinus[(i * nc) + j] = gm[w];
                    }
                }
                tiles[(rb * ColumnBlocks) + cb] = tile;
            }
        }
        return tiles;
    }
}
