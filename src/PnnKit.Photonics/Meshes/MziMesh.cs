using System.Numerics;
using System.Runtime.InteropServices;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Components;
using PnnKit.Photonics.Costs;

namespace PnnKit.Photonics.Meshes;

/// <summary>
/// A mesh of Mach–Zehnder interferometers on N waveguides followed by an output phase screen, as an
/// optical-domain layer: input and output are complex fields [batch, 2, N]. Each MZI acts on two
/// neighbouring modes (m, m+1) with the transfer matrix of <see cref="MachZehnderInterferometer"/>;
/// MZIs are grouped into columns that act on disjoint mode pairs and are applied column by column.
/// Forward keeps the field entering every column; Backward sends the gradient back through the
/// conjugate-transposed cells (the adjoint field) and, at each phase shifter, forms
/// ∂L/∂phase = Re(conj(adjoint) · i · forward) summed over the batch (Wirtinger convention of ILayer).
/// Internally fields are stored mode-major, one contiguous span per mode over the batch, so every
/// 2×2 update is a loop over contiguous re/im spans.
/// </summary>
public class MziMesh<T> : ILayer<T>, IDesign<MeshVariation, MeshInstance<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly (int Column, int Mode)[] _layout;
    private readonly int[] _column;
    private readonly int[] _top;
    private readonly int[] _columnStart;
    private readonly int[][] _idle;
    private readonly MeshErrors _errors;

    // Effective (realized) phases and cell constants captured at Forward, in double.
    private readonly double[] _thetaEff;
    private readonly double[] _phiEff;
    private readonly double[] _outEff;
    private readonly double[] _t1, _k1, _t2, _k2, _alpha;

    private T[][] _states = [];
    private T[] _grad = [], _gradNext = [];
    private int _batch = -1;
    private bool _hasForward;
    private double[]? _dAngle1, _dAngle2;
    private readonly Complex[] _cell = new Complex[4];
    private double[] _dTheta = [], _dPhi = [], _dOut = [];

    /// <summary>
    /// A mesh on <paramref name="modes"/> modes with MZIs at the given (column, top mode) positions.
    /// Phases start uniform in [0, 2π) from <paramref name="rng"/>, or at zero when it is null.
    /// </summary>
    protected MziMesh(string name, int modes, IReadOnlyList<(int Column, int Mode)> layout, Rng? rng, MeshErrors? errors)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (modes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(modes), $"A mesh needs at least 2 modes; got {modes}.");
        }
        var sorted = layout.OrderBy(p => p.Column).ThenBy(p => p.Mode).ToArray();
        _layout = sorted;
        Name = name;
        Modes = modes;
        MziCount = sorted.Length;
        Columns = sorted.Length == 0 ? 0 : sorted[^1].Column + 1;
        _column = [.. sorted.Select(p => p.Column)];
        _top = [.. sorted.Select(p => p.Mode)];
        _columnStart = new int[Columns + 1];
        for (int i = 0, c = 0; c <= Columns; c++)
        {
            while (i < MziCount && _column[i] < c)
            {
                i++;
            }
            _columnStart[c] = i;
        }
        for (int i = 0; i < MziCount; i++)
        {
            if (_top[i] < 0 || _top[i] + 1 >= modes)
            {
                throw new ArgumentException($"MZI {i} sits on modes ({_top[i]}, {_top[i] + 1}) outside 0..{modes - 1}.", nameof(layout));
            }
            if (i > 0 && _column[i] == _column[i - 1] && _top[i] < _top[i - 1] + 2)
            {
                throw new ArgumentException($"MZIs {i - 1} and {i} overlap in column {_column[i]}.", nameof(layout));
            }
        }
        _idle = new int[Columns][];
        for (int c = 0; c < Columns; c++)
        {
            var busy = new bool[modes];
            for (int i = _columnStart[c]; i < _columnStart[c + 1]; i++)
            {
                busy[_top[i]] = busy[_top[i] + 1] = true;
            }
            _idle[c] = [.. Enumerable.Range(0, modes).Where(m => !busy[m])];
        }
        _errors = errors ?? MeshErrors.None;
        _errors.Validate(MziCount, modes);

        Theta = new Parameter<T>("theta", new Tensor<T>(MziCount));
        Phi = new Parameter<T>("phi", new Tensor<T>(MziCount));
        OutputPhase = new Parameter<T>("output_phase", new Tensor<T>(modes));
        if (rng is not null)
        {
            rng.FillUniform(Theta.Value.Span, 0, 2 * Math.PI);
            rng.FillUniform(Phi.Value.Span, 0, 2 * Math.PI);
            rng.FillUniform(OutputPhase.Value.Span, 0, 2 * Math.PI);
        }
        Parameters = [Theta, Phi, OutputPhase];
        _thetaEff = new double[MziCount];
        _phiEff = new double[MziCount];
        _outEff = new double[modes];
        _t1 = new double[MziCount];
        _k1 = new double[MziCount];
        _t2 = new double[MziCount];
        _k2 = new double[MziCount];
        _alpha = new double[MziCount];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Number of waveguides N.</summary>
    public int Modes { get; }

    /// <summary>Number of MZI cells.</summary>
    public int MziCount { get; }

    /// <summary>Number of columns (optical depth in cells).</summary>
    public int Columns { get; }

    /// <summary>The fabricated errors of this mesh (<see cref="MeshErrors.None"/> for a design).</summary>
    public MeshErrors Errors => _errors;

    /// <summary>Cost model charged to the context's ledger on every Forward.</summary>
    public PhotonicCostModel CostModel { get; init; } = PhotonicCostModel.Default;

    /// <summary>Internal phases θ, one per MZI.</summary>
    public Parameter<T> Theta { get; }

    /// <summary>External phases φ, one per MZI.</summary>
    public Parameter<T> Phi { get; }

    /// <summary>Output phase screen, one per mode.</summary>
    public Parameter<T> OutputPhase { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Optical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Optical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Column of MZI <paramref name="index"/>.</summary>
    public int ColumnOf(int index) => _column[index];

    /// <summary>Top mode m of MZI <paramref name="index"/> (it acts on m and m + 1).</summary>
    public int TopModeOf(int index) => _top[index];

    /// <summary>Index of the MZI at (<paramref name="column"/>, top mode <paramref name="mode"/>), or -1.</summary>
    public int IndexOf(int column, int mode)
    {
        if (column < 0 || column >= Columns)
        {
            return -1;
        }
        for (int i = _columnStart[column]; i < _columnStart[column + 1]; i++)
        {
            if (_top[i] == mode)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// One fabricated copy of this design (DESIGN.md §4): the same phase settings, with static errors
    /// drawn from <paramref name="variation"/> using <paramref name="seed"/>. The design is not changed.
    /// </summary>
    public MeshInstance<T> Fabricate(MeshVariation variation, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(variation);
        var copy = CreateCopy(variation.Sample(MziCount, Modes, seed));
        CopyPhasesTo(copy);
        return new MeshInstance<T>(copy, variation, seed);
    }

    /// <summary>A copy with this mesh's phases and the given errors (digital twins in calibration).</summary>
    internal MziMesh<T> CopyWithErrors(MeshErrors errors)
    {
        var copy = CreateCopy(errors);
        CopyPhasesTo(copy);
        return copy;
    }

    /// <summary>A mesh of the same layout and name with no phases set and the given errors.</summary>
    protected virtual MziMesh<T> CreateCopy(MeshErrors errors) => new(Name, Modes, _layout, null, errors) { CostModel = CostModel };

    /// <summary>Copies this mesh's phases into <paramref name="other"/> (same layout).</summary>
    protected void CopyPhasesTo(MziMesh<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Theta.Value.Span.CopyTo(other.Theta.Value.Span);
        Phi.Value.Span.CopyTo(other.Phi.Value.Span);
        OutputPhase.Value.Span.CopyTo(other.OutputPhase.Value.Span);
    }

    /// <summary>Sets all phases; throws naming the parameter on a length mismatch or a NaN.</summary>
    public void SetPhases(ReadOnlySpan<double> theta, ReadOnlySpan<double> phi, ReadOnlySpan<double> outputPhase)
    {
        Copy(theta, Theta, nameof(theta));
        Copy(phi, Phi, nameof(phi));
        Copy(outputPhase, OutputPhase, nameof(outputPhase));
    }

    private static void Copy(ReadOnlySpan<double> src, Parameter<T> p, string name)
    {
        if (src.Length != p.Value.Length)
        {
            throw new ArgumentException($"{name} has {src.Length} phases; the mesh needs {p.Value.Length}.", name);
        }
        for (int i = 0; i < src.Length; i++)
        {
            if (!double.IsFinite(src[i]))
            {
                throw new ArgumentException($"{name}[{i}] is {src[i]}; phases must be finite.", name);
            }
        }
        for (int i = 0; i < src.Length; i++)
        {
            p.Value[i] = T.CreateChecked(src[i]);
        }
    }

    /// <summary>
    /// The N×N transfer matrix U (row-major, output i from input j: U[i·N + j]) of the mesh as it is
    /// now, including its fabricated errors. Overwrites the state kept for Backward.
    /// </summary>
    public Complex[] TransferMatrix()
    {
        int n = Modes;
        var eye = new ComplexTensor<T>(n, n);
        for (int j = 0; j < n; j++)
        {
            eye.Re(j)[j] = T.One;
        }
        var y = new ComplexTensor<T>(Forward(eye.Storage, ForwardContext.Eval()));
        var u = new Complex[n * n];
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < n; i++)
            {
                u[(i * n) + j] = y.Get(j, i);
            }
        }
        _hasForward = false;
        return u;
    }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        ComplexTensor<T>.RequireField(x, Modes, Name);
        RealizePhases();
        int batch = x.Dim(0);
        Ensure(batch);
        int n = Modes;
        var s0 = _states[0];
        for (int b = 0; b < batch; b++)
        {
            var row = x.Row(b);
            for (int m = 0; m < n; m++)
            {
                s0[(m * batch) + b] = row[m];
                s0[(n * batch) + (m * batch) + b] = row[n + m];
            }
        }
        for (int c = 0; c < Columns; c++)
        {
            PropagateColumn(c, _states[c], _states[c + 1], batch);
        }
        var y = new Tensor<T>(batch, 2, n);
        var z = _states[Columns];
        for (int m = 0; m < n; m++)
        {
            T cr = T.CreateChecked(Math.Cos(_outEff[m])), ci = T.CreateChecked(Math.Sin(_outEff[m]));
            for (int b = 0; b < batch; b++)
            {
                T zr = z[(m * batch) + b], zi = z[(n * batch) + (m * batch) + b];
                int o = b * 2 * n;
                y.Data[o + m] = (cr * zr) - (ci * zi);
                y.Data[o + n + m] = (cr * zi) + (ci * zr);
            }
        }
        _hasForward = true;
        if (ctx.Ledger is not null)
        {
            CostModel.ChargeMesh(ctx.Ledger, this, batch);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput) => BackwardCore(gradOutput, null, null, accumulate: true);

    /// <summary>
    /// Backward that also returns ∂L/∂(coupler angle) for both couplers of every MZI, where a coupler
    /// of splitting ratio κ has angle a = asin(√κ) (t = cos a, k = sin a). Used by calibration.
    /// </summary>
    internal Tensor<T> BackwardWithCouplerGradients(Tensor<T> gradOutput, double[] dAngle1, double[] dAngle2)
    {
        _dAngle1 = dAngle1;
        _dAngle2 = dAngle2;
        try
        {
            return BackwardCore(gradOutput, null, null, accumulate: true);
        }
        finally
        {
            _dAngle1 = null;
            _dAngle2 = null;
        }
    }

    /// <summary>Phase shifters in the mesh: θ of every MZI, then φ of every MZI, then the output screen.</summary>
    internal int ShifterCount => (2 * MziCount) + Modes;

    /// <summary>
    /// The forward field just after every phase shifter for the last Forward, as seen by a monitor
    /// tap there: shifter s, sample b at [s·batch + b] (shifter order of <see cref="ShifterCount"/>).
    /// </summary>
    internal void ForwardShifterFields(T[] re, T[] im)
    {
        if (!_hasForward)
        {
            throw new InvalidOperationException($"{Name}: no forward pass to monitor.");
        }
        int batch = _batch, n = Modes, imOff = n * batch;
        for (int i = 0; i < MziCount; i++)
        {
            var x = _states[_column[i]];
            int o0 = _top[i] * batch, o1 = o0 + batch;
            T t1 = T.CreateChecked(_t1[i]), k1 = T.CreateChecked(_k1[i]);
            T ct = T.CreateChecked(Math.Cos(_thetaEff[i])), st = T.CreateChecked(Math.Sin(_thetaEff[i]));
            T cp = T.CreateChecked(Math.Cos(_phiEff[i])), sp = T.CreateChecked(Math.Sin(_phiEff[i]));
            int oT = i * batch, oP = (MziCount + i) * batch;
            for (int b = 0; b < batch; b++)
            {
                T a0r = (cp * x[o0 + b]) - (sp * x[imOff + o0 + b]), a0i = (cp * x[imOff + o0 + b]) + (sp * x[o0 + b]);
                T b0r = (t1 * a0r) - (k1 * x[imOff + o1 + b]), b0i = (t1 * a0i) + (k1 * x[o1 + b]);
                re[oT + b] = (ct * b0r) - (st * b0i);
                im[oT + b] = (ct * b0i) + (st * b0r);
                re[oP + b] = a0r;
                im[oP + b] = a0i;
            }
        }
        var z = _states[Columns];
        for (int m = 0; m < n; m++)
        {
            T cr = T.CreateChecked(Math.Cos(_outEff[m])), ci = T.CreateChecked(Math.Sin(_outEff[m]));
            int o = ((2 * MziCount) + m) * batch;
            for (int b = 0; b < batch; b++)
            {
                T zr = z[(m * batch) + b], zi = z[imOff + (m * batch) + b];
                re[o + b] = (cr * zr) - (ci * zi);
                im[o + b] = (cr * zi) + (ci * zr);
            }
        }
    }

    /// <summary>
    /// Sends the adjoint of <paramref name="gradOutput"/> back through the mesh without touching the
    /// parameter gradients; writes the adjoint field just after every phase shifter (layout of
    /// <see cref="ForwardShifterFields"/>) and returns the adjoint field at the inputs, M†·g.
    /// </summary>
    internal Tensor<T> AdjointShifterFields(Tensor<T> gradOutput, T[] re, T[] im) => BackwardCore(gradOutput, re, im, accumulate: false);

    private Tensor<T> BackwardCore(Tensor<T> gradOutput, T[]? fieldRe, T[]? fieldIm, bool accumulate)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (!_hasForward)
        {
            throw new InvalidOperationException($"{Name}: Backward called without a preceding Forward.");
        }
        int batch = _batch, n = Modes;
        if (gradOutput.Rank != 3 || gradOutput.Dim(0) != batch || gradOutput.Dim(1) != 2 || gradOutput.Dim(2) != n)
        {
            throw new ArgumentException($"{Name}: gradient must have shape [{batch}, 2, {n}].", nameof(gradOutput));
        }
        if (_dTheta.Length != MziCount || _dOut.Length != n)
        {
            _dTheta = new double[MziCount];
            _dPhi = new double[MziCount];
            _dOut = new double[n];
        }
        var dTheta = _dTheta;
        var dPhi = _dPhi;
        var dOut = _dOut;
        Array.Clear(dTheta);
        Array.Clear(dPhi);
        var z = _states[Columns];
        var g = _grad;
        for (int m = 0; m < n; m++)
        {
            T cr = T.CreateChecked(Math.Cos(_outEff[m])), ci = T.CreateChecked(Math.Sin(_outEff[m]));
            T acc = T.Zero;
            for (int b = 0; b < batch; b++)
            {
                int o = b * 2 * n;
                T gr = gradOutput.Data[o + m], gi = gradOutput.Data[o + n + m];
                T zr = z[(m * batch) + b], zi = z[(n * batch) + (m * batch) + b];
                T yr = (cr * zr) - (ci * zi), yi = (cr * zi) + (ci * zr);
                acc -= (gr * yi) - (gi * yr);
                if (fieldRe is not null && fieldIm is not null)
                {
                    fieldRe[(((2 * MziCount) + m) * batch) + b] = gr;
                    fieldIm[(((2 * MziCount) + m) * batch) + b] = gi;
                }
                g[(m * batch) + b] = (cr * gr) + (ci * gi);
                g[(n * batch) + (m * batch) + b] = (cr * gi) - (ci * gr);
            }
            dOut[m] = double.CreateChecked(acc);
        }
        for (int c = Columns - 1; c >= 0; c--)
        {
            BackpropColumn(c, _states[c], g, _gradNext, batch, dTheta, dPhi, fieldRe, fieldIm);
            (g, _gradNext) = (_gradNext, g);
        }
        _grad = g;
        if (accumulate)
        {
            AccumulatePhaseGradients(dTheta, dPhi, dOut);
        }
        var dx = new Tensor<T>(batch, 2, n);
        for (int b = 0; b < batch; b++)
        {
            var row = dx.Row(b);
            for (int m = 0; m < n; m++)
            {
                row[m] = g[(m * batch) + b];
                row[n + m] = g[(n * batch) + (m * batch) + b];
            }
        }
        return dx;
    }

    private void Ensure(int batch)
    {
        if (batch == _batch)
        {
            return;
        }
        int len = 2 * Modes * batch;
        _states = new T[Columns + 1][];
        for (int c = 0; c <= Columns; c++)
        {
            _states[c] = new T[len];
        }
        _grad = new T[len];
        _gradNext = new T[len];
        _batch = batch;
    }

    // Phases as the device applies them: DAC quantization, thermal crosstalk, static offsets.
    private void RealizePhases()
    {
        var e = _errors;
        var shifter = new ThermoOpticPhaseShifter { DacBits = e.DacBits };
        for (int i = 0; i < MziCount; i++)
        {
            _thetaEff[i] = Realize(double.CreateChecked(Theta.Value[i]), shifter, e.DacBits, "theta", i);
            _phiEff[i] = Realize(double.CreateChecked(Phi.Value[i]), shifter, e.DacBits, "phi", i);
        }
        for (int m = 0; m < Modes; m++)
        {
            _outEff[m] = Realize(double.CreateChecked(OutputPhase.Value[m]), shifter, e.DacBits, "output_phase", m) + (e.OutputPhaseOffset?[m] ?? 0);
        }
        if (e.NeighbourCrosstalk != 0)
        {
            ApplyCrosstalk(_thetaEff, e.NeighbourCrosstalk);
            ApplyCrosstalk(_phiEff, e.NeighbourCrosstalk);
        }
        for (int i = 0; i < MziCount; i++)
        {
            _thetaEff[i] += e.ThetaOffset?[i] ?? 0;
            _phiEff[i] += e.PhiOffset?[i] ?? 0;
            double r1 = e.Coupler1Ratio?[i] ?? 0.5, r2 = e.Coupler2Ratio?[i] ?? 0.5;
            _t1[i] = Math.Sqrt(1 - r1);
            _k1[i] = Math.Sqrt(r1);
            _t2[i] = Math.Sqrt(1 - r2);
            _k2[i] = Math.Sqrt(r2);
            _alpha[i] = e.MziAmplitude?[i] ?? 1;
        }
    }

    private static double Realize(double phase, ThermoOpticPhaseShifter shifter, int bits, string name, int index)
    {
        if (!double.IsFinite(phase))
        {
            throw new InvalidOperationException($"Phase {name}[{index}] is {phase}; phases must be finite.");
        }
        return bits > 0 ? shifter.Realize(phase) : phase;
    }

    // Heat from each heater leaks to its neighbours in the same column: linear in heater power,
    // hence in the (wrapped) phase. The map is symmetric, so the same call maps gradients back.
    private void ApplyCrosstalk(double[] phases, double x)
    {
        var src = (double[])phases.Clone();
        for (int c = 0; c < Columns; c++)
        {
            for (int i = _columnStart[c]; i < _columnStart[c + 1]; i++)
            {
                double leak = 0;
                if (i > _columnStart[c])
                {
                    leak += src[i - 1];
                }
                if (i + 1 < _columnStart[c + 1])
                {
                    leak += src[i + 1];
                }
                phases[i] = src[i] + (x * leak);
            }
        }
    }

    // Straight-through estimate for DAC rounding; exact for offsets and crosstalk.
    private void AccumulatePhaseGradients(double[] dTheta, double[] dPhi, double[] dOut)
    {
        if (_errors.NeighbourCrosstalk != 0)
        {
            ApplyCrosstalk(dTheta, _errors.NeighbourCrosstalk);
            ApplyCrosstalk(dPhi, _errors.NeighbourCrosstalk);
        }
        var gt = Theta.Grad.Span;
        var gp = Phi.Grad.Span;
        var go = OutputPhase.Grad.Span;
        for (int i = 0; i < MziCount; i++)
        {
            gt[i] += T.CreateChecked(dTheta[i]);
            gp[i] += T.CreateChecked(dPhi[i]);
        }
        for (int m = 0; m < Modes; m++)
        {
            go[m] += T.CreateChecked(dOut[m]);
        }
    }

    // Copies the modes that no MZI of column c touches (they pass straight through).
    private void CopyIdleModes(int c, T[] src, T[] dst, int batch)
    {
        int imOff = Modes * batch;
        foreach (int m in _idle[c])
        {
            Array.Copy(src, m * batch, dst, m * batch, batch);
            Array.Copy(src, imOff + (m * batch), dst, imOff + (m * batch), batch);
        }
    }

    private void PropagateColumn(int c, T[] src, T[] dst, int batch)
    {
        CopyIdleModes(c, src, dst, batch);
        int imOff = Modes * batch;
        for (int i = _columnStart[c]; i < _columnStart[c + 1]; i++)
        {
            MachZehnderInterferometer.TransferMatrix(_thetaEff[i], _phiEff[i], _t1[i], _k1[i], _t2[i], _k2[i], _alpha[i], _cell);
            var u = _cell;
            int m = _top[i];
            ApplyCell(u, src.AsSpan(m * batch, batch), src.AsSpan(imOff + (m * batch), batch),
                src.AsSpan((m + 1) * batch, batch), src.AsSpan(imOff + ((m + 1) * batch), batch),
                dst.AsSpan(m * batch, batch), dst.AsSpan(imOff + (m * batch), batch),
                dst.AsSpan((m + 1) * batch, batch), dst.AsSpan(imOff + ((m + 1) * batch), batch));
        }
    }

    private static void ApplyCell(Complex[] u, ReadOnlySpan<T> x0r, ReadOnlySpan<T> x0i, ReadOnlySpan<T> x1r, ReadOnlySpan<T> x1i,
        Span<T> y0r, Span<T> y0i, Span<T> y1r, Span<T> y1i)
    {
        T ar = T.CreateChecked(u[0].Real), ai = T.CreateChecked(u[0].Imaginary);
        T br = T.CreateChecked(u[1].Real), bi = T.CreateChecked(u[1].Imaginary);
        T cr = T.CreateChecked(u[2].Real), ci = T.CreateChecked(u[2].Imaginary);
        T dr = T.CreateChecked(u[3].Real), di = T.CreateChecked(u[3].Imaginary);
        int start = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && x0r.Length >= Vector<T>.Count)
        {
            var p0r = MemoryMarshal.Cast<T, Vector<T>>(x0r);
            var p0i = MemoryMarshal.Cast<T, Vector<T>>(x0i);
            var p1r = MemoryMarshal.Cast<T, Vector<T>>(x1r);
            var p1i = MemoryMarshal.Cast<T, Vector<T>>(x1i);
            var q0r = MemoryMarshal.Cast<T, Vector<T>>(y0r);
            var q0i = MemoryMarshal.Cast<T, Vector<T>>(y0i);
            var q1r = MemoryMarshal.Cast<T, Vector<T>>(y1r);
            var q1i = MemoryMarshal.Cast<T, Vector<T>>(y1i);
            Vector<T> var_ = new(ar), vai = new(ai), vbr = new(br), vbi = new(bi), vcr = new(cr), vci = new(ci), vdr = new(dr), vdi = new(di);
            for (int k = 0; k < p0r.Length; k++)
            {
                Vector<T> pr = p0r[k], pi = p0i[k], qr = p1r[k], qi = p1i[k];
                q0r[k] = (var_ * pr) - (vai * pi) + (vbr * qr) - (vbi * qi);
                q0i[k] = (var_ * pi) + (vai * pr) + (vbr * qi) + (vbi * qr);
                q1r[k] = (vcr * pr) - (vci * pi) + (vdr * qr) - (vdi * qi);
                q1i[k] = (vcr * pi) + (vci * pr) + (vdr * qi) + (vdi * qr);
            }
            start = p0r.Length * Vector<T>.Count;
        }
        for (int b = start; b < x0r.Length; b++)
        {
            T pr = x0r[b], pi = x0i[b], qr = x1r[b], qi = x1i[b];
            y0r[b] = (ar * pr) - (ai * pi) + (br * qr) - (bi * qi);
            y0i[b] = (ar * pi) + (ai * pr) + (br * qi) + (bi * qr);
            y1r[b] = (cr * pr) - (ci * pi) + (dr * qr) - (di * qi);
            y1i[b] = (cr * pi) + (ci * pr) + (dr * qi) + (di * qr);
        }
    }

    private void BackpropColumn(int c, T[] x, T[] g, T[] gPrev, int batch, double[] dTheta, double[] dPhi, T[]? fieldRe, T[]? fieldIm)
    {
        CopyIdleModes(c, g, gPrev, batch);
        int imOff = Modes * batch;
        for (int i = _columnStart[c]; i < _columnStart[c + 1]; i++)
        {
            int m = _top[i];
            int o0 = m * batch, o1 = (m + 1) * batch;
            var (dt, dp) = BackpropCell(i,
                x.AsSpan(o0, batch), x.AsSpan(imOff + o0, batch), x.AsSpan(o1, batch), x.AsSpan(imOff + o1, batch),
                g.AsSpan(o0, batch), g.AsSpan(imOff + o0, batch), g.AsSpan(o1, batch), g.AsSpan(imOff + o1, batch),
                gPrev.AsSpan(o0, batch), gPrev.AsSpan(imOff + o0, batch), gPrev.AsSpan(o1, batch), gPrev.AsSpan(imOff + o1, batch),
                fieldRe is null ? default : fieldRe.AsSpan(i * batch, batch), fieldIm is null ? default : fieldIm.AsSpan(i * batch, batch),
                fieldRe is null ? default : fieldRe.AsSpan((MziCount + i) * batch, batch), fieldIm is null ? default : fieldIm.AsSpan((MziCount + i) * batch, batch));
            dTheta[i] += dt;
            dPhi[i] += dp;
            if (_dAngle1 is not null && _dAngle2 is not null)
            {
                var (d1, d2) = CouplerGradients(i,
                    x.AsSpan(o0, batch), x.AsSpan(imOff + o0, batch), x.AsSpan(o1, batch), x.AsSpan(imOff + o1, batch),
                    g.AsSpan(o0, batch), g.AsSpan(imOff + o0, batch), g.AsSpan(o1, batch), g.AsSpan(imOff + o1, batch));
                _dAngle1[i] += d1;
                _dAngle2[i] += d2;
            }
        }
    }

    // The same arithmetic as BackpropCell's scalar loop, on Vector<T> lanes over the batch.
    private static (T AccT, T AccP, int Done) BackpropCellVector(T t1s, T k1s, T t2s, T k2s, T cts, T sts, T cps, T sps,
        ReadOnlySpan<T> x0r, ReadOnlySpan<T> x0i, ReadOnlySpan<T> x1r, ReadOnlySpan<T> x1i,
        ReadOnlySpan<T> g0r, ReadOnlySpan<T> g0i, ReadOnlySpan<T> g1r, ReadOnlySpan<T> g1i,
        Span<T> h0r, Span<T> h0i, Span<T> h1r, Span<T> h1i)
    {
        var X0r = MemoryMarshal.Cast<T, Vector<T>>(x0r);
        var X0i = MemoryMarshal.Cast<T, Vector<T>>(x0i);
        var X1r = MemoryMarshal.Cast<T, Vector<T>>(x1r);
        var X1i = MemoryMarshal.Cast<T, Vector<T>>(x1i);
        var G0r = MemoryMarshal.Cast<T, Vector<T>>(g0r);
        var G0i = MemoryMarshal.Cast<T, Vector<T>>(g0i);
        var G1r = MemoryMarshal.Cast<T, Vector<T>>(g1r);
        var G1i = MemoryMarshal.Cast<T, Vector<T>>(g1i);
        var H0r = MemoryMarshal.Cast<T, Vector<T>>(h0r);
        var H0i = MemoryMarshal.Cast<T, Vector<T>>(h0i);
        var H1r = MemoryMarshal.Cast<T, Vector<T>>(h1r);
        var H1i = MemoryMarshal.Cast<T, Vector<T>>(h1i);
        Vector<T> t1 = new(t1s), k1 = new(k1s), t2 = new(t2s), k2 = new(k2s), ct = new(cts), st = new(sts), cp = new(cps), sp = new(sps);
        Vector<T> accT = Vector<T>.Zero, accP = Vector<T>.Zero;
        for (int b = 0; b < X0r.Length; b++)
        {
            var w0r = (t2 * G0r[b]) + (k2 * G1i[b]);
            var w0i = (t2 * G0i[b]) - (k2 * G1r[b]);
            var w1r = (k2 * G0i[b]) + (t2 * G1r[b]);
            var w1i = (t2 * G1i[b]) - (k2 * G0r[b]);
            var a0r = (cp * X0r[b]) - (sp * X0i[b]);
            var a0i = (cp * X0i[b]) + (sp * X0r[b]);
            var b0r = (t1 * a0r) - (k1 * X1i[b]);
            var b0i = (t1 * a0i) + (k1 * X1r[b]);
            var c0r = (ct * b0r) - (st * b0i);
            var c0i = (ct * b0i) + (st * b0r);
            accT -= (w0r * c0i) - (w0i * c0r);
            var q0r = (ct * w0r) + (st * w0i);
            var q0i = (ct * w0i) - (st * w0r);
            var r0r = (t1 * q0r) + (k1 * w1i);
            var r0i = (t1 * q0i) - (k1 * w1r);
            H1r[b] = (k1 * q0i) + (t1 * w1r);
            H1i[b] = (t1 * w1i) - (k1 * q0r);
            accP -= (r0r * a0i) - (r0i * a0r);
            H0r[b] = (cp * r0r) + (sp * r0i);
            H0i[b] = (cp * r0i) - (sp * r0r);
        }
        return (Vector.Sum(accT), Vector.Sum(accP), X0r.Length * Vector<T>.Count);
    }

    // ∂L/∂a for each coupler: dB/da = [[−k, i·t], [i·t, −k]], paired with the forward field entering
    // the coupler and the adjoint field leaving it. Scalar double arithmetic; calibration only.
    private (double DA1, double DA2) CouplerGradients(int i,
        ReadOnlySpan<T> x0r, ReadOnlySpan<T> x0i, ReadOnlySpan<T> x1r, ReadOnlySpan<T> x1i,
        ReadOnlySpan<T> g0r, ReadOnlySpan<T> g0i, ReadOnlySpan<T> g1r, ReadOnlySpan<T> g1i)
    {
        double t1 = _t1[i], k1 = _k1[i], t2 = _t2[i], k2 = _k2[i], al = _alpha[i];
        var eTheta = Complex.FromPolarCoordinates(1, _thetaEff[i]);
        var ePhi = Complex.FromPolarCoordinates(1, _phiEff[i]);
        var it1 = new Complex(0, t1);
        var it2 = new Complex(0, t2);
        var ik1 = new Complex(0, k1);
        var ik2 = new Complex(0, k2);
        double d1 = 0, d2 = 0;
        for (int b = 0; b < x0r.Length; b++)
        {
            var x0 = new Complex(double.CreateChecked(x0r[b]), double.CreateChecked(x0i[b]));
            var x1 = new Complex(double.CreateChecked(x1r[b]), double.CreateChecked(x1i[b]));
            var g0 = new Complex(double.CreateChecked(g0r[b]), double.CreateChecked(g0i[b]));
            var g1 = new Complex(double.CreateChecked(g1r[b]), double.CreateChecked(g1i[b]));
            var a0 = ePhi * x0;
            Complex b0 = (t1 * a0) + (ik1 * x1), b1 = (ik1 * a0) + (t1 * x1);
            var c0 = eTheta * b0;
            // Second coupler: y = α·B₂·(c0, b1).
            var dy0 = al * ((-k2 * c0) + (it2 * b1));
            var dy1 = al * ((it2 * c0) - (k2 * b1));
            d2 += ((Complex.Conjugate(g0) * dy0) + (Complex.Conjugate(g1) * dy1)).Real;
            // Adjoint after the first coupler: q = Dθ†·(α·B₂)†·g.
            var w0 = al * ((t2 * g0) - (ik2 * g1));
            var w1 = al * ((-ik2 * g0) + (t2 * g1));
            var q0 = Complex.Conjugate(eTheta) * w0;
            var db0 = (-k1 * a0) + (it1 * x1);
            var db1 = (it1 * a0) - (k1 * x1);
            d1 += ((Complex.Conjugate(q0) * db0) + (Complex.Conjugate(w1) * db1)).Real;
        }
        return (d1, d2);
    }

    // The adjoint of one cell, stage by stage (T = α·B₂·Dθ·B₁·Dφ), with the phase gradients
    // ∂L/∂θ = −Im(conj(w)·c) where c is the forward field after the θ shifter and w the adjoint
    // field there; likewise for φ.
    private (double DTheta, double DPhi) BackpropCell(int i,
        ReadOnlySpan<T> x0r, ReadOnlySpan<T> x0i, ReadOnlySpan<T> x1r, ReadOnlySpan<T> x1i,
        ReadOnlySpan<T> g0r, ReadOnlySpan<T> g0i, ReadOnlySpan<T> g1r, ReadOnlySpan<T> g1i,
        Span<T> h0r, Span<T> h0i, Span<T> h1r, Span<T> h1i,
        Span<T> wThetaR, Span<T> wThetaI, Span<T> wPhiR, Span<T> wPhiI)
    {
        bool collect = wThetaR.Length > 0;
        T t1 = T.CreateChecked(_t1[i]), k1 = T.CreateChecked(_k1[i]);
        T t2 = T.CreateChecked(_t2[i] * _alpha[i]), k2 = T.CreateChecked(_k2[i] * _alpha[i]);
        T ct = T.CreateChecked(Math.Cos(_thetaEff[i])), st = T.CreateChecked(Math.Sin(_thetaEff[i]));
        T cp = T.CreateChecked(Math.Cos(_phiEff[i])), sp = T.CreateChecked(Math.Sin(_phiEff[i]));
        T accT = T.Zero, accP = T.Zero;
        int start = 0;
        if (!collect && Vector.IsHardwareAccelerated && Vector<T>.IsSupported && x0r.Length >= Vector<T>.Count)
        {
            (accT, accP, start) = BackpropCellVector(t1, k1, t2, k2, ct, st, cp, sp, x0r, x0i, x1r, x1i, g0r, g0i, g1r, g1i, h0r, h0i, h1r, h1i);
        }
        for (int b = start; b < x0r.Length; b++)
        {
            // Adjoint field after the θ shifter: w = (α·B₂)† g.
            T w0r = (t2 * g0r[b]) + (k2 * g1i[b]), w0i = (t2 * g0i[b]) - (k2 * g1r[b]);
            T w1r = (k2 * g0i[b]) + (t2 * g1r[b]), w1i = (t2 * g1i[b]) - (k2 * g0r[b]);
            // Forward field after the φ shifter (a0) and after the θ shifter (c0).
            T a0r = (cp * x0r[b]) - (sp * x0i[b]), a0i = (cp * x0i[b]) + (sp * x0r[b]);
            T b0r = (t1 * a0r) - (k1 * x1i[b]), b0i = (t1 * a0i) + (k1 * x1r[b]);
            T c0r = (ct * b0r) - (st * b0i), c0i = (ct * b0i) + (st * b0r);
            accT -= (w0r * c0i) - (w0i * c0r);
            // Back through Dθ and B₁.
            T q0r = (ct * w0r) + (st * w0i), q0i = (ct * w0i) - (st * w0r);
            T r0r = (t1 * q0r) + (k1 * w1i), r0i = (t1 * q0i) - (k1 * w1r);
            T r1r = (k1 * q0i) + (t1 * w1r), r1i = (t1 * w1i) - (k1 * q0r);
            accP -= (r0r * a0i) - (r0i * a0r);
            if (collect)
            {
                wThetaR[b] = w0r;
                wThetaI[b] = w0i;
                wPhiR[b] = r0r;
                wPhiI[b] = r0i;
            }
            // Back through Dφ.
            h0r[b] = (cp * r0r) + (sp * r0i);
            h0i[b] = (cp * r0i) - (sp * r0r);
            h1r[b] = r1r;
            h1i[b] = r1i;
        }
        return (double.CreateChecked(accT), double.CreateChecked(accP));
    }
}
