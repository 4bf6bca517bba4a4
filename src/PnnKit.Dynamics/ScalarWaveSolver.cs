using System.Numerics;
using System.Runtime.InteropServices;

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
    private readonly int[] _losslessFrom;
    private readonly int[] _losslessTo;
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
        // Per interior row, the run of cells without damping: there the update needs no a, b (most of the grid).
        _losslessFrom = new int[ny];
        _losslessTo = new int[ny];
        for (int y = 0; y < ny; y++)
        {
            int lo = 1, hi = nx - 1;
            while (lo < hi && _a[(y * nx) + lo] != 1)
            {
                lo++;
            }
            while (hi > lo && _a[(y * nx) + hi - 1] != 1)
            {
                hi--;
            }
            for (int x = lo; x < hi; x++)
            {
                if (_a[(y * nx) + x] != 1 || _b[(y * nx) + x] != 1)
                {
                    (lo, hi) = (1, 1);
                    break;
                }
            }
            (_losslessFrom[y], _losslessTo[y]) = (lo, hi);
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
        RequireCells(u.Length, nameof(u));
        RequireCells(result.Length, nameof(result));
        int nx = Nx, ny = Ny, w = Vector<double>.Count;
        ref double u0 = ref MemoryMarshal.GetReference(u);
        ref double r0 = ref MemoryMarshal.GetReference(result);
        var four = new Vector<double>(4);
        var invH2 = new Vector<double>(_invH2);
        for (int y = 0; y < ny; y++)
        {
            int row = y * nx;
            int x = 0;
            if (y > 0 && y < ny - 1)
            {
                result[row] = LaplacianAt(u, 0, y);
                for (x = 1; x <= nx - 1 - w; x += w)
                {
                    nuint i = (nuint)(row + x);
                    var lap = (Vector.LoadUnsafe(ref u0, i - 1) + Vector.LoadUnsafe(ref u0, i + 1) + Vector.LoadUnsafe(ref u0, i - (nuint)nx)
                        + Vector.LoadUnsafe(ref u0, i + (nuint)nx) - (four * Vector.LoadUnsafe(ref u0, i))) * invH2;
                    lap.StoreUnsafe(ref r0, i);
                }
            }
            for (; x < nx; x++)
            {
                result[row + x] = LaplacianAt(u, x, y);
            }
        }
    }

    /// <summary>∇²u at cell (x, y), zero field outside the grid; the scalar path for boundary cells.</summary>
    private double LaplacianAt(ReadOnlySpan<double> u, int x, int y)
    {
        int nx = Nx, i = (y * nx) + x;
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
        if (y < Ny - 1)
        {
            s += u[i + nx];
        }
        return s * _invH2;
    }

    /// <summary>
    /// One step: <paramref name="next"/> = u at t+Δt from <paramref name="previous"/> (t−Δt) and <paramref name="current"/> (t),
    /// with source value <paramref name="sourceValue"/> added at cell <paramref name="sourceCell"/> (−1 for none).
    /// When <paramref name="lap"/> is not empty it receives ∇²u(t) (the adjoint's gradient needs it); pass an empty span to skip
    /// that store. Laplacian and update are fused in one vectorised pass; cells without damping skip a and b. Nothing is allocated.
    /// </summary>
    public void Step(ReadOnlySpan<double> previous, ReadOnlySpan<double> current, Span<double> next, Span<double> lap, int sourceCell = -1, double sourceValue = 0)
    {
        RequireCells(previous.Length, nameof(previous));
        RequireCells(current.Length, nameof(current));
        RequireCells(next.Length, nameof(next));
        if (lap.Length != 0)
        {
            RequireCells(lap.Length, nameof(lap));
        }
        int nx = Nx, ny = Ny;
        for (int y = 0; y < ny; y++)
        {
            int row = y * nx;
            if (y == 0 || y == ny - 1)
            {
                for (int x = 0; x < nx; x++)
                {
                    StepCell(previous, current, next, lap, x, y);
                }
                continue;
            }
            int lo = _losslessFrom[y], hi = _losslessTo[y];
            StepCell(previous, current, next, lap, 0, y);
            StepRange(previous, current, next, lap, row + 1, row + lo, damped: true);
            StepRange(previous, current, next, lap, row + lo, row + hi, damped: false);
            StepRange(previous, current, next, lap, row + hi, row + nx - 1, damped: true);
            StepCell(previous, current, next, lap, nx - 1, y);
        }
        if (sourceCell >= 0)
        {
            next[sourceCell] += _a[sourceCell] * Dt * Dt * sourceValue;
        }
    }

    /// <summary>The update of cells [from, to) of one interior row (no grid edge among them), vectorised.</summary>
    private void StepRange(ReadOnlySpan<double> previous, ReadOnlySpan<double> current, Span<double> next, Span<double> lap, int from, int to, bool damped)
    {
        if (to <= from)
        {
            return;
        }
        int nx = Nx, w = Vector<double>.Count, i = from;
        bool storeLap = lap.Length != 0, kerr = _kerr is not null;
        ref double u0 = ref MemoryMarshal.GetReference(current);
        ref double p0 = ref MemoryMarshal.GetReference(previous);
        ref double n0 = ref MemoryMarshal.GetReference(next);
        ref double l0 = ref MemoryMarshal.GetReference(lap);
        ref double a0 = ref _a[0];
        ref double b0 = ref _b[0];
        ref double c0 = ref _c2dt2[0];
        ref double k0 = ref kerr ? ref _kerr![0] : ref _a[0];
        var two = new Vector<double>(2);
        var four = new Vector<double>(4);
        var invH2 = new Vector<double>(_invH2);
        for (; i <= to - w; i += w)
        {
            nuint k = (nuint)i;
            var u = Vector.LoadUnsafe(ref u0, k);
            var l = (Vector.LoadUnsafe(ref u0, k - 1) + Vector.LoadUnsafe(ref u0, k + 1) + Vector.LoadUnsafe(ref u0, k - (nuint)nx)
                + Vector.LoadUnsafe(ref u0, k + (nuint)nx) - (four * u)) * invH2;
            var c = Vector.LoadUnsafe(ref c0, k);
            if (kerr)
            {
                c *= Vector<double>.One + (Vector.LoadUnsafe(ref k0, k) * u * u);
            }
            var un = damped
                ? Vector.LoadUnsafe(ref a0, k) * ((two * u) - (Vector.LoadUnsafe(ref b0, k) * Vector.LoadUnsafe(ref p0, k)) + (c * l))
                : (two * u) - Vector.LoadUnsafe(ref p0, k) + (c * l);
            un.StoreUnsafe(ref n0, k);
            if (storeLap)
            {
                l.StoreUnsafe(ref l0, k);
            }
        }
        for (; i < to; i++)
        {
            StepCell(previous, current, next, lap, i % nx, i / nx);
        }
    }

    /// <summary>The update of one cell (scalar path for the edges and remainders).</summary>
    private void StepCell(ReadOnlySpan<double> previous, ReadOnlySpan<double> current, Span<double> next, Span<double> lap, int x, int y)
    {
        int i = (y * Nx) + x;
        double l = LaplacianAt(current, x, y);
        double u = current[i];
        double c = _kerr is null ? _c2dt2[i] : _c2dt2[i] * (1 + (_kerr[i] * u * u));
        next[i] = _a[i] * ((2 * u) - (_b[i] * previous[i]) + (c * l));
        if (lap.Length != 0)
        {
            lap[i] = l;
        }
    }

    /// <summary>
    /// One step of the discrete adjoint of the linear scheme, backwards in time, fused like <see cref="Step"/>:
    /// μ⁰ = a ⊙ (∇²w¹ + 2μ¹ − b ⊙ μ²) with w¹ = c²Δt² ⊙ μ¹ (the adjoint of u⁺ = a(2u − b u⁻ + c²Δt² ∇²u)); also writes
    /// w⁰ = c²Δt² ⊙ μ⁰ and adds μ⁰ ⊙ <paramref name="lapU"/> (∇² of the forward field this step started from) to
    /// <paramref name="gradC2Dt2"/>, the gradient with respect to c²Δt² up to the factor the caller applies.
    /// </summary>
    internal void AdjointStep(ReadOnlySpan<double> w1, ReadOnlySpan<double> mu1, ReadOnlySpan<double> mu2, ReadOnlySpan<double> lapU, Span<double> mu0, Span<double> w0, Span<double> gradC2Dt2)
    {
        int nx = Nx, ny = Ny;
        for (int y = 0; y < ny; y++)
        {
            int row = y * nx;
            if (y == 0 || y == ny - 1)
            {
                for (int x = 0; x < nx; x++)
                {
                    AdjointCell(w1, mu1, mu2, lapU, mu0, w0, gradC2Dt2, x, y);
                }
                continue;
            }
            int lo = _losslessFrom[y], hi = _losslessTo[y];
            AdjointCell(w1, mu1, mu2, lapU, mu0, w0, gradC2Dt2, 0, y);
            AdjointRange(w1, mu1, mu2, lapU, mu0, w0, gradC2Dt2, row + 1, row + lo, damped: true);
            AdjointRange(w1, mu1, mu2, lapU, mu0, w0, gradC2Dt2, row + lo, row + hi, damped: false);
            AdjointRange(w1, mu1, mu2, lapU, mu0, w0, gradC2Dt2, row + hi, row + nx - 1, damped: true);
            AdjointCell(w1, mu1, mu2, lapU, mu0, w0, gradC2Dt2, nx - 1, y);
        }
    }

    private void AdjointRange(ReadOnlySpan<double> w1, ReadOnlySpan<double> mu1, ReadOnlySpan<double> mu2, ReadOnlySpan<double> lapU, Span<double> mu0, Span<double> w0, Span<double> gradC2Dt2, int from, int to, bool damped)
    {
        if (to <= from)
        {
            return;
        }
        int nx = Nx, w = Vector<double>.Count, i = from;
        ref double w10 = ref MemoryMarshal.GetReference(w1);
        ref double m10 = ref MemoryMarshal.GetReference(mu1);
        ref double m20 = ref MemoryMarshal.GetReference(mu2);
        ref double lu0 = ref MemoryMarshal.GetReference(lapU);
        ref double m00 = ref MemoryMarshal.GetReference(mu0);
        ref double w00 = ref MemoryMarshal.GetReference(w0);
        ref double g0 = ref MemoryMarshal.GetReference(gradC2Dt2);
        ref double a0 = ref _a[0];
        ref double b0 = ref _b[0];
        ref double c0 = ref _c2dt2[0];
        var two = new Vector<double>(2);
        var four = new Vector<double>(4);
        var invH2 = new Vector<double>(_invH2);
        for (; i <= to - w; i += w)
        {
            nuint k = (nuint)i;
            var l = (Vector.LoadUnsafe(ref w10, k - 1) + Vector.LoadUnsafe(ref w10, k + 1) + Vector.LoadUnsafe(ref w10, k - (nuint)nx)
                + Vector.LoadUnsafe(ref w10, k + (nuint)nx) - (four * Vector.LoadUnsafe(ref w10, k))) * invH2;
            var m = damped
                ? Vector.LoadUnsafe(ref a0, k) * (l + (two * Vector.LoadUnsafe(ref m10, k)) - (Vector.LoadUnsafe(ref b0, k) * Vector.LoadUnsafe(ref m20, k)))
                : l + (two * Vector.LoadUnsafe(ref m10, k)) - Vector.LoadUnsafe(ref m20, k);
            m.StoreUnsafe(ref m00, k);
            (Vector.LoadUnsafe(ref c0, k) * m).StoreUnsafe(ref w00, k);
            (Vector.LoadUnsafe(ref g0, k) + (m * Vector.LoadUnsafe(ref lu0, k))).StoreUnsafe(ref g0, k);
        }
        for (; i < to; i++)
        {
            AdjointCell(w1, mu1, mu2, lapU, mu0, w0, gradC2Dt2, i % nx, i / nx);
        }
    }

    private void AdjointCell(ReadOnlySpan<double> w1, ReadOnlySpan<double> mu1, ReadOnlySpan<double> mu2, ReadOnlySpan<double> lapU, Span<double> mu0, Span<double> w0, Span<double> gradC2Dt2, int x, int y)
    {
        int i = (y * Nx) + x;
        double m = _a[i] * (LaplacianAt(w1, x, y) + (2 * mu1[i]) - (_b[i] * mu2[i]));
        mu0[i] = m;
        w0[i] = _c2dt2[i] * m;
        gradC2Dt2[i] += m * lapU[i];
    }

    private void RequireCells(int length, string name)
    {
        if (length != Cells)
        {
            throw new ArgumentException($"Field needs {Cells} values for the {Nx}×{Ny} grid, got {length}.", name);
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
