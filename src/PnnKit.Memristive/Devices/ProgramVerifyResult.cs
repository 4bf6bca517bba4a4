namespace PnnKit.Memristive.Devices;

/// <summary>The outcome of <see cref="ProgramAndVerify.Run"/> on one cell.</summary>
/// <param name="Conductance">Conductance after the last verify read, S.</param>
/// <param name="Pulses">SET and RESET pulses applied.</param>
/// <param name="Converged">Whether |G − target| ≤ the verify tolerance was reached within the pulse budget.</param>
/// <param name="SetPulses">SET pulses among <paramref name="Pulses"/> (the rest are RESET pulses).</param>
/// <param name="VerifyConductance">Sum of the conductances the verify reads saw, S (one read before each pulse and one after the last): with a cell current linear in G, the verify-read energy is I(ΣG, V_read)·V_read·t_read.</param>
public readonly record struct ProgramVerifyResult(double Conductance, int Pulses, bool Converged, int SetPulses = 0, double VerifyConductance = 0)
{
    /// <summary>RESET pulses applied.</summary>
    public int ResetPulses => Pulses - SetPulses;

    /// <summary>Verify reads: one before each pulse and one that ends the loop.</summary>
    public int VerifyReads => Pulses + 1;
}
