namespace PnnKit.Photonics.Diffractive;

/// <summary>
/// The complex refractive index n + iκ of the material a diffractive layer is printed in. A pixel of phase φ is a
/// column of height h = φλ / (2π(n − 1)) above the base (the phase it adds over the air it displaces), and the field
/// it transmits is attenuated by exp(−2πκh/λ) (Beer–Lambert in field amplitude: intensity falls as exp(−4πκh/λ)). Per
/// radian of phase that is exp(−κφ / (n − 1)), so a trained phase map is also an amplitude map (Lin et al., Science
/// 361, 1004 (2018), supplementary materials, model the printed layers' transmission so).
/// </summary>
/// <param name="RefractiveIndex">Real part n (&gt; 1: the column must retard the wave).</param>
/// <param name="ExtinctionCoefficient">Imaginary part κ (≥ 0: a passive material).</param>
/// <param name="BaseThickness">Height of the plate under every pixel, m: it attenuates all pixels alike.</param>
public sealed record PrintingResin(double RefractiveIndex, double ExtinctionCoefficient, double BaseThickness = 0)
{
    /// <summary>
    /// The 3-D printing resin of Lin et al. 2018 (Objet30 Pro, VeroBlackPlus RGD875) measured by THz time-domain
    /// spectroscopy at 0.4 THz: n = 1.7227, κ = 0.031 (their supplementary materials, Materials and Methods). The base
    /// plate is left at 0: it scales every detector's power by one factor, which the reported efficiency would then
    /// include without changing which class wins.
    /// </summary>
    public static PrintingResin VeroBlackPlus { get; } = new(1.7227, 0.031);

    /// <summary>Field attenuation per radian of printed phase, κ / (n − 1): the amplitude is e^{−γφ}.</summary>
    public double AttenuationPerRadian => ExtinctionCoefficient / (RefractiveIndex - 1);

    /// <summary>Field amplitude of the base plate, exp(−2πκh₀/λ), at wavelength <paramref name="wavelength"/> (m).</summary>
    public double BaseAmplitude(double wavelength) => Math.Exp(-2 * Math.PI * ExtinctionCoefficient * BaseThickness / wavelength);

    /// <summary><paramref name="phase"/> wrapped into [0, 2π): the relief is printed modulo one wave.</summary>
    public static double Wrap(double phase) => phase - (2 * Math.PI * Math.Floor(phase / (2 * Math.PI)));

    /// <summary>Column height above the base, m, that adds <paramref name="phase"/> rad (wrapped into [0, 2π), as printed) at <paramref name="wavelength"/> m.</summary>
    public double Height(double phase, double wavelength) => Wrap(phase) * wavelength / (2 * Math.PI * (RefractiveIndex - 1));

    /// <summary>Field amplitude exp(−2πκ(h₀ + h)/λ) of a pixel printed for <paramref name="phase"/> rad at <paramref name="wavelength"/> m.</summary>
    public double Amplitude(double phase, double wavelength) => BaseAmplitude(wavelength) * Math.Exp(-AttenuationPerRadian * Wrap(phase));

    /// <summary>Checks n &gt; 1, κ ≥ 0 and a base ≥ 0, naming the field out of range.</summary>
    public void Validate()
    {
        if (!(RefractiveIndex > 1) || !double.IsFinite(RefractiveIndex))
        {
            throw new ArgumentOutOfRangeException(nameof(RefractiveIndex), $"The resin's refractive index n must be finite and > 1 (a column must retard the wave); got {RefractiveIndex}.");
        }
        if (!(ExtinctionCoefficient >= 0) || !double.IsFinite(ExtinctionCoefficient))
        {
            throw new ArgumentOutOfRangeException(nameof(ExtinctionCoefficient), $"The resin's extinction coefficient κ must be finite and ≥ 0 (a passive material); got {ExtinctionCoefficient}.");
        }
        if (!(BaseThickness >= 0) || !double.IsFinite(BaseThickness))
        {
            throw new ArgumentOutOfRangeException(nameof(BaseThickness), $"The base thickness must be finite and ≥ 0 m; got {BaseThickness}.");
        }
    }
}
