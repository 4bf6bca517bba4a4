namespace PnnKit.Memristive.Crossbar;

/// <summary>
/// Exact nodal analysis of a crossbar tile with resistive wires. Every cell has a row node and a
/// column node joined by its device; neighbouring row nodes, and neighbouring column nodes, are
/// joined by one wire segment of <see cref="WireResistance"/>. Each row is driven at its left end
/// through one segment from an ideal source; each column ends, through one segment, at the virtual
/// ground of its sense amplifier, which measures the column current. The two devices of a
/// differential pair sit on adjacent physical columns (G⁺ then G⁻), sharing the row wire.
/// <para>
/// Kirchhoff's current law at every node gives a symmetric positive-definite system A·v = b whose
/// matrix depends only on the conductances. Numbering the nodes cell by cell along the shorter
/// side makes A banded with half-bandwidth 2·min(rows, physical columns); the constructor factors
/// it once by banded Cholesky (O(n·w²) time, O(n·w) memory instead of a dense O(n³) solve), and
/// <see cref="Read"/> then costs two banded triangular solves per input vector.
/// </para>
/// </summary>
public sealed class IrDropNetwork
{
    private readonly int _rows, _cols, _n, _w;
    private readonly bool _rowMajor;
    private readonly double[] _band; // lower band, row i holds A[i, i−w .. i] at offsets 0..w (offset w = diagonal)
    private readonly double _gw;

