namespace PnnKit.Memristive.Devices;

/// <summary>The outcome of <see cref="ProgramAndVerify.Run"/> on one cell.</summary>
/// <param name="Conductance">Conductance after the last verify read, S.</param>
/// <param name="Pulses">SET and RESET pulses applied.</param>
/// <param name="Converged">Whether |G − target| ≤ the verify tolerance was reached within the pulse budget.</param>
public readonly record struct ProgramVerifyResult(double Conductance, int Pulses, bool Converged);
