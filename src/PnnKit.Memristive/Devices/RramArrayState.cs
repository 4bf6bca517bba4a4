namespace PnnKit.Memristive.Devices;

/// <summary>
/// The conductance map of a programmed <see cref="RramArrayInstance"/> (DESIGN.md §4 "state"), immutable. Reads follow
/// the cell's nonlinear I–V (<see cref="RramDeviceModel.Current"/>) and Kirchhoff's current law: column j carries
/// Σᵢ G_ij · Vᵢ · (1 + a · Vᵢ²) for row voltages Vᵢ (sensed at virtual ground; no wire resistance here).
/// </summary>
public sealed class RramArrayState
{
    private readonly double[] _g;

    internal RramArrayState(RramDeviceModel model, int rows, int columns, double[] conductances)
    {
        Model = model;
        Rows = rows;
        Columns = columns;
        _g = conductances;
    }

    /// <summary>The device model.</summary>
    public RramDeviceModel Model { get; }

    /// <summary>Driven rows.</summary>
    public int Rows { get; }

    /// <summary>Sensed columns.</summary>
    public int Columns { get; }

    /// <summary>Conductances, S, row-major [Rows, Columns].</summary>
    public ReadOnlySpan<double> Conductances => _g;

    /// <summary>The conductance of cell (<paramref name="row"/>, <paramref name="column"/>), S.</summary>
    public double Conductance(int row, int column)
    {
        if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"cell ({row}, {column}) is outside the {Rows} × {Columns} array.");
        }
        return _g[(row * Columns) + column];
    }

    /// <summary>Current through one cell at voltage <paramref name="voltage"/> across it, A.</summary>
    public double CellCurrent(int row, int column, double voltage) => Model.Current(Conductance(row, column), voltage);

    /// <summary>Column currents, A, for row voltages <paramref name="rowVoltages"/> (V, one per row).</summary>
    public double[] Read(ReadOnlySpan<double> rowVoltages)
    {
        if (rowVoltages.Length != Rows)
        {
            throw new ArgumentException($"rowVoltages must hold {Rows} values, got {rowVoltages.Length}.", nameof(rowVoltages));
        }
        var currents = new double[Columns];
        for (int i = 0; i < Rows; i++)
        {
            double v = rowVoltages[i];
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"rowVoltages[{i}] is {v}; voltages must be finite.", nameof(rowVoltages));
            }
            if (v == 0)
            {
                continue;
            }
            double f = v * (1 + (Model.IvNonlinearity * v * v));
            var row = _g.AsSpan(i * Columns, Columns);
            for (int j = 0; j < Columns; j++)
            {
                currents[j] += row[j] * f;
            }
        }
        return currents;
    }
}
