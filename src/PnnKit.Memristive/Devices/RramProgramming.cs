namespace PnnKit.Memristive.Devices;

/// <summary>The outcome of <see cref="RramArrayInstance.Program"/>: the state reached, pulses per cell and the cells that did not verify.</summary>
public sealed class RramProgramming
{
    private readonly int[] _pulses;
    private readonly bool[] _converged;

    internal RramProgramming(RramArrayState state, int[] pulses, bool[] converged, IReadOnlyList<(int Row, int Column)> failed, long setPulses, long verifyReads, double verifyConductance)
    {
        State = state;
        SetPulses = setPulses;
        VerifyReads = verifyReads;
        VerifyConductance = verifyConductance;
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

    /// <summary>SET pulses among <see cref="TotalPulses"/> (the rest are RESET pulses).</summary>
    public long SetPulses { get; }

    /// <summary>Verify reads of the cells written (pulses + 1 per cell written).</summary>
    public long VerifyReads { get; }

    /// <summary>Sum of the conductances those verify reads saw, S.</summary>
    public double VerifyConductance { get; }
}
