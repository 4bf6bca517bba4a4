using System.Numerics;
using PnnKit.Photonics.Components;
using PnnKit.Photonics.Linear;

namespace PnnKit.Photonics.Meshes;

/// <summary>
/// Programs a mesh to realize a given unitary. <see cref="Clements"/> follows Clements et al.,
/// Optica 3, 1460 (2016): null the lower triangle of U one anti-diagonal at a time, alternately by
/// MZIs applied from the right (U·T⁻¹) and from the left (T·U), leaving a diagonal D; then move the
/// left-applied cells through D (T⁻¹·D = D′·T′, same θ, φ′ = arg d₁ − arg d₂), which leaves the
/// rectangular mesh followed by the output phase screen D. <see cref="Reck"/> nulls row by row from
/// the right only (Reck et al., PRL 73, 58 (1994)), giving the triangle. Formulas are for the MZI
/// convention of <see cref="MachZehnderInterferometer"/>. Each cell found is placed in the earliest
/// column of the right parity after the cells it depends on; this reproduces the mesh layouts.
/// Cost O(N³).
/// </summary>
public static class UnitaryDecomposition
{
    /// <summary>Default tolerance on max|U†U − I| for accepting a matrix as unitary.</summary>
    public const double DefaultUnitarityTolerance = 1e-8;