    /// <summary>Factors the network of <paramref name="tile"/> with <paramref name="wireResistanceOhms"/> per segment.</summary>
    public IrDropNetwork(CrossbarTile tile, double wireResistanceOhms)
    {
        ArgumentNullException.ThrowIfNull(tile);
        if (!double.IsFinite(wireResistanceOhms) || wireResistanceOhms <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(wireResistanceOhms), $"wireResistanceOhms must be finite and > 0 Ω (use the ideal CrossbarTile.Read for zero), got {wireResistanceOhms}.");
        }
        tile.Validate();
        Tile = tile;
        WireResistance = wireResistanceOhms;
        _gw = 1 / wireResistanceOhms;
        _rows = tile.Rows;
        _cols = 2 * tile.Columns;
        _rowMajor = _cols <= _rows;
        _n = 2 * _rows * _cols;
        _w = 2 * Math.Min(_rows, _cols);
        _band = new double[_n * (_w + 1)];
        Assemble();
        Factor();
    }

    /// <summary>The tile.</summary>
    public CrossbarTile Tile { get; }

    /// <summary>Resistance of one wire segment, Ω.</summary>
    public double WireResistance { get; }

    /// <summary>Number of node voltages solved for.</summary>
    public int Nodes => _n;

    /// <summary>Half-bandwidth of the nodal matrix.</summary>
    public int HalfBandwidth => _w;

    /// <summary>
    /// Column currents, A, into the sense amplifiers for the row source voltages, V: the differential
    /// output I⁺_j − I⁻_j, and optionally the two physical column currents.
    /// </summary>
    public void Read(ReadOnlySpan<double> rowVoltages, Span<double> columnCurrents, Span<double> positive = default, Span<double> negative = default)
    {
        if (rowVoltages.Length != _rows || columnCurrents.Length != Tile.Columns)
        {
            throw new ArgumentException($"Tile is {_rows}×{Tile.Columns}; got {rowVoltages.Length} row voltages and {columnCurrents.Length} column outputs.");
        }
        var v = new double[_n];
        for (int i = 0; i < _rows; i++)
        {
            v[RowNode(i, 0)] = _gw * rowVoltages[i]; // source through the first row segment
        }
        SolveInPlace(v);
        bool split = positive.Length == Tile.Columns && negative.Length == Tile.Columns;
        for (int j = 0; j < Tile.Columns; j++)
        {
            double ip = _gw * v[ColumnNode(_rows - 1, 2 * j)];
            double im = _gw * v[ColumnNode(_rows - 1, (2 * j) + 1)];
            columnCurrents[j] = ip - im;
            if (split)
            {
                positive[j] = ip;
                negative[j] = im;
            }
        }
    }

    /// <summary>Node voltages for the given row voltages (row node and column node of every cell), V; for inspection and tests.</summary>
    public double[] NodeVoltages(ReadOnlySpan<double> rowVoltages)
    {
        var v = new double[_n];
        for (int i = 0; i < _rows; i++)
        {
            v[RowNode(i, 0)] = _gw * rowVoltages[i];
        }
        SolveInPlace(v);
        return v;
    }

    /// <summary>Index of the row node of cell (row, physical column).</summary>
    public int RowNode(int row, int physicalColumn) => 2 * Cell(row, physicalColumn);

    /// <summary>Index of the column node of cell (row, physical column).</summary>
    public int ColumnNode(int row, int physicalColumn) => (2 * Cell(row, physicalColumn)) + 1;

    private int Cell(int row, int col) => _rowMajor ? (row * _cols) + col : (col * _rows) + row;

    private double Conductance(int row, int col)
    {
        int j = col / 2;
        int k = (row * Tile.Columns) + j;
        return (col & 1) == 0 ? Tile.GPlus[k] : Tile.GMinus[k];
    }

    private void Add(int a, int b, double value)
    {
        // Symmetric matrix: store the lower triangle only.
        if (a < b)
        {
            (a, b) = (b, a);
        }
        _band[(a * (_w + 1)) + _w - (a - b)] += value;
    }

    private void Stamp(int a, int b, double g)
    {
        Add(a, a, g);
        Add(b, b, g);
        Add(a, b, -g);
    }

    private void Assemble()
    {
        for (int i = 0; i < _rows; i++)
        {
            for (int c = 0; c < _cols; c++)
            {
                int r = RowNode(i, c), col = ColumnNode(i, c);
                Stamp(r, col, Conductance(i, c));
                if (c == 0)
                {
                    Add(r, r, _gw); // segment to the row source
                }
                else
                {
                    Stamp(RowNode(i, c - 1), r, _gw);
                }
                if (i == _rows - 1)
                {
                    Add(col, col, _gw); // segment to the sense amplifier's virtual ground
                }
                if (i > 0)
                {
                    Stamp(ColumnNode(i - 1, c), col, _gw);
                }
            }
        }
    }

    private void Factor()
    {
        int w = _w, s = w + 1;
        var a = _band;
        for (int k = 0; k < _n; k++)
        {
            // L[k, j] for j in [k−w, k): A[k, j] − Σ_{p<j} L[k,p]·L[j,p], then divide by L[j, j].
            int j0 = Math.Max(0, k - w);
            for (int j = j0; j <= k; j++)
            {
                double sum = a[(k * s) + w - (k - j)];
                int p0 = Math.Max(j0, Math.Max(0, j - w));
                var rowK = a.AsSpan((k * s) + w - (k - p0), j - p0);
                var rowJ = a.AsSpan((j * s) + w - (j - p0), j - p0);
                sum -= System.Numerics.Tensors.TensorPrimitives.Dot<double>(rowK, rowJ);
                if (j == k)
                {
                    if (!(sum > 0))
                    {
                        throw new InvalidOperationException($"IR-drop nodal matrix is not positive definite at node {k}; check for floating nodes.");
                    }
                    a[(k * s) + w] = Math.Sqrt(sum);
                }
                else
                {
                    a[(k * s) + w - (k - j)] = sum / a[(j * s) + w];
                }
            }
        }
    }

    private void SolveInPlace(double[] x)
    {
        int w = _w, s = w + 1;
        var a = _band;
        // L·y = b
        for (int k = 0; k < _n; k++)
        {
            int p0 = Math.Max(0, k - w);
            double sum = x[k] - System.Numerics.Tensors.TensorPrimitives.Dot<double>(a.AsSpan((k * s) + w - (k - p0), k - p0), x.AsSpan(p0, k - p0));
            x[k] = sum / a[(k * s) + w];
        }
        // Lᵀ·v = y
        for (int k = _n - 1; k >= 0; k--)
        {
            x[k] /= a[(k * s) + w];
            int p0 = Math.Max(0, k - w);
            var target = x.AsSpan(p0, k - p0);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd<double>(a.AsSpan((k * s) + w - (k - p0), k - p0), -x[k], target, target);
        }
    }
}
