namespace PnnKit.Photonics.Meshes;

/// <summary>
/// Phase drift of a mesh with ambient temperature. A uniform temperature change shifts both arms of a
/// balanced MZI equally and cancels; what remains acts on the arms' optical-path imbalance ΔL left by
/// fabrication: δφ = 2π·(dn/dT)·ΔL·ΔT/λ (thermal expansion, ~50× weaker than dn/dT in silicon, is neglected).
/// </summary>
public static class AmbientPhaseDrift
{
    /// <summary>Thermo-optic coefficient of silicon near 1550 nm and 300 K, 1/K: 1.8·10⁻⁴ (Komma et al., Appl. Phys. Lett. 101, 041905 (2012)); used for the guided mode's effective index too (assumption, the mode is mostly in the core).</summary>
    public const double SiliconDnDt = 1.8e-4;

    /// <summary>Wavelength, m: 1550 nm (the C band the mesh's other parameters are quoted at).</summary>
    public const double WavelengthMeters = 1.55e-6;

    /// <summary>Phase drift of an arm pair with path imbalance <paramref name="imbalanceMeters"/> when the chip is <paramref name="deltaKelvin"/> warmer than when it was programmed, rad.</summary>
    public static double Phase(double imbalanceMeters, double deltaKelvin) => 2 * Math.PI * SiliconDnDt * imbalanceMeters * deltaKelvin / WavelengthMeters;
}
