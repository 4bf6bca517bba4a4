using System.Numerics;

namespace PnnKit.Photonics.Activations;

/// <summary>
/// A saturable absorber: its absorption bleaches with power, so the field transmission is
/// t(p) = exp(−(α₀/2) / (1 + p/p_sat)) for small-signal optical depth α₀ and saturation power
/// p_sat (two-level model, e.g. Saleh &amp; Teich, Fundamentals of Photonics, ch. 15). Passive: it
/// costs no energy of its own, only the light it absorbs (charged to the laser).
/// </summary>
public sealed class SaturableAbsorber<T> : OpticalActivation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>An absorber on <paramref name="modes"/> modes.</summary>
    public SaturableAbsorber(int modes, double opticalDepth = 2.0, double saturationPower = 1.0, string name = "saturable-absorber") : base(name, modes)
    {
        if (!(opticalDepth >= 0) || !(saturationPower > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(opticalDepth), $"Need optical depth ≥ 0 and saturation power > 0; got {opticalDepth}, {saturationPower}.");
        }
        OpticalDepth = opticalDepth;
        SaturationPower = saturationPower;
    }

    /// <summary>Small-signal optical depth α₀ (power transmission e^{−α₀} at low power). Default 2 is an assumption.</summary>
    public double OpticalDepth { get; }

    /// <summary>Saturation power p_sat, in model power units. Default 1 is an assumption.</summary>
    public double SaturationPower { get; }

    /// <inheritdoc/>
    protected override (Complex H, Complex DhDp) Gain(double power, int mode)
    {
        double s = 1 + (power / SaturationPower);
        double t = Math.Exp(-OpticalDepth / 2 / s);
        return (t, t * (OpticalDepth / 2) / (s * s * SaturationPower));
    }
}