    /// <summary>Phases that make a <see cref="ClementsMesh{T}"/> on N modes realize <paramref name="unitary"/> (N×N, row-major).</summary>
    public static MeshPhases Clements(Complex[] unitary, int n, double tolerance = DefaultUnitarityTolerance)
    {
        var u = Validate(unitary, n, tolerance);
        var rights = new List<(int Mode, double Theta, double Phi)>();
        var lefts = new List<(int Mode, double Theta, double Phi)>();
        for (int i = 0; i < n - 1; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                if (i % 2 == 0)
                {
                    int row = n - 1 - j, m = i - j;
                    rights.Add(NullFromRight(u, n, row, m));
                }
                else
                {
                    int m = n - 2 - i + j, col = j;
                    lefts.Add(NullFromLeft(u, n, m, col));
                }
            }
        }
        var d = new Complex[n];
        for (int i = 0; i < n; i++)
        {
            d[i] = u[(i * n) + i];
        }
        // Move each left-applied cell through D: T(θ, φ)⁻¹·D = D′·T(θ, φ′).
        var order = new List<(int Mode, double Theta, double Phi)>(rights);
        for (int k = lefts.Count - 1; k >= 0; k--)
        {
            var (m, theta, phi) = lefts[k];
            Complex d1 = d[m], d2 = d[m + 1];
            double phiNew = d1.Phase - d2.Phase;
            d[m] = -Complex.FromPolarCoordinates(1, -(theta + phi)) * d2;
            d[m + 1] = -Complex.FromPolarCoordinates(1, -theta) * d2;
            order.Add((m, theta, phiNew));
        }
        return Place(order, d, n, ClementsMesh<double>.Layout(n));
    }

    /// <summary>Phases that make a <see cref="ReckMesh{T}"/> on N modes realize <paramref name="unitary"/> (N×N, row-major).</summary>
    public static MeshPhases Reck(Complex[] unitary, int n, double tolerance = DefaultUnitarityTolerance)
    {
        var u = Validate(unitary, n, tolerance);
        var order = new List<(int Mode, double Theta, double Phi)>();
        for (int row = n - 1; row >= 1; row--)
        {
            for (int j = 0; j < row; j++)
            {
                order.Add(NullFromRight(u, n, row, j));
            }
        }
        var d = new Complex[n];
        for (int i = 0; i < n; i++)
        {
            d[i] = u[(i * n) + i];
        }
        return Place(order, d, n, ReckMesh<double>.Layout(n));
    }

    private static Complex[] Validate(Complex[] unitary, int n, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(unitary);
        if (n < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"A mesh needs at least 2 modes; got {n}.");
        }
        if (unitary.Length != n * n)
        {
            throw new ArgumentException($"unitary has {unitary.Length} entries; an {n}×{n} matrix needs {n * n}.", nameof(unitary));
        }
        for (int i = 0; i < unitary.Length; i++)
        {
            if (!double.IsFinite(unitary[i].Real) || !double.IsFinite(unitary[i].Imaginary))
            {
                throw new ArgumentException($"unitary[{i / n}, {i % n}] is {unitary[i]}; entries must be finite.", nameof(unitary));
            }
        }
        double err = ComplexMatrix.UnitarityError(unitary, n);
        if (!(err <= tolerance))
        {
            throw new ArgumentException($"unitary is not unitary: max|U†U − I| = {err:E3} exceeds {tolerance:E1}. Map a general matrix with SvdMapping instead.", nameof(unitary));
        }
        return (Complex[])unitary.Clone();
    }

    // U ← U·T(θ, φ)† on columns (m, m+1), choosing θ, φ so that U[row, m] becomes 0.
    private static (int, double, double) NullFromRight(Complex[] u, int n, int row, int m)
    {
        Complex a = u[(row * n) + m], b = u[(row * n) + m + 1];
        double theta = 2 * Math.Atan2(Complex.Abs(b), Complex.Abs(a));
        double phi = Complex.Abs(a) == 0 || Complex.Abs(b) == 0 ? 0 : a.Phase - b.Phase - Math.PI;
        var t = Cell(theta, phi);
        for (int r = 0; r < n; r++)
        {
            Complex p = u[(r * n) + m], q = u[(r * n) + m + 1];
            u[(r * n) + m] = (p * Complex.Conjugate(t[0])) + (q * Complex.Conjugate(t[1]));
            u[(r * n) + m + 1] = (p * Complex.Conjugate(t[2])) + (q * Complex.Conjugate(t[3]));
        }
        u[(row * n) + m] = Complex.Zero;
        return (m, theta, phi);
    }

    // U ← T(θ, φ)·U on rows (m, m+1), choosing θ, φ so that U[m+1, col] becomes 0.
    private static (int, double, double) NullFromLeft(Complex[] u, int n, int m, int col)
    {
        Complex a = u[(m * n) + col], b = u[((m + 1) * n) + col];
        double theta = 2 * Math.Atan2(Complex.Abs(a), Complex.Abs(b));
        double phi = Complex.Abs(a) == 0 || Complex.Abs(b) == 0 ? 0 : b.Phase - a.Phase;
        var t = Cell(theta, phi);
        for (int c = 0; c < n; c++)
        {
            Complex p = u[(m * n) + c], q = u[((m + 1) * n) + c];
            u[(m * n) + c] = (t[0] * p) + (t[1] * q);
            u[((m + 1) * n) + c] = (t[2] * p) + (t[3] * q);
        }
        u[((m + 1) * n) + col] = Complex.Zero;
        return (m, theta, phi);
    }

    private static Complex[] Cell(double theta, double phi) => MachZehnderInterferometer.TransferMatrix(theta, phi, Math.Sqrt(0.5), Math.Sqrt(0.5), Math.Sqrt(0.5), Math.Sqrt(0.5), 1);

    private static MeshPhases Place(List<(int Mode, double Theta, double Phi)> order, Complex[] d, int n, IReadOnlyList<(int Column, int Mode)> layout)
    {
        var slot = new Dictionary<(int, int), int>();
        var sorted = layout.OrderBy(p => p.Column).ThenBy(p => p.Mode).ToArray();
        for (int i = 0; i < sorted.Length; i++)
        {
            slot[sorted[i]] = i;
        }
        var theta = new double[sorted.Length];
        var phi = new double[sorted.Length];
        var filled = new bool[sorted.Length];
        var last = new int[n];
        Array.Fill(last, -1);
        foreach (var (m, th, ph) in order)
        {
            int col = Math.Max(last[m], last[m + 1]) + 1;
            if (col % 2 != m % 2)
            {
                col++;
            }
            if (!slot.TryGetValue((col, m), out int idx) || filled[idx])
            {
                throw new InvalidOperationException($"Decomposition produced a cell at column {col}, mode {m} that the layout lacks.");
            }
            filled[idx] = true;
            theta[idx] = ThermoOpticPhaseShifter.Wrap(th);
            phi[idx] = ThermoOpticPhaseShifter.Wrap(ph);
            last[m] = last[m + 1] = col;
        }
        var output = new double[n];
        for (int i = 0; i < n; i++)
        {
            output[i] = ThermoOpticPhaseShifter.Wrap(d[i].Phase);
        }
        return new MeshPhases(theta, phi, output);
    }
}
