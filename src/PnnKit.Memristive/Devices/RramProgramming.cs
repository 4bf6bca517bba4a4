namespace PnnKit.Memristive.Devices;

/// <summary>The outcome of <see cref="RramArrayInstance.Program"/>: the state reached, pulses per cell and the cells that did not verify.</summary>
public sealed class RramProgramming
{
    private readonly int[] _pulses;
    private readonly bool[] _converged;

    internal RramProgramming(RramArrayState state, int[] pulses, bool[] converged, IReadOnlyList<(int Row, int Column)> failed)
    {
        State = state;
        _pulses = pulses;
        _converged = converged;
        FailedCells = failed;
    }

    /// <summary>The conductance map after programming.</summary>
    public RramArrayState State { get; }

    /// <summary>SET + RESET pulses applied to each cell, row-major.</summary>
    public ReadOnlySpan<int> Pulses => _pulses;

    /// <summary>Whether each cell verified within the tolerance, row-major.</summary>
    public ReadOnlySpan<bool> Converged => _converged;

    /// <summary>Cells (row, column) that ran out of pulses before verifying (stuck cells with a target away from their value, unreachable targets).</summary>
    public IReadOnlyList<(int Row, int Column)> FailedCells { get; }

    /// <summary>All pulses applied.</summary>
    public long TotalPulses => _pulses.Sum(p => (long)p);
}
