using System.Numerics;

namespace PnnKit.Photonics.Components;

/// <summary>
/// A Mach–Zehnder interferometer cell: external phase φ on the top input arm, a directional coupler,
/// internal phase θ on the top arm, a second coupler, and a common amplitude factor for insertion
/// loss. Transfer-matrix convention (the physical one of Hughes et al., Optica 5, 864 (2018),
/// Pai et al., Science 380, 398 (2023) and neuroptica):
/// <code>
/// T(θ, φ) = α · B₂ · diag(e^{iθ}, 1) · B₁ · diag(e^{iφ}, 1),   B = [[t, i·k], [i·k, t]]
/// </code>
/// which for ideal 50:50 couplers and α = 1 is
/// <code>
/// T(θ, φ) = i·e^{iθ/2} · [[e^{iφ}·sin(θ/2),  cos(θ/2)],
///                          [e^{iφ}·cos(θ/2), −sin(θ/2)]]
/// </code>
/// so θ = 0 is the cross state, θ = π the bar state, and φ sets the relative input phase.
/// </summary>
public sealed record MachZehnderInterferometer
{
    /// <summary>Internal phase θ, rad.</summary>
    public double Theta { get; init; }

    /// <summary>External phase φ, rad.</summary>
    public double Phi { get; init; }

    /// <summary>First (input) coupler.</summary>
    public DirectionalCoupler Coupler1 { get; init; } = DirectionalCoupler.Balanced;

    /// <summary>Second (output) coupler.</summary>
    public DirectionalCoupler Coupler2 { get; init; } = DirectionalCoupler.Balanced;

    /// <summary>Insertion loss of the cell.</summary>
    public WaveguideLoss Loss { get; init; } = WaveguideLoss.None;

    /// <summary>The 2×2 transfer matrix, row-major.</summary>
    public Complex[] TransferMatrix() =>
        TransferMatrix(Theta, Phi, Coupler1.Through, Coupler1.Cross, Coupler2.Through, Coupler2.Cross, Loss.AmplitudeTransmission);

    /// <summary>
    /// The 2×2 transfer matrix (row-major) for coupler amplitudes (t₁, k₁), (t₂, k₂) and amplitude
    /// factor α, in the convention of the class summary.
    /// </summary>
    public static Complex[] TransferMatrix(double theta, double phi, double t1, double k1, double t2, double k2, double alpha)
    {
        var u = new Complex[4];
        TransferMatrix(theta, phi, t1, k1, t2, k2, alpha, u);
        return u;
    }

    /// <summary>Writes the 2×2 transfer matrix (row-major) into <paramref name="destination"/> (length ≥ 4) without allocating.</summary>
    public static void TransferMatrix(double theta, double phi, double t1, double k1, double t2, double k2, double alpha, Span<Complex> destination)
    {
        if (destination.Length < 4)
        {
            throw new ArgumentException("The destination needs 4 entries.", nameof(destination));
        }
        var ePhi = Complex.FromPolarCoordinates(1, phi);
        var eTheta = Complex.FromPolarCoordinates(1, theta);
        var ik1 = new Complex(0, k1);
        var ik2 = new Complex(0, k2);
        // Columns of B1·diag(e^{iφ}, 1).
        Complex b00 = t1 * ePhi, b01 = ik1, b10 = ik1 * ePhi, b11 = t1;
        // diag(e^{iθ}, 1).
        b00 *= eTheta;
        b01 *= eTheta;
        destination[0] = alpha * ((t2 * b00) + (ik2 * b10));
        destination[1] = alpha * ((t2 * b01) + (ik2 * b11));
        destination[2] = alpha * ((ik2 * b00) + (t2 * b10));
        destination[3] = alpha * ((ik2 * b01) + (t2 * b11));
    }
}
