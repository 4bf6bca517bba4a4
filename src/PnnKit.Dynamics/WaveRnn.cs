using System.Numerics;
using System.Runtime.CompilerServices;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Dynamics;

/// <summary>
/// A wave RNN layer (Hughes et al., Sci. Adv. 5, eaay6946 (2019)): input [batch, steps] is the waveform
/// injected at the source; the field propagates by <see cref="ScalarWaveSolver"/> through a design region
/// whose speed is c = c0 + (c1 − c0) ρ̃(ρ), ρ ∈ [0, 1] the trainable density and ρ̃ its tanh projection
/// ρ̃ = (tanh βη + tanh β(ρ − η)) / (tanh βη + tanh β(1 − η)). Output [batch, probes] is the time-integrated
/// intensity Σ_n u(probe, n)² Δt. Backward is the discrete adjoint of the time stepping, run backwards in
/// time. What it needs of the forward field is ∇²u on the design region at every step: a training-mode Forward
/// keeps exactly that (O(T · design cells)) when it fits in <see cref="MaxCachedTraceBytes"/> (linear layer);
/// otherwise the forward field is recomputed segment by segment from checkpoints every K steps, so memory is
/// O((T/K + K) · cells) instead of O(T · cells). The solver computes in double for any T.
/// </summary>
public sealed class WaveRnn<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly WaveRnnOptions _o;
    private readonly double[] _damping;
    private readonly int[] _designCells;
    private readonly int[] _probeCells;
    private readonly int _sourceCell;
    private readonly ScalarWaveSolver _solver;
    private readonly double[] _speed;
    private double[]? _kerrBuffer;
    private T[]? _solverDensity;
    private Tensor<T>? _input;
    private Trace[]? _traces;
    private Work[] _work = [];

    /// <summary>What a forward pass of one sample keeps for the adjoint.</summary>
    private enum Keep
    {
        /// <summary>Only the probe traces (evaluation).</summary>
        Probes,

        /// <summary>(u⁻, u) every K steps: Backward recomputes the fields segment by segment.</summary>
        Checkpoints,

        /// <summary>∇²u on the design region at every step, all the linear adjoint needs from the forward pass.</summary>
        Laplacians,
    }

    /// <summary>
    /// What the adjoint needs from one sample's forward pass: the probe traces, and either (u⁻, u) every K steps or
    /// ∇²u on the design region for every step (row-major region blocks, step after step).
    /// </summary>
    private sealed record Trace(double[][] Previous, double[][] Current, double[] Probes, double[]? Laplacians);

    /// <summary>A layer with the given options; density starts at <paramref name="initialDensity"/>.</summary>
    public WaveRnn(WaveRnnOptions options, double initialDensity = 0.5)
    {
        ArgumentNullException.ThrowIfNull(options);
        _o = options;
        int nx = options.Nx, ny = options.Ny;
        if (nx < 3 || ny < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Grid must be at least 3×3, got {nx}×{ny}.");
        }
        bool Inside(GridPoint p) => p.X >= 0 && p.X < nx && p.Y >= 0 && p.Y < ny;
        if (!Inside(options.Source))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Source at ({options.Source.X}, {options.Source.Y}) is outside the {nx}×{ny} grid.");
        }
        if (options.Probes.Count == 0)
        {
            throw new ArgumentException("A wave RNN needs at least one probe.", nameof(options));
        }
        foreach (var p in options.Probes)
        {
            if (!Inside(p))
            {
                throw new ArgumentOutOfRangeException(nameof(options), $"Probe at ({p.X}, {p.Y}) is outside the {nx}×{ny} grid (x in [0, {nx - 1}], y in [0, {ny - 1}]).");
            }
        }
        var (dx, dy, dw, dh) = options.DesignRegion;
        if (dx < 0 || dy < 0 || dw < 1 || dh < 1 || dx + dw > nx || dy + dh > ny)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Design region ({dx}, {dy}, {dw}×{dh}) is not inside the {nx}×{ny} grid.");
        }
        if (!(options.BackgroundSpeed > 0) || !(options.MaterialSpeed > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Wave speeds must be > 0, got c0 = {options.BackgroundSpeed}, c1 = {options.MaterialSpeed}.");
        }
        if (options.AbsorberStrength < 0 || options.AbsorberCells < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Absorber strength and width must be ≥ 0 (negative damping adds energy), got σ_max = {options.AbsorberStrength}, {options.AbsorberCells} cells.");
        }
        double cmax = Math.Max(options.BackgroundSpeed, options.MaterialSpeed);
        double dtMax = ScalarWaveSolver.MaxStableTimeStep(options.H, cmax);
        if (options.Dt > dtMax)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Time step dt = {options.Dt} breaks the CFL stability condition dt ≤ h/(c_max·√2) = {dtMax}.");
        }
        _sourceCell = (options.Source.Y * nx) + options.Source.X;
        _probeCells = [.. options.Probes.Select(p => (p.Y * nx) + p.X)];
        _designCells = new int[dw * dh];
        for (int y = 0; y < dh; y++)
        {
            for (int x = 0; x < dw; x++)
            {
                _designCells[(y * dw) + x] = ((dy + y) * nx) + dx + x;
            }
        }
        _damping = new double[nx * ny];
        int w = options.AbsorberCells;
        var pml = options.Boundary == WaveBoundary.Pml ? new PerfectlyMatchedLayer(nx, ny, options.H, options.Dt, w, options.BackgroundSpeed, options.PmlReflection) : null;
        if (pml is not null)
        {
            _damping = pml.Damping();
        }
        else if (w > 0)
        {
            for (int y = 0; y < ny; y++)
            {
                for (int x = 0; x < nx; x++)
                {
                    int d = Math.Max(Math.Max(w - x, x - (nx - 1 - w)), Math.Max(w - y, y - (ny - 1 - w)));
                    _damping[(y * nx) + x] = d > 0 ? options.AbsorberStrength * Math.Pow((double)d / w, options.AbsorberExponent) : 0;
                }
            }
        }
        _speed = new double[nx * ny];
        _speed.AsSpan().Fill(options.BackgroundSpeed);
        _solver = new ScalarWaveSolver(nx, ny, options.H, options.Dt, _speed, _damping, pml: pml);
        var rho = new Tensor<T>(dw * dh);
        rho.Fill(T.CreateChecked(initialDensity));
        Density = new Parameter<T>("density", rho, 0, 1);
        Parameters = [Density];
    }

    /// <summary>Options.</summary>
    public WaveRnnOptions Options => _o;

    /// <summary>
    /// Largest memory a training-mode Forward keeps for Backward (bytes): the design-region Laplacians of every step (linear
    /// layer) when they fit, else checkpoints when they fit; with neither, Backward re-runs the forward pass.
    /// </summary>
    internal long MaxCachedTraceBytes { get; init; } = 512L << 20;

    /// <summary>Source and probe converter costs charged by <see cref="Forward"/> when the context has a ledger.</summary>
    public WaveTransducers CostModel { get; init; } = new();

    /// <summary>The trainable density in the design region, row-major, in [0, 1].</summary>
    public Parameter<T> Density { get; }

    /// <inheritdoc/>
    public string Name => "wave RNN";

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Mechanical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Mechanical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Damping σ per cell (absorbing layer).</summary>
    public ReadOnlySpan<double> Damping => _damping;

    /// <summary>The wave speed per cell for the present density.</summary>
    public double[] Speed()
    {
        var c = new double[_o.Nx * _o.Ny];
        SpeedInto(c, Projection().Value);
        return c;
    }

    /// <summary>Writes the wave speed per cell for the projected density <paramref name="projection"/> to <paramref name="c"/>.</summary>
    private void SpeedInto(Span<double> c, ReadOnlySpan<double> projection)
    {
        c.Fill(_o.BackgroundSpeed);
        for (int k = 0; k < _designCells.Length; k++)
        {
            c[_designCells[k]] = _o.BackgroundSpeed + ((_o.MaterialSpeed - _o.BackgroundSpeed) * projection[k]);
        }
    }

    /// <summary>The projected density ρ̃ and its derivative dρ̃/dρ for every design cell, one tanh per cell.</summary>
    private (double[] Value, double[] Derivative) Projection()
    {
        double b = _o.ProjectionBeta, e = _o.ProjectionEta;
        double t0 = Math.Tanh(b * e), den = t0 + Math.Tanh(b * (1 - e));
        var rho = Density.Value.Span;
        var t = new double[rho.Length];
        var derivative = new double[rho.Length];
        for (int k = 0; k < t.Length; k++)
        {
            double tk = Math.Tanh(b * (double.CreateChecked(rho[k]) - e));
            derivative[k] = b * (1 - (tk * tk)) / den;
            t[k] = (t0 + tk) / den;
        }
        return (t, derivative);
    }

    /// <summary>
    /// The solver set to the present density. One solver and its speed buffers serve every pass: the damping's coefficients
    /// are computed once, and no field-sized array is allocated per pass.
    /// </summary>
    private ScalarWaveSolver Solver()
    {
        // The density the solver was last set to: a Backward after its Forward, or passes without a training step in
        // between, find the solver ready.
        var rho = Density.Value.Span;
        if (_solverDensity is not null && rho.SequenceEqual(_solverDensity))
        {
            return _solver;
        }
        _solverDensity = null;
        var proj = Projection().Value;
        SpeedInto(_speed, proj);
        if (_o.KerrCoefficient == 0)
        {
            _solver.SetSpeed(_speed);
            _solverDensity = rho.ToArray();
            return _solver;
        }
        var kerr = _kerrBuffer ??= new double[_o.Nx * _o.Ny];
        for (int k = 0; k < _designCells.Length; k++)
        {
            kerr[_designCells[k]] = _o.KerrCoefficient * proj[k];
        }
        _solver.SetSpeed(_speed, kerr);
        _solverDensity = rho.ToArray();
        return _solver;
    }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        if (x.Rank != 2 || x.Dim(1) < 1)
        {
            throw new ArgumentException($"Wave RNN input must be [batch, steps], got {x}.", nameof(x));
        }
        var solver = Solver();
        int batch = x.Rows, steps = x.Dim(1), np = _probeCells.Length;
        var y = new Tensor<T>(batch, np);
        int k = CheckpointInterval(steps);
        int segments = (steps + k - 1) / k;
        var keep = !ctx.IsTraining ? Keep.Probes
            : _o.KerrCoefficient == 0 && solver.Pml is null && (long)batch * steps * _designCells.Length * sizeof(double) <= MaxCachedTraceBytes ? Keep.Laplacians
            : (long)batch * segments * 2 * solver.StateLength * sizeof(double) <= MaxCachedTraceBytes ? Keep.Checkpoints
            : Keep.Probes;
        var traces = keep != Keep.Probes ? new Trace[batch] : null;
        _traces = null;
        var work = Workspace(batch, keep == Keep.Laplacians ? steps * _designCells.Length : 0);
        Parallel.For(0, batch, b =>
        {
            var trace = Record(solver, Source(x, b), k, keep, work[b]);
            if (traces is not null)
            {
                traces[b] = trace;
            }
            for (int p = 0; p < np; p++)
            {
                double s = 0;
                for (int n = 0; n < steps; n++)
                {
                    double u = trace.Probes[(n * np) + p];
                    s += u * u;
                }
                y[b, p] = T.CreateChecked(s * _o.Dt);
            }
        });
        if (y.IndexOfNonFinite() >= 0)
        {
            throw new InvalidOperationException($"The wave field became non-finite: with Kerr coefficient {_o.KerrCoefficient} the local speed left the stable range (c²(1 + κu²) must stay in (0, c_max²]); lower the input amplitude or |K|.");
        }
        if (ctx.Ledger is not null)
        {
            CostModel.Charge(ctx.Ledger, batch, steps, np);
        }
        _input = ctx.IsTraining ? x : null;
        _traces = traces;
        return y;
    }

    private int CheckpointInterval(int steps) => _o.CheckpointInterval > 0 ? _o.CheckpointInterval : Math.Max(1, (int)Math.Ceiling(Math.Sqrt(steps)));

    private static double[] Source(Tensor<T> x, int b)
    {
        var src = new double[x.Dim(1)];
        for (int n = 0; n < src.Length; n++)
        {
            src[n] = double.CreateChecked(x[b, n]);
        }
        return src;
    }

    /// <summary>
    /// Buffers reused from pass to pass, per sample: six fields (a forward pass uses the first three for u⁻, u, u⁺, the
    /// linear adjoint the last three for w and the first three to recompute u) and, when <paramref name="lapLength"/> &gt; 0,
    /// a store of that many Laplacian values. The Laplacians of the last training-mode Forward live there until the next pass.
    /// </summary>
    private Work[] Workspace(int batch, int lapLength)
    {
        int cells = _solver.StateLength;
        if (_work.Length < batch)
        {
            var grown = new Work[batch];
            _work.CopyTo(grown, 0);
            for (int b = _work.Length; b < batch; b++)
            {
                grown[b] = new Work([.. Enumerable.Range(0, 6).Select(_ => new double[cells])]);
            }
            _work = grown;
        }
        for (int b = 0; b < batch; b++)
        {
            if (lapLength > 0 && (_work[b].Laplacians?.Length ?? 0) != lapLength)
            {
                // Every element is written by the forward pass, so the store skips zeroing.
                _work[b].Laplacians = GC.AllocateUninitializedArray<double>(lapLength);
            }
        }
        return _work;
    }

    /// <summary>One sample's reusable buffers (see <see cref="Workspace"/>).</summary>
    private sealed class Work(double[][] fields)
    {
        public double[][] Fields { get; } = fields;

        public double[]? Laplacians { get; set; }
    }

    /// <summary>
    /// The forward pass of one sample, keeping the probe traces and what <paramref name="keep"/> says (checkpoints every K
    /// steps, or the design-region Laplacians into <paramref name="work"/>'s store).
    /// </summary>
    private Trace Record(ScalarWaveSolver solver, double[] src, int k, Keep keep, Work work)
    {
        int steps = src.Length;
        int segments = keep == Keep.Checkpoints ? (steps + k - 1) / k : 0;
        var cpPrev = new double[segments][];
        var cpCur = new double[segments][];
        var probes = new double[steps * _probeCells.Length];
        var laps = keep == Keep.Laplacians ? work.Laplacians : null;
        double[] prev = work.Fields[0], cur = work.Fields[1], next = work.Fields[2];
        Array.Clear(prev);
        Array.Clear(cur);
        if (keep != Keep.Checkpoints)
        {
            Run(solver, src, 0, steps, prev, cur, next, null, laps, 0, probes);
            return new Trace(cpPrev, cpCur, probes, laps);
        }
        for (int sgm = 0; sgm < segments; sgm++)
        {
            cpPrev[sgm] = (double[])prev.Clone();
            cpCur[sgm] = (double[])cur.Clone();
            Run(solver, src, sgm * k, Math.Min(steps, (sgm + 1) * k), prev, cur, next, null, null, 0, probes);
        }
        return new Trace(cpPrev, cpCur, probes, null);
    }

    /// <summary>
    /// Steps from (u⁻, u) = (<paramref name="prev"/>, <paramref name="cur"/>) at step <paramref name="from"/> to step
    /// <paramref name="to"/>, in place; <paramref name="next"/> is scratch. Step n consumes source[n] and produces u at n+1.
    /// When <paramref name="fields"/> is given, fields[n − from] receives u at step n (what the nonlinear adjoint needs); when
    /// <paramref name="laps"/> is given, its block n − <paramref name="lapBase"/> receives ∇²u at step n on the design region
    /// (what the linear adjoint needs). Probe values of u at n+1 go to <paramref name="probes"/>[n·np + p] when given.
    /// The three field buffers rotate; nothing is copied per step.
    /// </summary>
    private void Run(ScalarWaveSolver s, double[] source, int from, int to, double[] prev, double[] cur, double[] next, double[][]? fields, double[]? laps, int lapBase, double[]? probes)
    {
        int np = _probeCells.Length, rc = _designCells.Length;
        var (dx, dy, dw, dh) = _o.DesignRegion;
        double[] p0 = prev, c0 = cur, n0 = next;
        for (int n = from; n < to; n++)
        {
            if (fields is not null)
            {
                c0.CopyTo(fields[n - from], 0);
            }
            s.Step(p0, c0, n0, default, _sourceCell, source[n]);
            if (laps is not null)
            {
                s.Laplacian(c0.AsSpan(0, s.Cells), dx, dy, dw, dh, laps.AsSpan((n - lapBase) * rc, rc));
            }
            if (probes is not null)
            {
                for (int p = 0; p < np; p++)
                {
                    probes[(n * np) + p] = n0[_probeCells[p]];
                }
            }
            (p0, c0, n0) = (c0, n0, p0);
        }
        // (p0, c0, n0) is (prev, cur, next) rotated: copy back in an order that reads each buffer before overwriting it.
        if (ReferenceEquals(p0, cur))
        {
            cur.CopyTo(prev, 0);
            next.CopyTo(cur, 0);
        }
        else if (ReferenceEquals(p0, next))
        {
            prev.CopyTo(cur, 0);
            next.CopyTo(prev, 0);
        }
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _input ?? throw new InvalidOperationException("Backward needs a training-mode Forward first.");
        int batch = x.Rows, steps = x.Dim(1), np = _probeCells.Length;
        var solver = Solver();
        int cells = solver.Cells;
        int k = CheckpointInterval(steps);
        var traces = _traces;
        var gx = new Tensor<T>(batch, steps);
        var gc2 = new double[batch][];
        var gk = new double[batch][];
        var work = Workspace(batch, 0);
        Parallel.For(0, batch, b =>
        {
            var src = Source(x, b);
            var g = new double[np];
            for (int p = 0; p < np; p++)
            {
                g[p] = double.CreateChecked(gradOutput[b, p]);
            }
            // The forward pass's probe traces and checkpoints or Laplacians, kept by a training-mode Forward or recorded again here.
            var trace = traces?[b] ?? Record(solver, src, k, Keep.Checkpoints, work[b]);
            if (solver.Kerr.Length == 0 && solver.Pml is null)
            {
                gc2[b] = LinearAdjoint(solver, src, trace, g, k, work[b], gx, b);
                gk[b] = new double[_designCells.Length];
                return;
            }
            int segments = trace.Current.Length;
            var cpPrev = trace.Previous;
            var cpCur = trace.Current;
            var probes = trace.Probes;
            int state = solver.StateLength;
            var scratchNext = new double[state];
            var pml = solver.Pml;
            var phi = new double[state - cells]; // ∂J/∂ψ at n+½ (PML auxiliary fields)
            // Adjoint: λⁿ = jⁿ + 2μⁿ⁺¹ + ∇²(C μⁿ⁺¹) − b μⁿ⁺² (C = c²Δt²(1 + κu²) and its u-derivative term), μⁿ = a λⁿ, for u at steps n = steps..1.
            var mu1 = new double[cells]; // μ at n+1
            var mu2 = new double[cells]; // μ at n+2
            var tmp = new double[cells];
            var lap = new double[cells];
            var scratch = new double[cells];
            var gradC2 = new double[cells];
            var gradKerr = new double[cells];
            var kerr = solver.Kerr.Length != 0 ? solver.Kerr : new double[cells];
            var fields = new double[k][];
            for (int i = 0; i < k; i++)
            {
                fields[i] = new double[state];
            }
            var a = solver.A;
            var bb = solver.B;
            var c2dt2 = solver.C2Dt2;
            double dt2 = _o.Dt * _o.Dt;
            var p0 = new double[state];
            var c0 = new double[state];
            for (int sgm = segments - 1; sgm >= 0; sgm--)
            {
                int from = sgm * k, to = Math.Min(steps, (sgm + 1) * k);
                cpPrev[sgm].CopyTo(p0, 0);
                cpCur[sgm].CopyTo(c0, 0);
                Run(solver, src, from, to, p0, c0, scratchNext, fields, null, 0, null);
                for (int n = to; n > from; n--)
                {
                    // λⁿ for u at step n (n ≥ 1); u(n) was produced by step n−1 from u(n−1) = fields[n−1−from].
                    // u(n) is needed for the nonlinear Jacobian: fields[n − from], or the next segment's start when n = to.
                    double[]? un = n < to ? fields[n - from] : n < steps ? cpCur[sgm + 1] : null;
                    for (int i = 0; i < cells; i++)
                    {
                        tmp[i] = c2dt2[i] * (un is null ? 1 : 1 + (kerr[i] * un[i] * un[i])) * mu1[i];
                    }
                    solver.Laplacian(tmp, lap);
                    if (un is not null && solver.Kerr.Length != 0)
                    {
                        // ∂/∂u(n) of C(u) ⊙ ∇²u through C: 2 c²Δt² κ u ∇²u ⊙ μ.
                        solver.Laplacian(un.AsSpan(0, cells), scratch);
                        for (int i = 0; i < cells; i++)
                        {
                            lap[i] += 2 * c2dt2[i] * kerr[i] * un[i] * scratch[i] * mu1[i];
                        }
                    }
                    for (int i = 0; i < cells; i++)
                    {
                        lap[i] += (2 * mu1[i]) - (bb[i] * mu2[i]);
                    }
                    for (int p = 0; p < np; p++)
                    {
                        lap[_probeCells[p]] += 2 * probes[((n - 1) * np) + p] * g[p] * _o.Dt;
                    }
                    // The PML's terms of λⁿ from μ⁽ⁿ⁺¹⁾ and ∂J/∂ψ^{n+½}, which then steps back to n−½.
                    pml?.Adjoint(mu1, phi, lap);
                    // Shift: μ⁽ⁿ⁺²⁾ ← μ⁽ⁿ⁺¹⁾, μ⁽ⁿ⁺¹⁾ ← μⁿ = a λⁿ.
                    (mu2, mu1) = (mu1, mu2);
                    for (int i = 0; i < cells; i++)
                    {
                        mu1[i] = a[i] * lap[i];
                    }
                    var uPrev = fields[n - 1 - from];
                    solver.Laplacian(uPrev.AsSpan(0, cells), tmp);
                    for (int i = 0; i < cells; i++)
                    {
                        double u2 = uPrev[i] * uPrev[i];
                        gradC2[i] += mu1[i] * dt2 * (1 + (kerr[i] * u2)) * tmp[i];
                        gradKerr[i] += mu1[i] * c2dt2[i] * u2 * tmp[i];
                    }
                    gx[b, n - 1] = T.CreateChecked(mu1[_sourceCell] * dt2);
                }
            }
            gc2[b] = [.. _designCells.Select(cell => gradC2[cell])];
            gk[b] = [.. _designCells.Select(cell => gradKerr[cell])];
        });
        var (projection, dprojection) = Projection();
        var grad = Density.Grad.Span;
        double dc = _o.MaterialSpeed - _o.BackgroundSpeed;
        for (int d = 0; d < _designCells.Length; d++)
        {
            double dproj = dprojection[d];
            double c = _o.BackgroundSpeed + (dc * projection[d]);
            double sum = 0, sumK = 0;
            for (int b = 0; b < batch; b++)
            {
                sum += gc2[b][d];
                sumK += gk[b][d];
            }
            grad[d] += T.CreateChecked(((sum * 2 * c * dc) + (sumK * _o.KerrCoefficient)) * dproj);
        }
        return gx;
    }

    /// <summary>
    /// The discrete adjoint of the linear scheme for one sample, backwards in time, in the variable w = c²Δt² μ. The adjoint of
    /// u⁺ = a(2u − b u⁻ + c²Δt² ∇²u) is μ = a(∇²(c²Δt² μ⁺) + 2μ⁺ − b μ⁺⁺ + j) (j the probe loss term); multiplied by c²Δt² it is
    /// the forward update itself, w = a(2w⁺ − b w⁺⁺ + c²Δt² ∇²w⁺) + a c²Δt² j, so it runs on the solver's fused step. Writes
    /// dL/dx to row <paramref name="b"/> of <paramref name="gx"/> and returns dL/d(c²) on the design region (row-major):
    /// Δt² Σₙ μⁿ ∇²uⁿ⁻¹ = Δt² Σₙ wⁿ ∇²uⁿ⁻¹ / (c²Δt²), with ∇²u kept by Forward or recomputed segment by segment.
    /// </summary>
    private double[] LinearAdjoint(ScalarWaveSolver solver, double[] src, Trace trace, double[] g, int k, Work work, Tensor<T> gx, int b)
    {
        int steps = src.Length, cells = solver.Cells, np = _probeCells.Length, rc = _designCells.Length;
        var (dx, dy, dw, dh) = _o.DesignRegion;
        var a = solver.A;
        var c2dt2 = solver.C2Dt2;
        double dt2 = _o.Dt * _o.Dt;
        var probes = trace.Probes;
        double[] w2 = work.Fields[3], w1 = work.Fields[4], w0 = work.Fields[5]; // w at n+2, n+1, n
        Array.Clear(w2);
        Array.Clear(w1);
        var grad = new double[rc];
        var kept = trace.Laplacians;
        var laps = kept ?? new double[Math.Min(k, steps) * rc];
        double[] p0 = work.Fields[0], c0 = work.Fields[1], scratch = work.Fields[2];
        int segments = kept is null ? trace.Current.Length : 1;
        for (int sgm = segments - 1; sgm >= 0; sgm--)
        {
            int from = kept is null ? sgm * k : 0, to = kept is null ? Math.Min(steps, (sgm + 1) * k) : steps;
            if (kept is null)
            {
                trace.Previous[sgm].CopyTo(p0, 0);
                trace.Current[sgm].CopyTo(c0, 0);
                Run(solver, src, from, to, p0, c0, scratch, null, laps, from, null);
            }
            for (int n = to; n > from; n--)
            {
                solver.Step(w2, w1, w0, default);
                for (int p = 0; p < np; p++)
                {
                    int cell = _probeCells[p];
                    w0[cell] += c2dt2[cell] * a[cell] * 2 * probes[((n - 1) * np) + p] * g[p] * _o.Dt;
                }
                // ∇²u(n−1), the Laplacian of the field step n−1 started from, on the design region.
                solver.AddProduct(w0, dx, dy, dw, dh, laps.AsSpan((n - 1 - from) * rc, rc), grad);
                (w2, w1, w0) = (w1, w0, w2);
                gx[b, n - 1] = T.CreateChecked(w1[_sourceCell] / c2dt2[_sourceCell] * dt2);
            }
        }
        for (int d = 0; d < rc; d++)
        {
            grad[d] *= dt2 / c2dt2[_designCells[d]];
        }
        return grad;
    }
}
