using PnnKit.Core.Random;

namespace PnnKit.Memristive.Devices;

/// <summary>
/// The conductance map of a programmed <see cref="RramArrayInstance"/> (DESIGN.md §4 "state"), immutable. Reads follow
/// the cell's nonlinear I–V (<see cref="RramDeviceModel.Current"/>) and Kirchhoff's current law: column j carries
/// Σᵢ G_ij · Vᵢ · (1 + a · Vᵢ²) for row voltages Vᵢ (sensed at virtual ground; no wire resistance here).
/// <see cref="Read(ReadOnlySpan{double}, Rng)"/> adds the read noise, a fresh draw per read; <see cref="At"/> gives the map at an
/// age after programming (conductance relaxation, DESIGN.md §4 "state at time t"; the instance's programming returns the state,
/// so its ageing lives here). Stuck cells neither relax nor fluctuate.
/// </summary>
public sealed class RramArrayState
{
    private readonly double[] _g;
    private readonly double[] _programmed;
    private readonly bool[] _stuck;
    private readonly ulong _relaxationKey;

    internal RramArrayState(RramDeviceModel model, int rows, int columns, double[] conductances, bool[] stuck, ulong relaxationKey)
        : this(model, rows, columns, conductances, conductances, stuck, relaxationKey, 0)
    {
    }

    private RramArrayState(RramDeviceModel model, int rows, int columns, double[] conductances, double[] programmed, bool[] stuck, ulong relaxationKey, double age)
    {
        Model = model;
        Rows = rows;
        Columns = columns;
        _g = conductances;
        _programmed = programmed;
        _stuck = stuck;
        _relaxationKey = relaxationKey;
        AgeSeconds = age;
    }

    /// <summary>Seconds since programming this map describes (0 right after write-verify).</summary>
    public double AgeSeconds { get; }

    /// <summary>
    /// The map at <paramref name="ageSeconds"/> after programming: each free cell relaxes to
    /// G₀ + Δ·(GMax − GMin)·(−drift + spread · zᵢ), Δ = <see cref="RramDeviceModel.RelaxationDecades"/>(t), bounded to [GMin, GMax],
    /// with zᵢ ~ N(0, 1) drawn once per cell and programming (so a cell follows one trajectory as it ages). Ages from the
    /// programmed map, whatever this state's own age.
    /// </summary>
    public RramArrayState At(double ageSeconds)
    {
        if (!double.IsFinite(ageSeconds) || ageSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ageSeconds), $"ageSeconds must be finite and ≥ 0 s, got {ageSeconds}.");
        }
        if (ageSeconds == 0)
        {
            return AgeSeconds == 0 ? this : new RramArrayState(Model, Rows, Columns, _programmed, _programmed, _stuck, _relaxationKey, 0);
        }
        double decades = Model.RelaxationDecades(ageSeconds), window = Model.GMax - Model.GMin;
        var rng = new Rng(_relaxationKey);
        var g = new double[_programmed.Length];
        for (int i = 0; i < g.Length; i++)
        {
            double z = rng.Normal();
            g[i] = _stuck[i] ? _programmed[i]
                : Math.Clamp(_programmed[i] + (decades * window * ((Model.RelaxationSpreadPerDecade * z) - Model.RelaxationDriftPerDecade)), Model.GMin, Model.GMax);
        }
        return new RramArrayState(Model, Rows, Columns, g, _programmed, _stuck, _relaxationKey, ageSeconds);
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

    /// <summary>Whether cell (<paramref name="row"/>, <paramref name="column"/>) is stuck (it neither relaxes nor fluctuates).</summary>
    public bool IsStuck(int row, int column) => _stuck[(row * Columns) + column];

    /// <summary>Current through one cell at voltage <paramref name="voltage"/> across it, A.</summary>
    public double CellCurrent(int row, int column, double voltage) => Model.Current(Conductance(row, column), voltage);

    /// <summary>Column currents, A, for row voltages <paramref name="rowVoltages"/> (V, one per row), without read noise.</summary>
    public double[] Read(ReadOnlySpan<double> rowVoltages) => Read(rowVoltages, null);

    /// <summary>
    /// One noisy read: column currents, A, with every cell at G · (1 + <see cref="RramDeviceModel.ReadNoise"/> · z), z ~ N(0, 1)
    /// drawn afresh from <paramref name="rng"/> for each cell and read (null: noiseless).
    /// </summary>
    public double[] Read(ReadOnlySpan<double> rowVoltages, Rng? rng)
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
                double g = row[j];
                if (rng is not null && Model.ReadNoise > 0 && !_stuck[(i * Columns) + j])
                {
                    g *= 1 + (Model.ReadNoise * rng.Normal());
                }
                currents[j] += g * f;
            }
        }
        return currents;
    }
}
