using System.Numerics;
using System.Runtime.CompilerServices;
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
/// The kernels are compiled optimised at once (AggressiveOptimization): a pass calls each only a few times with long loops,
/// so the tiered JIT's call counting would leave them in quick first-tier code for many passes.
/// </summary>
public sealed class ScalarWaveSolver
{
    private readonly double[] _c2dt2;
    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double _invH2;
    /// <summary>Runs of interior cells with one kind of update; row y's runs are _runs[_rowRuns[y] .. _rowRuns[y + 1]).</summary>
    private UpdateRun[] _runs = [];
    private int[] _rowRuns = [];
    private double[]? _kerr;

    /// <summary>c²Δt²/h² per cell: the update's coefficient of h²∇²u.</summary>
    private readonly double[] _c2dt2h2;

    /// <summary>A row of zeros standing in for the rows outside the grid (zero field there).</summary>
    private readonly double[] _zeroRow;

    /// <summary>
    /// A solver for wave speeds <paramref name="speed"/> (length nx·ny) and damping <paramref name="damping"/> (σ, 1/s; null for
    /// none). With a <paramref name="pml"/> its auxiliary fields ride in every field buffer after u (<see cref="StateLength"/>),
    /// and <paramref name="damping"/> must be the layer's own σ = ζx + ζy (<see cref="PerfectlyMatchedLayer.Damping"/>).
    /// </summary>
    public ScalarWaveSolver(int nx, int ny, double h, double dt, ReadOnlySpan<double> speed, ReadOnlySpan<double> damping = default, ReadOnlySpan<double> kerr = default, PerfectlyMatchedLayer? pml = null)
    {
        if (pml is not null && (pml.Nx != nx || pml.Ny != ny))
        {
            throw new ArgumentException($"The PML is for a {pml.Nx}×{pml.Ny} grid, the solver's is {nx}×{ny}.", nameof(pml));
        }
        Pml = pml;
        if (nx < 1 || ny < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(nx), $"Grid must be at least 1×1, got {nx}×{ny}.");
        }
        if (!(h > 0) || !double.IsFinite(h) || !(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentOutOfRangeException(nameof(h), $"Grid spacing and time step must be finite and > 0, got h = {h}, dt = {dt}.");
        }
        if (damping.Length != 0 && damping.Length != nx * ny)
        {
            throw new ArgumentException($"Speed and damping need {nx * ny} values for a {nx}×{ny} grid, got {speed.Length} and {damping.Length}.", nameof(damping));
        }
        Nx = nx;
        Ny = ny;
        H = h;
        Dt = dt;
        _invH2 = 1 / (h * h);
        int n = nx * ny;
        CheckSpeeds(speed, kerr, nameof(dt));
        _c2dt2 = new double[n];
        _c2dt2h2 = new double[n];
        FillSpeedCoefficients(speed, kerr);
        _zeroRow = new double[nx];
        _a = new double[n];
        _b = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = damping.Length == 0 ? 0 : damping[i];
            if (!(s >= 0) || !double.IsFinite(s))
            {
                throw new ArgumentOutOfRangeException(nameof(damping), $"Damping σ must be finite and ≥ 0 (negative damping adds energy), got {s} at cell {i}.");
            }
            _a[i] = 1 / (1 + (s * dt / 2));
            // b = 1 − σΔt/2 = 2 − 1/a: the update uses the second form, which needs a alone.
            _b[i] = 2 - (1 / _a[i]);
        }
        BuildRuns();
    }

    /// <summary>
    /// Replaces the wave speeds (and Kerr coefficients; empty for a linear solver), in place and under the constructor's checks;
    /// the damping's coefficients stay. What a layer needs when only its speeds train: no field-sized array is allocated.
    /// </summary>
    internal void SetSpeed(ReadOnlySpan<double> speed, ReadOnlySpan<double> kerr = default)
    {
        CheckSpeeds(speed, kerr, nameof(speed));
        FillSpeedCoefficients(speed, kerr);
    }

    /// <summary>
    /// A run of interior cells [From, To) of one row with one kind of update: Damped (a ≠ 1 somewhere) loads a per cell, the
    /// others skip it (the update with a is exact for a = 1 too, so a damped run may spill over lossless cells).
    /// </summary>
    private readonly record struct UpdateRun(int From, int To, bool Damped);

    /// <summary>
    /// Splits every row's interior cells into runs of equal damping state; stretches shorter than a vector join a damped run.
    /// The runs depend on the damping alone.
    /// </summary>
    private void BuildRuns()
    {
        int nx = Nx, ny = Ny, w = Vector<double>.Count;
        var runs = new List<UpdateRun>();
        var rowRuns = new int[ny + 1];
        for (int y = 0; y < ny; y++)
        {
            rowRuns[y] = runs.Count;
            var a = _a.AsSpan(y * nx, nx);
            for (int x = 1; x < nx - 1;)
            {
                bool damped = a[x] != 1;
                int length = damped ? a[x..(nx - 1)].IndexOf(1.0) : a[x..(nx - 1)].IndexOfAnyExcept(1.0);
                int end = length < 0 ? nx - 1 : x + length;
                if (runs.Count > rowRuns[y] && (end - x < w || runs[^1].To - runs[^1].From < w))
                {
                    runs[^1] = new UpdateRun(runs[^1].From, end, true);
                }
                else
                {
                    runs.Add(new UpdateRun(x, end, damped || end - x < w));
                }
                x = end;
            }
        }
        rowRuns[ny] = runs.Count;
        (_runs, _rowRuns) = (runs.ToArray(), rowRuns);
    }

    /// <summary>
    /// Checks the speeds (finite, &gt; 0, one per cell), the Kerr coefficients' count and the CFL condition (a breach is
    /// reported against <paramref name="cflParameter"/>, the parameter the caller chose).
    /// </summary>
    private void CheckSpeeds(ReadOnlySpan<double> speed, ReadOnlySpan<double> kerr, string cflParameter)
    {
        int n = Nx * Ny;
        if (speed.Length != n)
        {
            throw new ArgumentException($"Speed and damping need {n} values for a {Nx}×{Ny} grid, got {speed.Length} speeds.", nameof(speed));
        }
        if (kerr.Length != 0 && kerr.Length != n)
        {
            throw new ArgumentException($"Kerr coefficients need {n} values for a {Nx}×{Ny} grid, got {kerr.Length}.", nameof(kerr));
        }
        // Vectorised min and max (NaN propagates into both); the scalar loop only names the offending value.
        double cmin = System.Numerics.Tensors.TensorPrimitives.Min(speed), cmax = System.Numerics.Tensors.TensorPrimitives.Max(speed);
        if (!(cmin > 0) || !double.IsFinite(cmax) || !double.IsFinite(cmin))
        {
            foreach (double c in speed)
            {
                if (!(c > 0) || !double.IsFinite(c))
                {
                    throw new ArgumentOutOfRangeException(nameof(speed), $"Wave speeds must be finite and > 0, got {c}.");
                }
            }
        }
        double dtMax = MaxStableTimeStep(H, cmax);
        if (Dt > dtMax)
        {
            throw new ArgumentOutOfRangeException(cflParameter, $"Time step dt = {Dt} breaks the CFL stability condition dt ≤ h/(c_max·√2) = {H}/({cmax}·√2) = {dtMax}; reduce dt or increase h.");
        }
    }

    /// <summary>c²Δt², c²Δt²/h² and the Kerr coefficients per cell from checked speeds.</summary>
    private void FillSpeedCoefficients(ReadOnlySpan<double> speed, ReadOnlySpan<double> kerr)
    {
        System.Numerics.Tensors.TensorPrimitives.Multiply(speed, speed, _c2dt2);
        System.Numerics.Tensors.TensorPrimitives.Multiply(_c2dt2, Dt * Dt, _c2dt2);
        System.Numerics.Tensors.TensorPrimitives.Multiply(_c2dt2, _invH2, _c2dt2h2);
        if (kerr.Length == 0)
        {
            _kerr = null;
            return;
        }
        _kerr ??= new double[kerr.Length];
        kerr.CopyTo(_kerr);
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

    /// <summary>The perfectly matched layer, or null for a damping layer (or none).</summary>
    public PerfectlyMatchedLayer? Pml { get; }

    /// <summary>Values per field buffer that <see cref="Step"/> takes: u's cells, then the PML's auxiliary fields when there is one.</summary>
    public int StateLength => Cells + (Pml?.AuxiliaryLength ?? 0);

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
    /// When <paramref name="lap"/> is not empty it receives ∇²u(t); pass an empty span to skip that store. Laplacian and
    /// update are fused in one vectorised pass per row, run by run (see <see cref="StepRun"/>). <paramref name="next"/> must not
    /// overlap the inputs (the last vector of a run is recomputed overlapping its neighbour). Nothing is allocated.
    /// </summary>
    public void Step(ReadOnlySpan<double> previous, ReadOnlySpan<double> current, Span<double> next, Span<double> lap, int sourceCell = -1, double sourceValue = 0)
    {
        RequireState(previous.Length, nameof(previous));
        RequireState(current.Length, nameof(current));
        RequireState(next.Length, nameof(next));
        bool storeLap = lap.Length != 0;
        if (storeLap)
        {
            RequireCells(lap.Length, nameof(lap));
        }
        if (next.Overlaps(previous) || next.Overlaps(current))
        {
            throw new ArgumentException("The next field must be a buffer of its own, not overlapping the previous or current field.", nameof(next));
        }
        int nx = Nx, ny = Ny, w = Vector<double>.Count;
        bool vector = Vector.IsHardwareAccelerated && nx - 2 >= w;
        ref double u0 = ref MemoryMarshal.GetReference(current);
        ref double p0 = ref MemoryMarshal.GetReference(previous);
        ref double n0 = ref MemoryMarshal.GetReference(next);
        ref double z0 = ref MemoryMarshal.GetArrayDataReference(_zeroRow);
        // Without a store the Laplacian reference points at the zero row, which is then never written.
        ref double l0 = ref storeLap ? ref MemoryMarshal.GetReference(lap) : ref z0;
        for (int y = 0; y < ny; y++)
        {
            int row = y * nx;
            // Rows outside the grid hold a zero field: the zero row stands in for them.
            ref double up = ref y > 0 ? ref Unsafe.Add(ref u0, row - nx) : ref z0;
            ref double down = ref y < ny - 1 ? ref Unsafe.Add(ref u0, row + nx) : ref z0;
            StepCell(ref u0, ref up, ref down, ref p0, ref n0, ref l0, row, 0, storeLap);
            if (nx > 1)
            {
                StepCell(ref u0, ref up, ref down, ref p0, ref n0, ref l0, row, nx - 1, storeLap);
            }
            if (!vector)
            {
                for (int x = 1; x < nx - 1; x++)
                {
                    StepCell(ref u0, ref up, ref down, ref p0, ref n0, ref l0, row, x, storeLap);
                }
                continue;
            }
            for (int r = _rowRuns[y]; r < _rowRuns[y + 1]; r++)
            {
                StepRun(ref u0, ref up, ref down, ref p0, ref n0, ref l0, row, _runs[r], storeLap);
            }
        }
        if (sourceCell >= 0)
        {
            next[sourceCell] += _a[sourceCell] * Dt * Dt * sourceValue;
        }
        Pml?.Step(current, next, _a);
    }

    /// <summary>
    /// The update of the cells of <paramref name="run"/> in row <paramref name="row"/>, one vector at a time; the last vector is
    /// aligned to the run's end, overlapping its neighbour instead of a scalar tail. A run shorter than a vector (a narrow grid
    /// row) is widened into its neighbours, which the damped update computes bit for bit as their own runs do.
    /// <paramref name="up"/> and <paramref name="down"/> are the rows above and below, indexed by x.
    /// u⁺ = a (2(u − u⁻) + C h²∇²u) + u⁻, the leapfrog update with b = 2 − 1/a, so damped cells load a but not b.
    /// </summary>
    private void StepRun(ref double u0, ref double up, ref double down, ref double p0, ref double n0, ref double l0, int row, UpdateRun run, bool storeLap)
    {
        int w = Vector<double>.Count, from = run.From, to = run.To;
        if (to - from < w)
        {
            // Widened into neighbours that may be damped: the update with a, exact everywhere, does it.
            (from, to) = from + w <= Nx - 1 ? (from, from + w) : (to - w, to);
        }
        bool kerr = _kerr is not null, damped = run.Damped || to - from != run.To - run.From;
        ref double a0 = ref MemoryMarshal.GetArrayDataReference(_a);
        ref double c0 = ref MemoryMarshal.GetArrayDataReference(_c2dt2h2);
        ref double k0 = ref kerr ? ref MemoryMarshal.GetArrayDataReference(_kerr!) : ref a0;
        var two = new Vector<double>(2);
        var four = new Vector<double>(4);
        var invH2 = new Vector<double>(_invH2);
        for (int x = from; x < to; x += w)
        {
            int xs = Math.Min(x, to - w);
            nuint i = (nuint)(row + xs), j = (nuint)xs;
            var u = Vector.LoadUnsafe(ref u0, i);
            var p = Vector.LoadUnsafe(ref p0, i);
            // h² ∇²u; the 1/h² sits in the coefficient c²Δt²/h².
            var l = Vector.LoadUnsafe(ref u0, i - 1) + Vector.LoadUnsafe(ref u0, i + 1) + Vector.LoadUnsafe(ref up, j)
                + Vector.LoadUnsafe(ref down, j) - (four * u);
            var c = Vector.LoadUnsafe(ref c0, i);
            if (kerr)
            {
                c *= Vector<double>.One + (Vector.LoadUnsafe(ref k0, i) * u * u);
            }
            var t = Vector.FusedMultiplyAdd(c, l, two * (u - p));
            var un = damped ? Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a0, i), t, p) : t + p;
            un.StoreUnsafe(ref n0, i);
            if (storeLap)
            {
                (l * invH2).StoreUnsafe(ref l0, i);
            }
        }
    }

    /// <summary>The update of cell x of row <paramref name="row"/> (scalar path for the grid edges and narrow grids).</summary>
    private void StepCell(ref double u0, ref double up, ref double down, ref double p0, ref double n0, ref double l0, int row, int x, bool storeLap)
    {
        int i = row + x;
        double u = Unsafe.Add(ref u0, i);
        double l = Unsafe.Add(ref up, x) + Unsafe.Add(ref down, x) - (4 * u);
        if (x > 0)
        {
            l += Unsafe.Add(ref u0, i - 1);
        }
        if (x < Nx - 1)
        {
            l += Unsafe.Add(ref u0, i + 1);
        }
        double c = _kerr is null ? _c2dt2h2[i] : _c2dt2h2[i] * (1 + (_kerr[i] * u * u));
        double p = Unsafe.Add(ref p0, i);
        Unsafe.Add(ref n0, i) = Math.FusedMultiplyAdd(_a[i], Math.FusedMultiplyAdd(c, l, 2 * (u - p)), p);
        if (storeLap)
        {
            Unsafe.Add(ref l0, i) = l * _invH2;
        }
    }

    /// <summary>
    /// ∇²<paramref name="u"/> on the rectangle of <paramref name="width"/> × <paramref name="height"/> cells from (x0, y0),
    /// row-major into <paramref name="result"/>: the part of the field's Laplacian the adjoint's gradient needs.
    /// </summary>
    internal void Laplacian(ReadOnlySpan<double> u, int x0, int y0, int width, int height, Span<double> result)
    {
        RequireCells(u.Length, nameof(u));
        if (x0 < 0 || y0 < 0 || width < 1 || height < 1 || x0 + width > Nx || y0 + height > Ny)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"Rectangle ({x0}, {y0}, {width}×{height}) is not inside the {Nx}×{Ny} grid.");
        }
        if (result.Length != width * height)
        {
            throw new ArgumentException($"Result needs {width * height} values for a {width}×{height} rectangle, got {result.Length}.", nameof(result));
        }
        int nx = Nx, w = Vector<double>.Count;
        ref double u0 = ref MemoryMarshal.GetReference(u);
        ref double r0 = ref MemoryMarshal.GetReference(result);
        var four = new Vector<double>(4);
        var invH2 = new Vector<double>(_invH2);
        for (int y = y0; y < y0 + height; y++)
        {
            int row = y * nx, outRow = (y - y0) * width;
            // Cells off the grid's edge rows and columns take the vector path; the first and last column of the rectangle
            // are always done by the scalar path so the vector run never touches a grid edge.
            int from = Math.Max(x0, 1), to = Math.Min(x0 + width, nx - 1);
            bool vector = Vector.IsHardwareAccelerated && y > 0 && y < Ny - 1 && to - from >= w;
            if (vector)
            {
                for (int x = from; x < to; x += w)
                {
                    int xs = Math.Min(x, to - w);
                    nuint i = (nuint)(row + xs);
                    var l = (Vector.LoadUnsafe(ref u0, i - 1) + Vector.LoadUnsafe(ref u0, i + 1) + Vector.LoadUnsafe(ref u0, i - (nuint)nx)
                        + Vector.LoadUnsafe(ref u0, i + (nuint)nx) - (four * Vector.LoadUnsafe(ref u0, i))) * invH2;
                    l.StoreUnsafe(ref r0, (nuint)(outRow + xs - x0));
                }
            }
            for (int x = x0; x < x0 + width; x++)
            {
                if (!vector || x < from || x >= to)
                {
                    Unsafe.Add(ref r0, outRow + x - x0) = LaplacianAt(u, x, y);
                }
            }
        }
    }

    /// <summary>
    /// <paramref name="sum"/> += <paramref name="field"/> ⊙ <paramref name="values"/> on the rectangle of <paramref name="width"/> ×
    /// <paramref name="height"/> cells from (x0, y0) (<paramref name="values"/> and <paramref name="sum"/> row-major over it): the
    /// adjoint's gradient accumulation, one fused multiply-add per cell, vectorised.
    /// </summary>
    internal void AddProduct(ReadOnlySpan<double> field, int x0, int y0, int width, int height, ReadOnlySpan<double> values, Span<double> sum)
    {
        RequireCells(field.Length, nameof(field));
        if (x0 < 0 || y0 < 0 || width < 1 || height < 1 || x0 + width > Nx || y0 + height > Ny)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"Rectangle ({x0}, {y0}, {width}×{height}) is not inside the {Nx}×{Ny} grid.");
        }
        if (values.Length != width * height || sum.Length != width * height)
        {
            throw new ArgumentException($"Values and sum need {width * height} entries for a {width}×{height} rectangle, got {values.Length} and {sum.Length}.", nameof(values));
        }
        int w = Vector<double>.Count;
        ref double f0 = ref MemoryMarshal.GetReference(field);
        ref double v0 = ref MemoryMarshal.GetReference(values);
        ref double s0 = ref MemoryMarshal.GetReference(sum);
        for (int y = 0; y < height; y++)
        {
            nuint f = (nuint)(((y0 + y) * Nx) + x0), r = (nuint)(y * width);
            int x = 0;
            for (; x <= width - w; x += w)
            {
                nuint k = (nuint)x;
                Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref f0, f + k), Vector.LoadUnsafe(ref v0, r + k), Vector.LoadUnsafe(ref s0, r + k)).StoreUnsafe(ref s0, r + k);
            }
            for (; x < width; x++)
            {
                nuint k = (nuint)x;
                Unsafe.Add(ref s0, r + k) = Math.FusedMultiplyAdd(Unsafe.Add(ref f0, f + k), Unsafe.Add(ref v0, r + k), Unsafe.Add(ref s0, r + k));
            }
        }
    }

    private void RequireState(int length, string name)
    {
        if (length != StateLength)
        {
            throw new ArgumentException($"Field needs {StateLength} values for the {Nx}×{Ny} grid{(Pml is null ? "" : " (cells, then the PML's auxiliary fields)")}, got {length}.", name);
        }
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
