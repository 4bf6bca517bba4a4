namespace PnnKit.Photonics.InSitu;

/// <summary>
/// Detector noise of the monitor photodiodes that read the intensities of the in-situ protocol.
/// Intensities are in the units of |E|² of the simulated fields (input power normalized to the
/// fields the model is fed). Both terms default to zero: noise off.
/// </summary>
public sealed record InSituOptions
{
    /// <summary>Noise-free measurements.</summary>
    public static InSituOptions NoiseFree { get; } = new();

    /// <summary>Standard deviation of the additive (thermal/TIA) noise on every intensity reading.</summary>
    public double ThermalNoiseStd { get; init; }

    /// <summary>Shot-noise variance per unit intensity: each reading I gets variance ShotNoiseFactor·I.</summary>
    public double ShotNoiseFactor { get; init; }

    /// <summary>
    /// Where the adjoint intensity I_a is read. True (default): send the time-reversed adjoint x_TR
    /// forward on its own and read |a|² at the taps (four optical passes per sample); then
    /// I_s − I_f − I_a = 2·Re(conj(a)·v) exactly, and insertion loss only rescales each shifter's
    /// gradient by the loss before it. False: read |w|² at the taps during the backward pass (three
    /// passes, as in Hughes et al. 2018); identical when lossless, but with loss the mismatch |a|² − |w|²
    /// enters the gradient as an additive bias.
    /// </summary>
    public bool AdjointIntensityFromTimeReversedPass { get; init; } = true;

    /// <summary>True when any noise term is on.</summary>
    public bool IsNoisy => ThermalNoiseStd > 0 || ShotNoiseFactor > 0;

    internal void Validate()
    {
        if (!(ThermalNoiseStd >= 0) || !(ShotNoiseFactor >= 0) || !double.IsFinite(ThermalNoiseStd) || !double.IsFinite(ShotNoiseFactor))
        {
            throw new ArgumentException($"Noise terms must be finite and ≥ 0; got ThermalNoiseStd = {ThermalNoiseStd}, ShotNoiseFactor = {ShotNoiseFactor}.");
        }
    }
}
