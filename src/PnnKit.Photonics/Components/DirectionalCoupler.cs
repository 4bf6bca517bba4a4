using System.Numerics;

namespace PnnKit.Photonics.Components;

/// <summary>
/// A lossless 2×2 directional coupler (beam splitter). Its power splitting ratio κ is the fraction of
/// power crossing to the other waveguide; the ideal 3 dB coupler has κ = 0.5. The transfer matrix is
/// the symmetric, reciprocal form [[t, i·k], [i·k, t]] with t = √(1 − κ), k = √κ (the cross port picks
/// up a quarter-wave phase), as in Clements et al., Optica 3, 1460 (2016) and neuroptica.
/// </summary>
public sealed record DirectionalCoupler
{
    /// <summary>The ideal 50:50 coupler.</summary>
    public static DirectionalCoupler Balanced { get; } = new(0.5);

    /// <summary>A coupler with power splitting ratio <paramref name="splittingRatio"/> in [0, 1].</summary>
    public DirectionalCoupler(double splittingRatio)
    {
        if (!(splittingRatio >= 0 && splittingRatio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(splittingRatio), $"The splitting ratio must lie in [0, 1]; got {splittingRatio}.");
        }
        SplittingRatio = splittingRatio;
    }

    /// <summary>A 3 dB coupler whose splitting ratio is off by <paramref name="error"/> (κ = 0.5 + error).</summary>
    public static DirectionalCoupler WithSplittingError(double error) => new(Math.Clamp(0.5 + error, 0, 1));

    /// <summary>Fraction of power coupled to the other waveguide, κ.</summary>
    public double SplittingRatio { get; }

    /// <summary>Bar-port amplitude t = √(1 − κ).</summary>
    public double Through => Math.Sqrt(1 - SplittingRatio);

    /// <summary>Cross-port amplitude k = √κ (the cross transfer is i·k).</summary>
    public double Cross => Math.Sqrt(SplittingRatio);

    /// <summary>The 2×2 transfer matrix, row-major: [t, i·k, i·k, t].</summary>
    public Complex[] TransferMatrix() => [Through, new Complex(0, Cross), new Complex(0, Cross), Through];
}
