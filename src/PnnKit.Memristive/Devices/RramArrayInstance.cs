using PnnKit.Core.Random;

namespace PnnKit.Memristive.Devices;

/// <summary>
/// One fabricated R × C array of 1T1R RRAM cells (DESIGN.md §4 "instance"): per-cell step gains
/// (<see cref="RramDeviceModel.DeviceToDeviceSpread"/>) and stuck cells are drawn once from the seed and never change.
/// <see cref="Program"/> writes a matrix of target conductances by <see cref="ProgramAndVerify"/> and returns the
/// resulting <see cref="RramArrayState"/> with the pulses used and the cells that failed to verify; the instance itself
/// is not mutated by programming apart from a programming counter that keys each programming's noise stream.
/// Rows are driven with voltages, columns are sensed (currents summed by Kirchhoff).
/// </summary>
public sealed class RramArrayInstance
{
    private readonly RramCell[] _cells;
    private readonly Rng _rng;
    private int _programmings;

    private RramArrayInstance(RramDeviceModel model, int rows, int columns, Rng rng)
    {
        Model = model;
        Rows = rows;
        Columns = columns;
        _rng = rng;
        _cells = new RramCell[rows * columns];
        var fab = rng.Split("fabrication");
        for (int i = 0; i < _cells.Length; i++)
        {
            double u = fab.NextDouble();
            var fault = u < model.StuckAtOnFraction ? DeviceFault.StuckOn
                : u < model.StuckAtOnFraction + model.StuckAtOffFraction ? DeviceFault.StuckOff
                : DeviceFault.None;
            double gain = Math.Max(0.1, 1 + (model.DeviceToDeviceSpread * fab.Normal()));
            _cells[i] = new RramCell(gain, fault);
        }
    }

    /// <summary>Fabricates an array: validates <paramref name="model"/> and draws every cell's static parameters from <paramref name="seed"/>.</summary>
    public static RramArrayInstance Fabricate(RramDeviceModel model, int rows, int columns, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        if (rows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"rows must be ≥ 1, got {rows}.");
        }
        if (columns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), $"columns must be ≥ 1, got {columns}.");
        }
        return new RramArrayInstance(model, rows, columns, new Rng(seed));
    }

    /// <summary>The device model this array was made with.</summary>
    public RramDeviceModel Model { get; }

    /// <summary>Driven rows (word/bit lines carrying input voltages).</summary>
    public int Rows { get; }

    /// <summary>Sensed columns (their currents are the outputs).</summary>
    public int Columns { get; }

    /// <summary>Every cell's static parameters, row-major [Rows, Columns].</summary>
    public ReadOnlySpan<RramCell> Cells => _cells;

    /// <summary>The cell at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public RramCell Cell(int row, int column) => _cells[Index(row, column)];

    /// <summary>Cells stuck at GMax.</summary>
    public int StuckOnCells => _cells.Count(c => c.Fault == DeviceFault.StuckOn);

    /// <summary>Cells stuck at GMin.</summary>
    public int StuckOffCells => _cells.Count(c => c.Fault == DeviceFault.StuckOff);

    /// <summary>The conductance map before any programming: every cell at GMin after forming, stuck-ON cells at GMax.</summary>
    public RramArrayState AsFabricated()
    {
        var g = new double[_cells.Length];
        for (int i = 0; i < g.Length; i++)
        {
            g[i] = _cells[i].Fault == DeviceFault.StuckOn ? Model.GMax : Model.GMin;
        }
        return new RramArrayState(Model, Rows, Columns, g, Stuck(), _rng.Split("relaxation/fabricated").NextULong());
    }

    /// <summary>
    /// Programs every cell towards <paramref name="targets"/> (row-major [Rows, Columns], S) by program-and-verify, starting
    /// from <paramref name="from"/> (default <see cref="AsFabricated"/>). Each cell draws its pulse noise from its own stream
    /// (this programming's index and the cell index), so the result is deterministic for the seed and the call sequence.
    /// </summary>
    public RramProgramming Program(ReadOnlySpan<double> targets, RramArrayState? from = null) => Program(targets, from, []);

    /// <summary>
    /// As <see cref="Program(ReadOnlySpan{double}, RramArrayState?)"/>, but only the cells where <paramref name="write"/> is true
    /// (row-major; empty: all) are pulsed; the others keep their conductance in <paramref name="from"/> and take no pulse (an
    /// in-situ update writes only the cells whose target changed, so a stuck cell that failed once is not pulsed again).
    /// </summary>
    public RramProgramming Program(ReadOnlySpan<double> targets, RramArrayState? from, ReadOnlySpan<bool> write)
    {
        if (!write.IsEmpty && write.Length != _cells.Length)
        {
            throw new ArgumentException($"write must be empty or hold {_cells.Length} flags, got {write.Length}.", nameof(write));
        }
        if (targets.Length != _cells.Length)
        {
            throw new ArgumentException($"targets must hold {Rows} × {Columns} = {_cells.Length} conductances, got {targets.Length}.", nameof(targets));
        }
        if (from is not null && (from.Rows != Rows || from.Columns != Columns))
        {
            throw new ArgumentException($"from is a {from.Rows} × {from.Columns} state; this array is {Rows} × {Columns}.", nameof(from));
        }
        var start = (from ?? AsFabricated()).Conductances;
        var rng = _rng.Split($"program/{_programmings}");
        _programmings++;
        var g = new double[_cells.Length];
        var pulses = new int[_cells.Length];
        var converged = new bool[_cells.Length];
        var failed = new List<(int Row, int Column)>();
        long sets = 0, reads = 0;
        double verified = 0;
        for (int i = 0; i < _cells.Length; i++)
        {
            if (!write.IsEmpty && !write[i])
            {
                g[i] = start[i];
                converged[i] = Math.Abs(start[i] - targets[i]) <= Model.VerifyTolerance;
                continue;
            }
            var r = ProgramAndVerify.Run(Model, _cells[i], start[i], targets[i], rng.Split((ulong)i));
            g[i] = r.Conductance;
            pulses[i] = r.Pulses;
            converged[i] = r.Converged;
            sets += r.SetPulses;
            reads += r.VerifyReads;
            verified += r.VerifyConductance;
            if (!r.Converged)
            {
                failed.Add((i / Columns, i % Columns));
            }
        }
        return new RramProgramming(new RramArrayState(Model, Rows, Columns, g, Stuck(), rng.Split("relaxation").NextULong()), pulses, converged, failed, sets, reads, verified);
    }

    private bool[] Stuck() => [.. _cells.Select(c => c.Fault != DeviceFault.None)];

    private int Index(int row, int column)
    {
        if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"cell ({row}, {column}) is outside the {Rows} × {Columns} array.");
        }
        return (row * Columns) + column;
    }
}
