namespace PnnKit.Dynamics;

/// <summary>
/// Finite-difference time stepping of the 2D scalar wave equation u_tt + σ u_t = c² ∇²u + f on an
/// nx × ny grid of spacing h, with a zero (Dirichlet) field outside the grid and an absorbing layer where
/// σ &gt; 0. Central differences in time (leapfrog) with the damping term centred:
/// u⁺ = [2u − (1 − σΔt/2) u⁻ + Δt² (c² ∇²u + f)] / (1 + σΔt/2)
/// (the update of Hughes et al., Sci. Adv. 5, eaay6946 (2019)). Stable when Δt ≤ h / (c_max √2) (CFL),
/// which the constructor enforces. Cell (x, y) has index y·nx + x.
/// Optional Kerr-like nonlinearity: the local c² is multiplied by (1 + κ u²) with κ per cell (Hughes et al.'s
/// intensity-dependent speed); the CFL check uses the linear speeds, so keep κ u² small or negative.
/// </summary>
public sealed class ScalarWaveSolver
{
    private readonly double[] _c2dt2;
    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double _invH2;
    private readonly double[]? _kerr;

    /// <summary>A solver for wave speeds <paramref name="speed"/> (length nx·ny) and damping <paramref name="damping"/> (σ, 1/s; null for none).</summary>
    public ScalarWaveSolver(int nx, int ny, double h, double dt, ReadOnlySpan<double> speed, ReadOnlySpan<double> damping = default, ReadOnlySpan<double> kerr = default)
    {
        if (kerr.Length != 0 && kerr.Length != nx * ny)
        {
            throw new ArgumentException($"Kerr coefficients need {nx * ny} values for a {nx}×{ny} grid, got {kerr.Length}.", nameof(kerr));
        }
        if (kerr.Length != 0)
        {
            _kerr = kerr.ToArray();
        }
        if (nx < 1 || ny < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(nx), $"Grid must be at least 1×1, got {nx}×{ny}.");
        }
        if (!(h > 0) || !double.IsFinite(h) || !(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentOutOfRangeException(nameof(h), $"Grid spacing and time step must be finite and > 0, got h = {h}, dt = {dt}.");
        }
        if (speed.Length != nx * ny || (damping.Length != 0 && damping.Length != nx * ny))
        {
            throw new ArgumentException($"Speed and damping need {nx * ny} values for a {nx}×{ny} grid, got {speed.Length} and {damping.Length}.", nameof(speed));
        }
        double cmax = 0;
        foreach (double c in speed)
        {
            if (!(c > 0) || !double.IsFinite(c))
            {
                throw new ArgumentOutOfRangeException(nameof(speed), $"Wave speeds must be finite and > 0, got {c}.");
            }
            cmax = Math.Max(cmax, c);
        }
        double dtMax = MaxStableTimeStep(h, cmax);
        if (dt > dtMax)
        {
            throw new ArgumentOutOfRangeException(nameof(dt), $"Time step dt = {dt} breaks the CFL stability condition dt ≤ h/(c_max·√2) = {h}/({cmax}·√2) = {dtMax}; reduce dt or increase h.");
        }
        Nx = nx;
        Ny = ny;
        H = h;
        Dt = dt;
        _invH2 = 1 / (h * h);
        int n = nx * ny;
        _c2dt2 = new double[n];
        _a = new double[n];
        _b = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = damping.Length == 0 ? 0 : damping[i];
            if (!(s >= 0) || !double.IsFinite(s))
            {
                throw new ArgumentOutOfRangeException(nameof(damping), $"Damping σ must be finite and ≥ 0 (negative damping adds energy), got {s} at cell {i}.");
            }
            _c2dt2[i] = speed[i] * speed[i] * dt * dt;
            _a[i] = 1 / (1 + (s * dt / 2));
            _b[i] = 1 - (s * dt / 2);
        }
    }

    /// <summary>The largest stable time step h / (c_max √2).</summary>
    public static double MaxStableTimeStep(double h, double cmax) => h / (cmax * Math.Sqrt(2));

    /// <summary>Cells along x.</summary>
    public int Nx { get; }

    /// <summary>Cells along y.</summary>
    public int Ny { get; }

    /// <summary>Grid spacing.</summary>
    public double H { get; }

    /// <summary>Time step.</summary>
    public double Dt { get; }

    /// <summary>Number of cells.</summary>
    public int Cells => Nx * Ny;

    internal ReadOnlySpan<double> A => _a;

    internal ReadOnlySpan<double> B => _b;

    internal ReadOnlySpan<double> C2Dt2 => _c2dt2;

    /// <summary>Kerr coefficients κ per cell, or empty when linear.</summary>
    internal ReadOnlySpan<double> Kerr => _kerr;

    /// <summary>5-point Laplacian with zero field outside the grid: <paramref name="result"/> = ∇²<paramref name="u"/>.</summary>
    public void Laplacian(ReadOnlySpan<double> u, Span<double> result)
    {
        int nx = Nx, ny = Ny;
        for (int y = 0; y < ny; y++)
        {
            int row = y * nx;
            for (int x = 0; x < nx; x++)
            {
                int i = row + x;
                double s = -4 * u[i];
                if (x > 0)
                {
                    s += u[i - 1];
                }
                if (x < nx - 1)
                {
                    s += u[i + 1];
                }
                if (y > 0)
                {
                    s += u[i - nx];
                }
                if (y < ny - 1)
                {
                    s += u[i + nx];
                }
                result[i] = s * _invH2;
            }
        }
    }

    /// <summary>
    /// One step: <paramref name="next"/> = u at t+Δt from <paramref name="previous"/> (t−Δt) and <paramref name="current"/> (t),
    /// with source value <paramref name="sourceValue"/> added at cell <paramref name="sourceCell"/> (−1 for none).
    /// <paramref name="lap"/> is scratch and holds ∇²u(t) on return.
    /// </summary>
    public void Step(ReadOnlySpan<double> previous, ReadOnlySpan<double> current, Span<double> next, Span<double> lap, int sourceCell = -1, double sourceValue = 0)
    {
        Laplacian(current, lap);
        if (_kerr is null)
        {
            for (int i = 0; i < next.Length; i++)
            {
                next[i] = _a[i] * ((2 * current[i]) - (_b[i] * previous[i]) + (_c2dt2[i] * lap[i]));
            }
        }
        else
        {
            for (int i = 0; i < next.Length; i++)
            {
                double u = current[i];
                next[i] = _a[i] * ((2 * u) - (_b[i] * previous[i]) + (_c2dt2[i] * (1 + (_kerr[i] * u * u)) * lap[i]));
            }
        }
        if (sourceCell >= 0)
        {
            next[sourceCell] += _a[sourceCell] * Dt * Dt * sourceValue;
        }
    }

    /// <summary>
    /// The discrete energy conserved exactly by the lossless scheme between steps t and t+Δt:
    /// E = ½ Σ [(u⁺ − u)² / (c² Δt²) − u⁺ · ∇²u] · h² (up to the spacing factor, a positive quantity under CFL).
    /// </summary>
    public double Energy(ReadOnlySpan<double> current, ReadOnlySpan<double> next)
    {
        var lap = new double[Cells];
        Laplacian(current, lap);
        double e = 0;
        for (int i = 0; i < Cells; i++)
        {
            double v = next[i] - current[i];
            e += (v * v / _c2dt2[i]) - (next[i] * lap[i]);
        }
        return 0.5 * e * H * H;
    }
}
