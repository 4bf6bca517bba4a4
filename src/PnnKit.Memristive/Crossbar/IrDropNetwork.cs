namespace PnnKit.Memristive.Crossbar;

/// <summary>
/// Nodal analysis of a crossbar tile with resistive wires. Every cell has a row node and a column node
/// joined by its device; neighbouring row nodes, and neighbouring column nodes, are joined by one wire
/// segment of <see cref="WireResistance"/>. Each row is driven at its left end through one segment from an
/// ideal source; each column ends, through one segment, at the virtual ground of its sense amplifier,
/// which measures the column current. The two devices of a differential pair sit on adjacent physical
/// columns (G⁺ then G⁻), sharing the row wire.
/// <para>
/// Kirchhoff's current law at every node gives a symmetric positive-definite system A·v = b, the whole
/// network with nothing neglected. A direct factor of it is large (a banded Cholesky of a 256×256 tile holds
/// 1.1 GB), so it is solved by conjugate gradients preconditioned with the wires themselves ("line
/// relaxation", block Jacobi over lines: every row wire and every column wire is a tridiagonal chain,
/// factored once and solved exactly in O(length); see Saad, Iterative Methods for Sparse Linear Systems,
/// 2nd ed., §10.1 and §12.2). The chains couple only through the devices, so few iterations are needed;
/// the solve starts from the ideal-wire voltages and iterates until round-off stalls it (relative residual
/// near <see cref="RelativeTolerance"/>, at worst <see cref="AcceptedTolerance"/>): the currents agree with a dense LU solve to 1e-10.
/// Memory is O(nodes): about 9 doubles per node.
/// </para>
/// </summary>
public sealed class IrDropNetwork
{
    /// <summary>Stopping criterion ‖b − A·v‖ ≤ this · ‖b‖: at double round-off (the solve usually stalls just above it).</summary>
    public const double RelativeTolerance = 1e-16;

    /// <summary>A solve that stalls above this relative residual has failed.</summary>
    public const double AcceptedTolerance = 1e-12;

    /// <summary>Iterations without a new lowest residual after which round-off has stalled the solve.</summary>
    private const int StallIterations = 10;

    private readonly int _rows, _cols, _cells;
    private readonly double _gw;
    private long _transferIterations;
    private readonly double[] _g; // device conductance of cell (row, physical column), row-major
    private readonly double[] _diag; // A's diagonal: row nodes, then column nodes
    private readonly double[] _pivot; // LDLᵀ of every chain: D
    private readonly double[] _multiplier; // and L's sub-diagonal (l_k = −g_w / d_{k−1}; 0 at a chain's start)

