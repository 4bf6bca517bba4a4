using System.Numerics;
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
/// time; the forward field is recomputed segment by segment from checkpoints every K steps, so memory is
/// O((T/K + K) · cells) instead of O(T · cells). The solver computes in double for any T.
/// </summary>
public sealed class WaveRnn<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly WaveRnnOptions _o;
    private readonly double[] _damping;
    private readonly int[] _designCells;
    private readonly int[] _probeCells;
    private readonly int _sourceCell;
    private Tensor<T>? _input;
    private Trace[]? _traces;

    /// <summary>Largest checkpoint memory a training-mode Forward keeps for Backward (bytes); above it Backward re-runs the forward pass.</summary>
    private const long MaxCachedCheckpointBytes = 512L << 20;

    /// <summary>What the adjoint needs from one sample's forward pass: (u⁻, u) every K steps and the probe traces.</summary>
    private sealed record Trace(double[][] Previous, double[][] Current, double[] Probes);

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
        if (w > 0)
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
        var rho = new Tensor<T>(dw * dh);
        rho.Fill(T.CreateChecked(initialDensity));
        Density = new Parameter<T>("density", rho, 0, 1);
        Parameters = [Density];
    }

    /// <summary>Options.</summary>
    public WaveRnnOptions Options => _o;

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
        Array.Fill(c, _o.BackgroundSpeed);
        var rho = Density.Value.Span;
        for (int k = 0; k < _designCells.Length; k++)
        {
            c[_designCells[k]] = _o.BackgroundSpeed + ((_o.MaterialSpeed - _o.BackgroundSpeed) * Project(double.CreateChecked(rho[k]), out _));
        }
        return c;
    }

    private double Project(double rho, out double derivative)
    {
        double b = _o.ProjectionBeta, e = _o.ProjectionEta;
        double den = Math.Tanh(b * e) + Math.Tanh(b * (1 - e));
        double t = Math.Tanh(b * (rho - e));
        derivative = b * (1 - (t * t)) / den;
        return (Math.Tanh(b * e) + t) / den;
    }

    private ScalarWaveSolver Solver()
    {
        if (_o.KerrCoefficient == 0)
        {
            return new(_o.Nx, _o.Ny, _o.H, _o.Dt, Speed(), _damping);
        }
        var kerr = new double[_o.Nx * _o.Ny];
        var rho = Density.Value.Span;
        for (int k = 0; k < _designCells.Length; k++)
        {
            kerr[_designCells[k]] = _o.KerrCoefficient * Project(double.CreateChecked(rho[k]), out _);
        }
        return new(_o.Nx, _o.Ny, _o.H, _o.Dt, Speed(), _damping, kerr);
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
        bool keep = ctx.IsTraining && (long)batch * segments * 2 * solver.Cells * sizeof(double) <= MaxCachedCheckpointBytes;
        var traces = keep ? new Trace[batch] : null;
        Parallel.For(0, batch, b =>
        {
            var trace = Record(solver, Source(x, b), k);
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

    /// <summary>The forward pass of one sample, keeping (u⁻, u) at every K-th step and the probe traces.</summary>
    private Trace Record(ScalarWaveSolver solver, double[] src, int k)
    {
        int steps = src.Length, cells = solver.Cells;
        int segments = (steps + k - 1) / k;
        var cpPrev = new double[segments][];
        var cpCur = new double[segments][];
        var probes = new double[steps * _probeCells.Length];
        var prev = new double[cells];
        var cur = new double[cells];
        var next = new double[cells];
        for (int sgm = 0; sgm < segments; sgm++)
        {
            cpPrev[sgm] = (double[])prev.Clone();
            cpCur[sgm] = (double[])cur.Clone();
            Run(solver, src, sgm * k, Math.Min(steps, (sgm + 1) * k), prev, cur, next, null, false, probes);
        }
        return new Trace(cpPrev, cpCur, probes);
    }

    /// <summary>
    /// Steps from (u⁻, u) = (<paramref name="prev"/>, <paramref name="cur"/>) at step <paramref name="from"/> to step
    /// <paramref name="to"/>, in place; <paramref name="next"/> is scratch. Step n consumes source[n] and produces u at n+1.
    /// When <paramref name="fields"/> is given, fields[k] receives, for step from+k, u itself (<paramref name="storeLaplacian"/>
    /// false) or ∇²u (true, what the linear adjoint needs). Probe values of u at n+1 go to
    /// <paramref name="probes"/>[n·np + p] when given. The three field buffers rotate; nothing is copied per step.
    /// </summary>
    private void Run(ScalarWaveSolver s, double[] source, int from, int to, double[] prev, double[] cur, double[] next, double[][]? fields, bool storeLaplacian, double[]? probes)
    {
        int np = _probeCells.Length;
        double[] p0 = prev, c0 = cur, n0 = next;
        for (int n = from; n < to; n++)
        {
            Span<double> lap = default;
            if (fields is not null)
            {
                if (storeLaplacian)
                {
                    lap = fields[n - from];
                }
                else
                {
                    c0.CopyTo(fields[n - from], 0);
                }
            }
            s.Step(p0, c0, n0, lap, _sourceCell, source[n]);
            if (probes is not null)
            {
                for (int p = 0; p < np; p++)
                {
                    probes[(n * np) + p] = n0[_probeCells[p]];
                }
            }
            (p0, c0, n0) = (c0, n0, p0);
        }
        if (!ReferenceEquals(p0, prev) || !ReferenceEquals(c0, cur))
        {
            double[] up = (double[])p0.Clone(), uc = (double[])c0.Clone();
            up.CopyTo(prev, 0);
            uc.CopyTo(cur, 0);
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
        Parallel.For(0, batch, b =>
        {
            var src = Source(x, b);
            var g = new double[np];
            for (int p = 0; p < np; p++)
            {
                g[p] = double.CreateChecked(gradOutput[b, p]);
            }
            // The forward pass's checkpoints and probe traces, kept by a training-mode Forward or recorded again here.
            var trace = traces?[b] ?? Record(solver, src, k);
            int segments = trace.Current.Length;
            var cpPrev = trace.Previous;
            var cpCur = trace.Current;
            var probes = trace.Probes;
            var scratchNext = new double[cells];
            // Adjoint: λⁿ = jⁿ + 2μⁿ⁺¹ + ∇²(c²Δt² μⁿ⁺¹) − b μⁿ⁺², μⁿ = a λⁿ, for u at steps n = steps..1.
            var mu1 = new double[cells]; // μ at n+1
            var mu2 = new double[cells]; // μ at n+2
            var tmp = new double[cells];
            var lap = new double[cells];
            var scratch = new double[cells];
            var gradC2 = new double[cells];
            var gradKerr = new double[cells];
            var kerr = solver.Kerr;
            bool nonlinear = kerr.Length != 0;
            var fields = new double[k][];
            for (int i = 0; i < k; i++)
            {
                fields[i] = new double[cells];
            }
            var a = solver.A;
            var bb = solver.B;
            var c2dt2 = solver.C2Dt2;
            double dt2 = _o.Dt * _o.Dt;
            var p0 = new double[cells];
            var c0 = new double[cells];
            var mu0 = new double[cells]; // μ at n, linear path
            var w0 = new double[cells]; // c²Δt² μ at n
            var w1 = new double[cells]; // c²Δt² μ at n+1
            for (int sgm = segments - 1; sgm >= 0; sgm--)
            {
                int from = sgm * k, to = Math.Min(steps, (sgm + 1) * k);
                cpPrev[sgm].CopyTo(p0, 0);
                cpCur[sgm].CopyTo(c0, 0);
                Run(solver, src, from, to, p0, c0, scratchNext, fields, !nonlinear, null);
                if (!nonlinear)
                {
                    for (int n = to; n > from; n--)
                    {
                        // fields[n−1−from] = ∇²u(n−1), the Laplacian of the field step n−1 started from.
                        var lapU = fields[n - 1 - from];
                        solver.AdjointStep(w1, mu1, mu2, lapU, mu0, w0, gradC2);
                        for (int p = 0; p < np; p++)
                        {
                            // Probe loss term jⁿ enters λⁿ before the factor a.
                            int cell = _probeCells[p];
                            double dm = a[cell] * 2 * probes[((n - 1) * np) + p] * g[p] * _o.Dt;
                            mu0[cell] += dm;
                            w0[cell] += c2dt2[cell] * dm;
                            gradC2[cell] += dm * lapU[cell];
                        }
                        (mu2, mu1, mu0) = (mu1, mu0, mu2);
                        (w1, w0) = (w0, w1);
                        gx[b, n - 1] = T.CreateChecked(mu1[_sourceCell] * dt2);
                    }
                    continue;
                }
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
                    if (un is not null)
                    {
                        // ∂/∂u(n) of C(u) ⊙ ∇²u through C: 2 c²Δt² κ u ∇²u ⊙ μ.
                        solver.Laplacian(un, scratch);
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
                    // Shift: μ⁽ⁿ⁺²⁾ ← μ⁽ⁿ⁺¹⁾, μ⁽ⁿ⁺¹⁾ ← μⁿ = a λⁿ.
                    (mu2, mu1) = (mu1, mu2);
                    for (int i = 0; i < cells; i++)
                    {
                        mu1[i] = a[i] * lap[i];
                    }
                    var uPrev = fields[n - 1 - from];
                    solver.Laplacian(uPrev, tmp);
                    for (int i = 0; i < cells; i++)
                    {
                        double u2 = uPrev[i] * uPrev[i];
                        gradC2[i] += mu1[i] * dt2 * (1 + (kerr[i] * u2)) * tmp[i];
                        gradKerr[i] += mu1[i] * c2dt2[i] * u2 * tmp[i];
                    }
                    gx[b, n - 1] = T.CreateChecked(mu1[_sourceCell] * dt2);
                }
            }
            if (!nonlinear)
            {
                // The linear path accumulated μ ⊙ ∇²u; the gradient with respect to c² carries Δt².
                for (int i = 0; i < cells; i++)
                {
                    gradC2[i] *= dt2;
                }
            }
            gc2[b] = gradC2;
            gk[b] = gradKerr;
        });
        var rho = Density.Value.Span;
        var grad = Density.Grad.Span;
        double dc = _o.MaterialSpeed - _o.BackgroundSpeed;
        for (int d = 0; d < _designCells.Length; d++)
        {
            int cell = _designCells[d];
            double proj = Project(double.CreateChecked(rho[d]), out double dproj);
            double c = _o.BackgroundSpeed + (dc * proj);
            double sum = 0, sumK = 0;
            for (int b = 0; b < batch; b++)
            {
                sum += gc2[b][cell];
                sumK += gk[b][cell];
            }
            grad[d] += T.CreateChecked(((sum * 2 * c * dc) + (sumK * _o.KerrCoefficient)) * dproj);
        }
        return gx;
    }
}
