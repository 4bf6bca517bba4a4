namespace PnnKit.Memristive.Crossbar;

/// <summary>
/// One crossbar array of <see cref="Rows"/> × <see cref="Columns"/> differential cells. Input voltages
/// drive the rows; by Ohm's law each device passes I = V·G, and by Kirchhoff's current law each
/// column wire sums the currents of its devices: I⁺_j = Σ_i V_i G⁺_ij and I⁻_j = Σ_i V_i G⁻_ij. The
/// pair's output is I⁺_j − I⁻_j. Wires are ideal here (see the IR-drop solver for resistive wires).
/// Conductances are stored row-major [row, column] in siemens.
/// </summary>
public sealed class CrossbarTile
{
    /// <summary>A tile with all conductances at 0 S.</summary>
    public CrossbarTile(int rows, int columns)
    {
        if (rows <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"Tile rows must be ≥ 1, got {rows}.");
        }
        if (columns <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), $"Tile columns must be ≥ 1, got {columns}.");
        }
        Rows = rows;
        Columns = columns;
        GPlus = new double[rows * columns];
        GMinus = new double[rows * columns];
    }

    /// <summary>Rows (inputs).</summary>
    public int Rows { get; }

    /// <summary>Columns (outputs).</summary>
    public int Columns { get; }

    /// <summary>Positive-device conductances, S, row-major.</summary>
    public double[] GPlus { get; }

    /// <summary>Negative-device conductances, S, row-major.</summary>
    public double[] GMinus { get; }

    /// <summary>Sets one cell's pair; throws for negative or non-finite conductances.</summary>
    public void Set(int row, int column, double gPlus, double gMinus)
    {
        CheckConductance(gPlus, nameof(gPlus));
        CheckConductance(gMinus, nameof(gMinus));
        GPlus[(row * Columns) + column] = gPlus;
        GMinus[(row * Columns) + column] = gMinus;
    }

    /// <summary>Throws unless every conductance is finite and ≥ 0 S.</summary>
    public void Validate()
    {
        for (int i = 0; i < GPlus.Length; i++)
        {
            CheckConductance(GPlus[i], $"GPlus[{i / Columns}, {i % Columns}]");
            CheckConductance(GMinus[i], $"GMinus[{i / Columns}, {i % Columns}]");
        }
    }

    /// <summary>
    /// Column currents, A, for row voltages, V: I_j = Σ_i V_i (G⁺_ij − G⁻_ij) (Ohm and Kirchhoff).
    /// <paramref name="positive"/> and <paramref name="negative"/>, when given, receive the two column sums.
    /// </summary>
    public void Read(ReadOnlySpan<double> rowVoltages, Span<double> columnCurrents, Span<double> positive = default, Span<double> negative = default)
    {
        if (rowVoltages.Length != Rows || columnCurrents.Length != Columns)
        {
            throw new ArgumentException($"Tile is {Rows}×{Columns}; got {rowVoltages.Length} row voltages and {columnCurrents.Length} column outputs.");
        }
        bool split = positive.Length == Columns && negative.Length == Columns;
        for (int j = 0; j < Columns; j++)
        {
            double ip = 0, im = 0;
            for (int i = 0; i < Rows; i++)
            {
                ip += rowVoltages[i] * GPlus[(i * Columns) + j];
                im += rowVoltages[i] * GMinus[(i * Columns) + j];
            }
            columnCurrents[j] = ip - im;
            if (split)
            {
                positive[j] = ip;
                negative[j] = im;
            }
        }
    }

    /// <summary>
    /// Energy dissipated in the array by one read lasting <paramref name="seconds"/>: Σ_ij V_i² (G⁺_ij + G⁻_ij) t, J
    /// (every device of a driven row carries current; columns are held at virtual ground).
    /// </summary>
    public double ReadEnergy(ReadOnlySpan<double> rowVoltages, double seconds)
    {
        double e = 0;
        for (int i = 0; i < Rows; i++)
        {
            double v2 = rowVoltages[i] * rowVoltages[i];
            if (v2 == 0)
            {
                continue;
            }
            double gRow = 0;
            for (int j = 0; j < Columns; j++)
            {
                gRow += GPlus[(i * Columns) + j] + GMinus[(i * Columns) + j];
            }
            e += v2 * gRow;
        }
        return e * seconds;
    }

    /// <summary>Sum over the row of G⁺ + G⁻, S (for energy estimates).</summary>
    public double RowConductance(int row)
    {
        double g = 0;
        for (int j = 0; j < Columns; j++)
        {
            g += GPlus[(row * Columns) + j] + GMinus[(row * Columns) + j];
        }
        return g;
    }

    private static void CheckConductance(double g, string name)
    {
        if (!double.IsFinite(g) || g < 0)
        {
            throw new ArgumentOutOfRangeException(name, $"{name} = {g} S; conductances must be finite and ≥ 0 S.");
        }
    }
}
