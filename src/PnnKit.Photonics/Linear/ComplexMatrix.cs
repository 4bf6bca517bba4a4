using System.Numerics;
using PnnKit.Core.Random;

namespace PnnKit.Photonics.Linear;

/// <summary>
/// Small dense complex-matrix helpers in double precision for programming and checking meshes.
/// Matrices are row-major <see cref="Complex"/> arrays of n×n (or rows×cols where stated).
/// </summary>
public static class ComplexMatrix
{
    /// <summary>The n×n identity.</summary>
    public static Complex[] Identity(int n)
    {
        var a = new Complex[n * n];
        for (int i = 0; i < n; i++)
        {
            a[(i * n) + i] = Complex.One;
        }
        return a;
    }

    /// <summary>C = A·B for A (rows×inner) and B (inner×cols).</summary>
    public static Complex[] Multiply(Complex[] a, Complex[] b, int rows, int inner, int cols)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != rows * inner || b.Length != inner * cols)
        {
            throw new ArgumentException($"Shapes do not match: A has {a.Length} entries (expected {rows}×{inner}), B has {b.Length} (expected {inner}×{cols}).");
        }
        var c = new Complex[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int k = 0; k < inner; k++)
            {
                var aik = a[(i * inner) + k];
                if (aik == Complex.Zero)
                {
                    continue;
                }
                for (int j = 0; j < cols; j++)
                {
                    c[(i * cols) + j] += aik * b[(k * cols) + j];
                }
            }
        }
        return c;
    }

    /// <summary>C = A·B for square n×n matrices.</summary>
    public static Complex[] Multiply(Complex[] a, Complex[] b, int n) => Multiply(a, b, n, n, n);

    /// <summary>The conjugate transpose of a rows×cols matrix (cols×rows).</summary>
    public static Complex[] Adjoint(Complex[] a, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(a);
        var t = new Complex[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                t[(j * rows) + i] = Complex.Conjugate(a[(i * cols) + j]);
            }
        }
        return t;
    }

    /// <summary>Largest entry-wise modulus of A − B.</summary>
    public static double MaxAbsDifference(Complex[] a, Complex[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Lengths differ: {a.Length} and {b.Length}.");
        }
        double m = 0;
        for (int i = 0; i < a.Length; i++)
        {
            m = Math.Max(m, Complex.Abs(a[i] - b[i]));
        }
        return m;
    }

    /// <summary>max |(U†U − I)ᵢⱼ|: zero for a unitary matrix.</summary>
    public static double UnitarityError(Complex[] u, int n) => MaxAbsDifference(Multiply(Adjoint(u, n, n), u, n), Identity(n));

    /// <summary>
    /// Matrix fidelity |Tr(U†V)|² / (N·Tr(V†V)) of a realized matrix V against a target unitary U:
    /// 1 when V equals U up to a global phase, lower for errors or loss.
    /// </summary>
    public static double Fidelity(Complex[] target, Complex[] realized, int n)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(realized);
        Complex tr = Complex.Zero;
        double norm = 0;
        for (int i = 0; i < n * n; i++)
        {
            tr += Complex.Conjugate(target[i]) * realized[i];
            norm += (realized[i].Real * realized[i].Real) + (realized[i].Imaginary * realized[i].Imaginary);
        }
        return norm == 0 ? 0 : (tr.Real * tr.Real + (tr.Imaginary * tr.Imaginary)) / (n * norm);
    }

    /// <summary>
    /// Fidelity modulo an output phase screen: (Σᵢ |⟨uᵢ, vᵢ⟩|)² / (N·‖V‖²) over rows i, i.e. the best
    /// <see cref="Fidelity"/> of D·V over diagonal phase matrices D. Intensity-only calibration cannot
    /// see output phases, so this is the figure it can improve.
    /// </summary>
    public static double FidelityUpToOutputPhases(Complex[] target, Complex[] realized, int n)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(realized);
        double sum = 0, norm = 0;
        for (int i = 0; i < n; i++)
        {
            Complex dot = Complex.Zero;
            for (int j = 0; j < n; j++)
            {
                dot += Complex.Conjugate(target[(i * n) + j]) * realized[(i * n) + j];
                norm += (realized[(i * n) + j].Real * realized[(i * n) + j].Real) + (realized[(i * n) + j].Imaginary * realized[(i * n) + j].Imaginary);
            }
            sum += Complex.Abs(dot);
        }
        return norm == 0 ? 0 : sum * sum / (n * norm);
    }

    /// <summary>A Haar-random n×n unitary: Gram–Schmidt QR of a complex Gaussian matrix (Mezzadri, Notices AMS 54, 592 (2007)).</summary>
    public static Complex[] RandomUnitary(int n, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var a = new Complex[n * n];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = new Complex(rng.Normal(), rng.Normal());
        }
        // Modified Gram–Schmidt on the columns; R's diagonal comes out real positive, which makes Q Haar.
        for (int j = 0; j < n; j++)
        {
            for (int k = 0; k < j; k++)
            {
                Complex dot = Complex.Zero;
                for (int i = 0; i < n; i++)
                {
                    dot += Complex.Conjugate(a[(i * n) + k]) * a[(i * n) + j];
                }
                for (int i = 0; i < n; i++)
                {
                    a[(i * n) + j] -= dot * a[(i * n) + k];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++)
            {
                norm += a[(i * n) + j].Real * a[(i * n) + j].Real + (a[(i * n) + j].Imaginary * a[(i * n) + j].Imaginary);
            }
            norm = Math.Sqrt(norm);
            for (int i = 0; i < n; i++)
            {
                a[(i * n) + j] /= norm;
            }
        }
        return a;
    }
}