    /// <summary>Prepares the network of <paramref name="tile"/> with <paramref name="wireResistanceOhms"/> per segment.</summary>
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
        _cells = _rows * _cols;
        _g = new double[_cells];
        for (int i = 0; i < _rows; i++)
        {
            for (int c = 0; c < _cols; c++)
            {
                int k = (i * tile.Columns) + (c / 2);
                _g[(i * _cols) + c] = (c & 1) == 0 ? tile.GPlus[k] : tile.GMinus[k];
            }
        }
        _diag = new double[2 * _cells];
        for (int i = 0; i < _rows; i++)
        {
            for (int c = 0; c < _cols; c++)
            {
                double g = _g[(i * _cols) + c];
                // Row node: its device, the segment towards the source (or the source itself), the segment to the right.
                _diag[RowNode(i, c)] = g + _gw + (c < _cols - 1 ? _gw : 0);
                // Column node: its device, the segment below (or the amplifier's virtual ground), the segment above.
                _diag[ColumnNode(i, c)] = g + _gw + (i > 0 ? _gw : 0);
            }
        }
        _pivot = new double[2 * _cells];
        _multiplier = new double[2 * _cells];
        for (int i = 0; i < _rows; i++)
        {
            FactorChain(RowNode(i, 0), _cols);
        }
        for (int c = 0; c < _cols; c++)
        {
            FactorChain(ColumnNode(0, c), _rows);
        }
    }

    /// <summary>The tile.</summary>
    public CrossbarTile Tile { get; }

    /// <summary>Resistance of one wire segment, Ω.</summary>
    public double WireResistance { get; }

    /// <summary>Number of node voltages solved for.</summary>
    public int Nodes => 2 * _cells;

    /// <summary>Bytes held by the network (conductances, diagonal and chain factors), excluding the per-solve vectors.</summary>
    public long MemoryBytes => sizeof(double) * ((long)_g.Length + _diag.Length + _pivot.Length + _multiplier.Length);

    /// <summary>Bytes of the work vectors one <see cref="Read"/> allocates.</summary>
    public long SolveMemoryBytes => sizeof(double) * 5L * Nodes;

    /// <summary>Conjugate-gradient iterations of the last solve.</summary>
    public int LastIterations { get; private set; }

    /// <summary>Conjugate-gradient iterations of all solves of the last <see cref="TransferMatrix"/> (adjoint path), for inspection.</summary>
    public long TransferIterations => Interlocked.Read(ref _transferIterations);

    /// <summary>Lowest relative residual ‖b − A·v‖ / ‖b‖ of the last solve.</summary>
    public double LastRelativeResidual { get; private set; }

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
        var v = Solve(rowVoltages);
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

    /// <summary>
    /// The read as a matrix: column outputs I⁺_j − I⁻_j = Σᵢ M[j, i]·Vᵢ, M in siemens, [Columns, Rows] row-major. The network is
    /// linear (ohmic devices and wires), so a read is exactly this product; M is found with min(Rows, 2·Columns) solves: one
    /// <see cref="Read"/> per unit row voltage, or, when columns are fewer, one solve per physical column, since A is symmetric
    /// (a reciprocal network): I_c = g_w·v_out(c) and v = A⁻¹·g_w·Σᵢ Vᵢ e_row(i) give M_phys[c, i] = g_w²·(A⁻¹ e_out(c))_row(i).
    /// Every read of a programmed state then costs a GEMM instead of a solve, and equals the solve to its round-off.
    /// </summary>
    public double[] TransferMatrix()
    {
        int nc = Tile.Columns;
        var m = new double[nc * _rows];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Core.Tensors.Gemm.MaxThreads };
        if (_rows <= _cols)
        {
            Parallel.For(0, _rows, options, i =>
            {
                var volts = new double[_rows];
                volts[i] = 1;
                var b = SourceVector(volts, out var x0);
                var v = Solve(b, x0).Voltages;
                for (int j = 0; j < nc; j++)
                {
                    m[(j * _rows) + i] = _gw * (v[ColumnNode(_rows - 1, 2 * j)] - v[ColumnNode(_rows - 1, (2 * j) + 1)]);
                }
            });
            return m;
        }
        var physical = new double[_cols * _rows];
        Parallel.For(0, _cols, options, c =>
        {
            var b = new double[Nodes];
            b[ColumnNode(_rows - 1, c)] = 1;
            var (u, it, _) = Solve(b, new double[Nodes]);
            Interlocked.Add(ref _transferIterations, it);
            for (int i = 0; i < _rows; i++)
            {
                physical[(c * _rows) + i] = _gw * _gw * u[RowNode(i, 0)];
            }
        });
        for (int j = 0; j < nc; j++)
        {
            for (int i = 0; i < _rows; i++)
            {
                m[(j * _rows) + i] = physical[(2 * j * _rows) + i] - physical[(((2 * j) + 1) * _rows) + i];
            }
        }
        return m;
    }

    /// <summary>Node voltages for the given row voltages (row nodes, then column nodes; see <see cref="RowNode"/>), V; for inspection and tests.</summary>
    public double[] NodeVoltages(ReadOnlySpan<double> rowVoltages)
    {
        if (rowVoltages.Length != _rows)
        {
            throw new ArgumentException($"Tile has {_rows} rows; got {rowVoltages.Length} row voltages.", nameof(rowVoltages));
        }
        return Solve(rowVoltages);
    }

    /// <summary>Index of the row node of cell (row, physical column): row wires first, each in order from its source.</summary>
    public int RowNode(int row, int physicalColumn) => (row * _cols) + physicalColumn;

    /// <summary>Index of the column node of cell (row, physical column): after the row nodes, each column wire from the top.</summary>
    public int ColumnNode(int row, int physicalColumn) => _cells + (physicalColumn * _rows) + row;

    // The right-hand side of a read (each row source through its first segment) and the ideal-wire start (rows at their source voltage, columns at 0 V).
    private double[] SourceVector(ReadOnlySpan<double> rowVoltages, out double[] x)
    {
        var b = new double[Nodes];
        x = new double[Nodes];
        for (int i = 0; i < _rows; i++)
        {
            b[RowNode(i, 0)] = _gw * rowVoltages[i];
            x.AsSpan(RowNode(i, 0), _cols).Fill(rowVoltages[i]);
        }
        return b;
    }

    private double[] Solve(ReadOnlySpan<double> rowVoltages)
    {
        var b = SourceVector(rowVoltages, out var x);
        var (v, it, residual) = Solve(b, x);
        LastIterations = it;
        LastRelativeResidual = residual;
        return v;
    }

    // Preconditioned conjugate gradients (Hestenes & Stiefel 1952) for A·x = b from the start x (overwritten); thread-safe.
    private (double[] Voltages, int Iterations, double RelativeResidual) Solve(double[] b, double[] x)
    {
        int n = Nodes;
        var r = new double[n];
        var z = new double[n];
        var p = new double[n];
        var q = new double[n];
        Multiply(x, q);
        System.Numerics.Tensors.TensorPrimitives.Subtract(b, q, r);
        double bNorm = System.Numerics.Tensors.TensorPrimitives.Norm<double>(b), stop = RelativeTolerance * bNorm;
        Precondition(r, z);
        z.CopyTo(p, 0);
        double rz = System.Numerics.Tensors.TensorPrimitives.Dot<double>(r, z);
        int maxIterations = 10 * (_rows + _cols) + 100; // far beyond what the wire preconditioner needs
        double residual = System.Numerics.Tensors.TensorPrimitives.Norm<double>(r), best = residual;
        int it = 0, sinceBest = 0;
        // Stop at the tolerance, or once round-off stalls the residual (no new low for StallIterations).
        for (; it < maxIterations && residual > stop && sinceBest < StallIterations; it++)
        {
            Multiply(p, q);
            double alpha = rz / System.Numerics.Tensors.TensorPrimitives.Dot<double>(p, q);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(p, alpha, x, x);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(q, -alpha, r, r);
            Precondition(r, z);
            double rzNext = System.Numerics.Tensors.TensorPrimitives.Dot<double>(r, z);
            // p = z + β·p
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(p, rzNext / rz, z, p);
            rz = rzNext;
            residual = System.Numerics.Tensors.TensorPrimitives.Norm<double>(r);
            (best, sinceBest) = residual < best ? (residual, 0) : (best, sinceBest + 1);
        }
        double relative = bNorm > 0 ? best / bNorm : 0;
        if (best > AcceptedTolerance * bNorm)
        {
            throw new InvalidOperationException($"IR-drop solve did not converge in {it} iterations (relative residual {relative:E2}).");
        }
        return (x, it, relative);
    }

    // y = A·x for the nodal matrix, from its structure (chains along the wires, devices across).
    private void Multiply(double[] x, double[] y)
    {
        for (int i = 0; i < _rows; i++)
        {
            int r0 = RowNode(i, 0);
            for (int c = 0; c < _cols; c++)
            {
                int k = r0 + c;
                double s = (_diag[k] * x[k]) - (_g[(i * _cols) + c] * x[ColumnNode(i, c)]);
                if (c > 0)
                {
                    s -= _gw * x[k - 1];
                }
                if (c < _cols - 1)
                {
                    s -= _gw * x[k + 1];
                }
                y[k] = s;
            }
        }
        for (int c = 0; c < _cols; c++)
        {
            int c0 = ColumnNode(0, c);
            for (int i = 0; i < _rows; i++)
            {
                int k = c0 + i;
                double s = (_diag[k] * x[k]) - (_g[(i * _cols) + c] * x[RowNode(i, c)]);
                if (i > 0)
                {
                    s -= _gw * x[k - 1];
                }
                if (i < _rows - 1)
                {
                    s -= _gw * x[k + 1];
                }
                y[k] = s;
            }
        }
    }

    // LDLᵀ of the tridiagonal chain of nodes start … start+length−1 (off-diagonal −g_w).
    private void FactorChain(int start, int length)
    {
        _pivot[start] = _diag[start];
        for (int k = start + 1; k < start + length; k++)
        {
            _multiplier[k] = -_gw / _pivot[k - 1];
            _pivot[k] = _diag[k] + (_multiplier[k] * _gw);
            if (!(_pivot[k] > 0))
            {
                throw new InvalidOperationException($"IR-drop wire chain is not positive definite at node {k}; check for floating nodes.");
            }
        }
    }

    // z = M⁻¹·r with M the chains' block diagonal: forward L, scale by D⁻¹, backward Lᵀ, chain by chain.
    private void Precondition(double[] r, double[] z)
    {
        for (int i = 0; i < _rows; i++)
        {
            SolveChain(r, z, RowNode(i, 0), _cols);
        }
        for (int c = 0; c < _cols; c++)
        {
            SolveChain(r, z, ColumnNode(0, c), _rows);
        }
    }

    private void SolveChain(double[] r, double[] z, int start, int length)
    {
        int end = start + length;
        z[start] = r[start];
        for (int k = start + 1; k < end; k++)
        {
            z[k] = r[k] - (_multiplier[k] * z[k - 1]);
        }
        for (int k = start; k < end; k++)
        {
            z[k] /= _pivot[k];
        }
        for (int k = end - 2; k >= start; k--)
        {
            z[k] -= _multiplier[k + 1] * z[k + 1];
        }
    }
}
