using PnnKit.Core.Random;

namespace PnnKit.Spintronics;

/// <summary>
/// Macrospin parameters of a spin-torque nano-oscillator's free layer. Defaults: CoFeB free layer,
/// μ0 M_s ≈ 1.2 T (M_s ≈ 0.95 MA/m) and Gilbert damping α ≈ 0.01 (Liu et al., APL 98, 042501 (2011);
/// Ikeda et al., Nat. Mater. 9, 721 (2010)), a 1.5 nm × 100 nm × 50 nm ellipse (assumption).
/// </summary>
public sealed record MacrospinParameters
{
    /// <summary>Gyromagnetic ratio γ, rad/(s·T) (electron: 1.760859e11, CODATA 2018).</summary>
    public const double Gamma = 1.760859630e11;

    /// <summary>Boltzmann constant, J/K (SI 2019 exact).</summary>
    public const double Boltzmann = 1.380649e-23;

    /// <summary>Saturation magnetisation M_s, A/m (CoFeB ≈ 0.95e6).</summary>
    public double SaturationMagnetization { get; init; } = 0.95e6;

    /// <summary>Gilbert damping α (CoFeB ≈ 0.01, Liu et al. 2011).</summary>
    public double Damping { get; init; } = 0.01;

    /// <summary>Free-layer volume, m³ (assumption: 1.5 nm × π/4 · 100 nm × 50 nm).</summary>
    public double Volume { get; init; } = 1.5e-9 * Math.PI / 4 * 100e-9 * 50e-9;

    /// <summary>Applied field μ0H, T (x, y, z).</summary>
    public (double X, double Y, double Z) AppliedField { get; init; } = (0, 0, 0);

    /// <summary>In-plane uniaxial anisotropy field μ0H_k along x, T (assumption: 0.02 T shape anisotropy of the ellipse).</summary>
    public double AnisotropyField { get; init; } = 0.02;

    /// <summary>Effective demagnetising field μ0M_eff along z (thin film: ≈ μ0 M_s), T.</summary>
    public double DemagField { get; init; } = 1.2;

    /// <summary>Spin-torque field per unit current a_J/I, T/A: ħ η / (2 e M_s V) with spin polarisation η ≈ 0.5 (assumption).</summary>
    public double SpinTorquePerAmp => 1.054571817e-34 * 0.5 / (2 * 1.602176634e-19 * SaturationMagnetization * Volume);

    /// <summary>Throws for non-physical values.</summary>
    public void Validate()
    {
        if (!(Damping >= 0) || !double.IsFinite(Damping))
        {
            throw new ArgumentOutOfRangeException(nameof(Damping), $"Gilbert damping must be finite and ≥ 0 (negative damping is not physical), got {Damping}.");
        }
        if (!(SaturationMagnetization > 0) || !double.IsFinite(SaturationMagnetization))
        {
            throw new ArgumentOutOfRangeException(nameof(SaturationMagnetization), $"Saturation magnetisation must be finite and > 0 A/m, got {SaturationMagnetization}.");
        }
        if (!(Volume > 0) || !double.IsFinite(Volume))
        {
            throw new ArgumentOutOfRangeException(nameof(Volume), $"Free-layer volume must be finite and > 0 m³, got {Volume}.");
        }
    }
}

/// <summary>
/// Macrospin Landau–Lifshitz–Gilbert–Slonczewski integrator in Landau–Lifshitz form (fields in tesla):
/// dm/dt = −γ/(1+α²) [m × B + α m × (m × B)] − γ/(1+α²) a_J [m × (m × p) − α m × p],
/// B = B_app + B_k m_x x̂ − B_d m_z ẑ + B_th, with the thermal field B_th of variance 2 α k_B T / (γ M_s V Δt)
/// per component (Brown, Phys. Rev. 130, 1677 (1963)), integrated by the stochastic Heun scheme
/// (Stratonovich; García-Palacios &amp; Lázaro, PRB 58, 14937 (1998)). No renormalisation of |m| is applied,
/// so its conservation is a property of the scheme, which tests check.
/// </summary>
public sealed class MacrospinLlg
{
    private readonly MacrospinParameters _p;

    /// <summary>An integrator for <paramref name="parameters"/>; polariser p (unit vector) defaults to x̂.</summary>
    public MacrospinLlg(MacrospinParameters parameters, (double X, double Y, double Z)? polarizer = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        _p = parameters;
        var pol = polarizer ?? (1, 0, 0);
        double n = Math.Sqrt((pol.X * pol.X) + (pol.Y * pol.Y) + (pol.Z * pol.Z));
        Polarizer = (pol.X / n, pol.Y / n, pol.Z / n);
    }

