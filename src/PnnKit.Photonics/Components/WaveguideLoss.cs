namespace PnnKit.Photonics.Components;

/// <summary>
/// Optical power loss in decibels and the field-amplitude factor it implies: a loss of L dB keeps a
/// fraction 10^(−L/10) of the power and multiplies the field by 10^(−L/20).
/// </summary>
public sealed record WaveguideLoss
{
    /// <summary>
    /// Default insertion loss of one MZI cell, dB. Assumption in the range reported for silicon
    /// thermo-optic MZIs: ≈ 0.1–0.3 dB per cell (Shen et al., Nat. Photonics 11, 441 (2017);
    /// Bogaerts et al., Nature 586, 207 (2020), review of programmable photonics).
    /// </summary>
    public const double DefaultMziInsertionLossDb = 0.2;

    /// <summary>
    /// Default propagation loss of a silicon strip waveguide, dB/cm: 1–3 dB/cm is typical of
    /// foundry SOI strip waveguides (Bogaerts et al., IEEE JSTQE 20, 8201411 (2014)).
    /// </summary>
    public const double DefaultPropagationLossDbPerCm = 2.0;

    /// <summary>A loss of <paramref name="decibels"/> dB (≥ 0; a passive element cannot amplify).</summary>
    public WaveguideLoss(double decibels)
    {
        if (!(decibels >= 0) || !double.IsFinite(decibels))
        {
            throw new ArgumentOutOfRangeException(nameof(decibels), $"Loss must be finite and ≥ 0 dB (a passive element cannot amplify); got {decibels}.");
        }
        Decibels = decibels;
    }

    /// <summary>No loss.</summary>
    public static WaveguideLoss None { get; } = new(0);

    /// <summary>Loss of a waveguide of <paramref name="lengthCm"/> cm at <paramref name="dbPerCm"/> dB/cm.</summary>
    public static WaveguideLoss ForLength(double lengthCm, double dbPerCm = DefaultPropagationLossDbPerCm) => new(lengthCm * dbPerCm);

    /// <summary>Loss, dB.</summary>
    public double Decibels { get; }

    /// <summary>Fraction of power transmitted, 10^(−L/10).</summary>
    public double PowerTransmission => Math.Pow(10, -Decibels / 10);

    /// <summary>Field-amplitude factor, 10^(−L/20).</summary>
    public double AmplitudeTransmission => Math.Pow(10, -Decibels / 20);
}