    /// <summary>Unit polariser direction.</summary>
    public (double X, double Y, double Z) Polarizer { get; }

    /// <summary>Magnetisation direction (unit at start).</summary>
    public double[] M { get; } = [1, 0, 0];

    private void Rhs(ReadOnlySpan<double> m, ReadOnlySpan<double> bth, double current, Span<double> dm)
    {
        double a = _p.Damping, g = MacrospinParameters.Gamma / (1 + (a * a));
        double bx = _p.AppliedField.X + (_p.AnisotropyField * m[0]) + bth[0];
        double by = _p.AppliedField.Y + bth[1];
        double bz = _p.AppliedField.Z - (_p.DemagField * m[2]) + bth[2];
        Cross(m[0], m[1], m[2], bx, by, bz, out double cx, out double cy, out double cz); // m × B
        Cross(m[0], m[1], m[2], cx, cy, cz, out double ddx, out double ddy, out double ddz); // m × (m × B)
        double aj = _p.SpinTorquePerAmp * current;
        var (px, py, pz) = Polarizer;
        Cross(m[0], m[1], m[2], px, py, pz, out double sx, out double sy, out double sz); // m × p
        Cross(m[0], m[1], m[2], sx, sy, sz, out double tx, out double ty, out double tz); // m × (m × p)
        dm[0] = -g * (cx + (a * ddx) + (aj * (tx - (a * sx))));
        dm[1] = -g * (cy + (a * ddy) + (aj * (ty - (a * sy))));
        dm[2] = -g * (cz + (a * ddz) + (aj * (tz - (a * sz))));
    }

    private static void Cross(double ax, double ay, double az, double bx, double by, double bz, out double cx, out double cy, out double cz)
    {
        cx = (ay * bz) - (az * by);
        cy = (az * bx) - (ax * bz);
        cz = (ax * by) - (ay * bx);
    }

    /// <summary>
    /// Advances <paramref name="steps"/> steps of <paramref name="dt"/> seconds at current <paramref name="current"/> (A)
    /// and temperature <paramref name="temperature"/> (K). Returns nothing; read <see cref="M"/>.
    /// </summary>
    public void Run(double dt, int steps, double current, double temperature, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), $"Time step dt must be finite and > 0 s, got {dt}.");
        }
        if (!(temperature >= 0) || !double.IsFinite(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), $"Temperature must be finite and ≥ 0 K, got {temperature}.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        double sigma = Math.Sqrt(2 * _p.Damping * MacrospinParameters.Boltzmann * temperature / (MacrospinParameters.Gamma * _p.SaturationMagnetization * _p.Volume * dt));
        Span<double> bth = stackalloc double[3];
        Span<double> k1 = stackalloc double[3];
        Span<double> k2 = stackalloc double[3];
        Span<double> mp = stackalloc double[3];
        for (int s = 0; s < steps; s++)
        {
            if (sigma > 0)
            {
                bth[0] = sigma * rng.Normal();
                bth[1] = sigma * rng.Normal();
                bth[2] = sigma * rng.Normal();
            }
            Rhs(M, bth, current, k1);
            for (int i = 0; i < 3; i++)
            {
                mp[i] = M[i] + (dt * k1[i]);
            }
            Rhs(mp, bth, current, k2);
            for (int i = 0; i < 3; i++)
            {
                M[i] += 0.5 * dt * (k1[i] + k2[i]);
            }
        }
    }

    /// <summary>
    /// Critical current magnitude for spin-torque instability of the state m = p = x̂ with the field along x:
    /// a_J = α (B_x + B_k + B_d / 2) (Sun, PRB 62, 570 (2000), in-plane macrospin), returned as a_J / (a_J per amp), A.
    /// Negative currents (with this sign convention) destabilise m ∥ p. This is the threshold current I_th that the
    /// reduced auto-oscillator model takes as a parameter.
    /// </summary>
    public double ThresholdCurrent() =>
        _p.Damping * (_p.AppliedField.X + _p.AnisotropyField + (_p.DemagField / 2)) / _p.SpinTorquePerAmp;

    /// <summary>|m|.</summary>
    public double Norm => Math.Sqrt((M[0] * M[0]) + (M[1] * M[1]) + (M[2] * M[2]));
}
