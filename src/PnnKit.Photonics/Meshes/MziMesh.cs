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
/// <para>The mesh is linear in the field, and every non-ideality (coupler imbalance, loss, phase
/// errors, crosstalk, quantization) only changes its 2×2 cells. So on N ≥ 16 modes a batch of at least 2·N
/// samples takes the transfer-matrix path instead: the N×N identity goes through the columns (N samples
/// instead of the batch), then one complex GEMM applies the result to the batch. Backward is then
/// ∂L/∂x = G·Eᴴ and ∂L/∂E = Xᴴ·G (two GEMMs) and the adjoint of the identity pass for the phases.
/// The per-sample column fields, needed by monitor taps (in-situ training), are computed on demand.</para>
/// </summary>
public class MziMesh<T> : ILayer<T>, IDesign<MeshVariation, MeshInstance<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly (int Column, int Mode)[] _layout;
    private readonly int[] _column;
    private readonly int[] _top;
    private readonly int[] _columnStart;
    private readonly int[][] _idle;
    private readonly MeshErrors _errors;
    private readonly HeaterCoupling? _thermal;

    // Effective (realized) phases and cell constants captured at Forward, in double.
    private readonly double[] _thetaEff;
    private readonly double[] _phiEff;
    private readonly double[] _outEff;
    private readonly double[] _t1, _k1, _t2, _k2, _alpha;

    // The same cells as T constants for the kernels (MziCellKernels strides), and the output
    // screen as (cos, sin) per mode; computed once per Forward so no pass evaluates a sine.
    private readonly T[] _forwardCells;
    private readonly T[] _adjointCells;
    private readonly T[] _screen;

    // Column fields of the last forward's samples, and of the N×N identity (transfer-matrix path).
    private readonly ColumnFields _samples = new(), _identity = new();
    private bool _samplesCurrent;
    private bool _viaTransfer;
    private Tensor<T>? _input;
    private ComplexTensor<T>? _transfer, _transferGrad;
    private int _batch = -1;
    private bool _hasForward;
    private double[]? _dAngle1, _dAngle2;
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
        _thermal = _errors.ThermalCrosstalk?.Couple(_column, _top);

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
        _forwardCells = new T[MziCount * MziCellKernels<T>.ForwardStride];
        _adjointCells = new T[MziCount * MziCellKernels<T>.AdjointStride];
        _screen = new T[2 * modes];
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
        RealizePhases();
        var e = PropagateIdentity();
        var u = new Complex[n * n];
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < n; i++)
            {
                u[(i * n) + j] = e.Get(j, i);
            }
        }
        _hasForward = false;
        return u;
    }

    /// <summary>
    /// How Forward and Backward evaluate the mesh; <see cref="MeshEvaluation.Automatic"/> picks by
    /// batch size. Both give the same outputs and gradients up to rounding.
    /// </summary>
    internal MeshEvaluation Evaluation { get; set; } = MeshEvaluation.Automatic;

    // The transfer-matrix path costs one column pass on N identity samples plus three GEMMs, the
    // column path one pass on the batch: measured (f32, 1 thread) the crossover lies near batch = N
    // to 2·N for N = 16..64, while for N < 16 the small GEMMs' call overhead makes the gradient slower.
    private const int TransferMatrixBatchPerMode = 2;
    private const int TransferMatrixMinModes = 16;

    private bool UsesTransferMatrix(int batch) => Evaluation switch
    {
        MeshEvaluation.Columns => false,
        MeshEvaluation.TransferMatrix => true,
        _ => Modes >= TransferMatrixMinModes && batch >= TransferMatrixBatchPerMode * Modes,
    };

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        ComplexTensor<T>.RequireField(x, Modes, Name);
        RealizePhases();
        int batch = x.Dim(0);
        var y = Field(batch);
        _batch = batch;
        if (UsesTransferMatrix(batch))
        {
            // The mesh is linear in the field: Y = X·E with E = (D·M)ᵀ, the identity sent through it.
            // Like Linear, it keeps a reference to x (not a copy) for ∂L/∂E = Xᴴ·G in Backward.
            var e = PropagateIdentity();
            _input = x;
            ComplexGemm.Multiply(ComplexOp.None, ComplexOp.None, T.One, new ComplexTensor<T>(x), e, T.Zero, new ComplexTensor<T>(y));
            _viaTransfer = true;
            _samplesCurrent = false;
        }
        else
        {
            PropagateSamples(x);
            EmitOutput(_samples.States[Columns], batch, y.Data);
            _viaTransfer = false;
            _input = null;
        }
        _hasForward = true;
        if (ctx.Ledger is not null)
        {
            CostModel.ChargeMesh(ctx.Ledger, this, batch);
        }
        return y;
    }

    // A field [batch, 2, N] left unzeroed: both paths write every element of their outputs.
    private Tensor<T> Field(int batch) => Tensor<T>.FromArray(GC.AllocateUninitializedArray<T>(batch * 2 * Modes), batch, 2, Modes);

    /// <summary>
    /// Sends the N×N identity through the columns (sample j = input mode j) and returns the output
    /// fields E = (D·M)ᵀ, row j being the mesh's response to mode j; the column fields stay in
    /// <see cref="_identity"/> for the adjoint.
    /// </summary>
    private ComplexTensor<T> PropagateIdentity()
    {
        int n = Modes;
        _identity.Ensure(Columns, n, n);
        var s0 = _identity.States[0];
        Array.Clear(s0);
        for (int j = 0; j < n; j++)
        {
            s0[(j * n) + j] = T.One;
        }
        PropagateAll(_identity, n);
        _transfer ??= new ComplexTensor<T>(n, n);
        EmitOutput(_identity.States[Columns], n, _transfer.Value.Storage.Data);
        return _transfer.Value;
    }

    // Loads the batch mode-major and runs it through every column, keeping every column's field.
    private void PropagateSamples(Tensor<T> x)
    {
        int batch = x.Dim(0), n = Modes;
        _samples.Ensure(Columns, n, batch);
        var s0 = _samples.States[0];
        for (int b = 0; b < batch; b++)
        {
            var row = x.Row(b);
            for (int m = 0; m < n; m++)
            {
                s0[(m * batch) + b] = row[m];
                s0[(n * batch) + (m * batch) + b] = row[n + m];
            }
        }
        PropagateAll(_samples, batch);
        _samplesCurrent = true;
    }

    // Runs the field entering column 0 through every column, chunk by chunk of samples.
    private void PropagateAll(ColumnFields f, int batch)
    {
        int chunks = BatchChunks.Count(batch);
        BatchChunks.Run(chunks, k =>
        {
            var (lo, hi) = BatchChunks.Range<T>(batch, chunks, k);
            for (int c = 0; c < Columns; c++)
            {
                PropagateColumn(c, f.States[c], f.States[c + 1], batch, lo, hi);
            }
        });
    }

    // The column fields of the last forward's samples, computed now when it took the transfer-matrix path.
    private ColumnFields SampleFields()
    {
        if (!_samplesCurrent)
        {
            PropagateSamples(_input ?? throw new InvalidOperationException($"{Name}: no forward input kept."));
        }
        return _samples;
    }

    // Output phase screen on the mode-major field z, written as rows [batch, 2, N] into y.
    private void EmitOutput(T[] z, int batch, T[] y)
    {
        int n = Modes;
        for (int m = 0; m < n; m++)
        {
            T cr = _screen[2 * m], ci = _screen[(2 * m) + 1];
            for (int b = 0; b < batch; b++)
            {
                T zr = z[(m * batch) + b], zi = z[(n * batch) + (m * batch) + b];
                int o = b * 2 * n;
                y[o + m] = (cr * zr) - (ci * zi);
                y[o + n + m] = (cr * zi) + (ci * zr);
            }
        }
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
        var states = SampleFields().States;
        int batch = _batch, n = Modes, imOff = n * batch;
        for (int i = 0; i < MziCount; i++)
        {
            var x = states[_column[i]];
            int o0 = _top[i] * batch, o1 = o0 + batch;
            var k = _adjointCells.AsSpan(i * MziCellKernels<T>.AdjointStride, MziCellKernels<T>.AdjointStride);
            T t1 = k[0], k1 = k[1], ct = k[4], st = k[5], cp = k[6], sp = k[7];
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
        var z = states[Columns];
        for (int m = 0; m < n; m++)
        {
            T cr = _screen[2 * m], ci = _screen[(2 * m) + 1];
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
        Array.Clear(_dTheta);
        Array.Clear(_dPhi);
        var dx = Field(batch);
        if (_viaTransfer && fieldRe is null)
        {
            // Y = X·E: ∂L/∂X = G·Eᴴ, ∂L/∂E = Xᴴ·G, and the phase gradients follow from ∂L/∂E by the
            // adjoint of the identity pass (the same chain rule as per sample, on N samples).
            var g = new ComplexTensor<T>(gradOutput);
            var e = _transfer!.Value;
            var input = new ComplexTensor<T>(_input!);
            _transferGrad ??= new ComplexTensor<T>(n, n);
            var transferGrad = _transferGrad.Value;
            void InputGradient() => ComplexGemm.Multiply(ComplexOp.None, ComplexOp.ConjugateTranspose, T.One, g, e, T.Zero, new ComplexTensor<T>(dx));
            void PhaseGradients()
            {
                ComplexGemm.Multiply(ComplexOp.ConjugateTranspose, ComplexOp.None, T.One, input, g, T.Zero, transferGrad);
                BackpropFields(_identity, transferGrad.Storage, n, null, null);
            }
            // The two branches share no output, so on two or more threads they run side by side (the
            // identity pass of PhaseGradients, N samples, is too small to split): same results.
            if (Gemm.MaxThreads > 1)
            {
                Parallel.Invoke(InputGradient, PhaseGradients);
            }
            else
            {
                InputGradient();
                PhaseGradients();
            }
        }
        else
        {
            var samples = SampleFields();
            BackpropFields(samples, gradOutput, batch, fieldRe, fieldIm);
            var gIn = samples.Grad;
            for (int b = 0; b < batch; b++)
            {
                var row = dx.Row(b);
                for (int m = 0; m < n; m++)
                {
                    row[m] = gIn[(m * batch) + b];
                    row[n + m] = gIn[(n * batch) + (m * batch) + b];
                }
            }
        }
        if (accumulate)
        {
            AccumulatePhaseGradients(_dTheta, _dPhi, _dOut);
        }
        return dx;
    }

    /// <summary>
    /// The adjoint pass over <paramref name="fields"/> (from their forward) for the output gradient
    /// [batch, 2, N]: fills _dTheta, _dPhi, _dOut and leaves the adjoint field at the inputs, mode-major,
    /// in fields.Grad; with tap arrays it also records the adjoint field after every phase shifter.
    /// </summary>
    private void BackpropFields(ColumnFields fields, Tensor<T> gradOutput, int batch, T[]? fieldRe, T[]? fieldIm)
    {
        int n = Modes;
        var z = fields.States[Columns];
        var g = fields.Grad;
        for (int m = 0; m < n; m++)
        {
            T cr = _screen[2 * m], ci = _screen[(2 * m) + 1];
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
            _dOut[m] = double.CreateChecked(acc);
        }
        int chunks = BatchChunks.Count(batch);
        var chunkSums = fields.Accumulators(chunks, MziCount);
        BatchChunks.Run(chunks, k =>
        {
            var (lo, hi) = BatchChunks.Range<T>(batch, chunks, k);
            var a = chunkSums[k];
            a.Clear();
            T[] gk = fields.Grad, gNext = fields.GradNext;
            for (int c = Columns - 1; c >= 0; c--)
            {
                BackpropColumn(c, fields.States[c], gk, gNext, batch, lo, hi, a, fieldRe, fieldIm);
                (gk, gNext) = (gNext, gk);
            }
        });
        if (Columns % 2 == 1)
        {
            (fields.Grad, fields.GradNext) = (fields.GradNext, fields.Grad);
        }
        // Chunk sums in chunk order: the same rounding on any number of threads.
        for (int k = 0; k < chunks; k++)
        {
            var a = chunkSums[k];
            for (int i = 0; i < MziCount; i++)
            {
                _dTheta[i] += a.Theta[i];
                _dPhi[i] += a.Phi[i];
                if (_dAngle1 is not null && _dAngle2 is not null)
                {
                    _dAngle1[i] += a.Angle1[i];
                    _dAngle2[i] += a.Angle2[i];
                }
            }
        }
    }

    /// <summary>Per-chunk sums over the samples: ∂L/∂θ, ∂L/∂φ and the two coupler angles, per MZI.</summary>
    private sealed class ChunkSums(int mzis)
    {
        public readonly double[] Theta = new double[mzis], Phi = new double[mzis], Angle1 = new double[mzis], Angle2 = new double[mzis];

        public void Clear()
        {
            Array.Clear(Theta);
            Array.Clear(Phi);
            Array.Clear(Angle1);
            Array.Clear(Angle2);
        }
    }

    /// <summary>
    /// Fields of one batch, column by column: the field entering every column (and leaving the last),
    /// mode-major, kept for the adjoint, and two buffers for the adjoint field.
    /// </summary>
    private sealed class ColumnFields
    {
        public T[][] States = [];
        public T[] Grad = [];
        public T[] GradNext = [];
        private int _batch = -1;
        private ChunkSums[] _sums = [];

        public ChunkSums[] Accumulators(int chunks, int mzis)
        {
            if (_sums.Length != chunks)
            {
                _sums = [.. Enumerable.Range(0, chunks).Select(_ => new ChunkSums(mzis))];
            }
            return _sums;
        }

        public void Ensure(int columns, int modes, int batch)
        {
            if (batch == _batch)
            {
                return;
            }
            int len = 2 * modes * batch;
            States = new T[columns + 1][];
            for (int c = 0; c <= columns; c++)
            {
                States[c] = new T[len];
            }
            Grad = new T[len];
            GradNext = new T[len];
            _batch = batch;
        }
    }


    // Phases as the device applies them: DAC quantization, thermal crosstalk, static offsets.
    private void RealizePhases()
    {
        var e = _errors;
        var shifter = PhotonicPresets.HeaterSiHarris2014.Model with { DacBits = e.DacBits }; // the preset heater, at the instance's driver bits
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
        _thermal?.Apply(_thetaEff, _phiEff, adjoint: false);
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
        PrepareCells();
    }

    // The realized cells as kernel constants: T = α·B₂·diag(e^{iθ}, 1)·B₁·diag(e^{iφ}, 1), the
    // convention of MachZehnderInterferometer, written out so each cell costs two SinCos calls.
    private void PrepareCells()
    {
        for (int i = 0; i < MziCount; i++)
        {
            var (st, ct) = Math.SinCos(_thetaEff[i]);
            var (sp, cp) = Math.SinCos(_phiEff[i]);
            double t1 = _t1[i], k1 = _k1[i], t2 = _t2[i], k2 = _k2[i], al = _alpha[i];
            Complex ePhi = new(cp, sp), eTheta = new(ct, st), ik1 = new(0, k1), ik2 = new(0, k2);
            Complex b00 = t1 * ePhi * eTheta, b01 = ik1 * eTheta, b10 = ik1 * ePhi, b11 = t1;
            Span<Complex> u = [al * ((t2 * b00) + (ik2 * b10)), al * ((t2 * b01) + (ik2 * b11)), al * ((ik2 * b00) + (t2 * b10)), al * ((ik2 * b01) + (t2 * b11))];
            var f = _forwardCells.AsSpan(i * MziCellKernels<T>.ForwardStride, MziCellKernels<T>.ForwardStride);
            for (int k = 0; k < 4; k++)
            {
                f[2 * k] = T.CreateChecked(u[k].Real);
                f[(2 * k) + 1] = T.CreateChecked(u[k].Imaginary);
            }
            var a = _adjointCells.AsSpan(i * MziCellKernels<T>.AdjointStride, MziCellKernels<T>.AdjointStride);
            a[0] = T.CreateChecked(t1);
            a[1] = T.CreateChecked(k1);
            a[2] = T.CreateChecked(t2 * al);
            a[3] = T.CreateChecked(k2 * al);
            a[4] = T.CreateChecked(ct);
            a[5] = T.CreateChecked(st);
            a[6] = T.CreateChecked(cp);
            a[7] = T.CreateChecked(sp);
        }
        for (int m = 0; m < Modes; m++)
        {
            var (s, c) = Math.SinCos(_outEff[m]);
            _screen[2 * m] = T.CreateChecked(c);
            _screen[(2 * m) + 1] = T.CreateChecked(s);
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
        _thermal?.Apply(dTheta, dPhi, adjoint: true);
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

    // Copies samples [lo, hi) of the modes that no MZI of column c touches (they pass straight through).
    private void CopyIdleModes(int c, T[] src, T[] dst, int batch, int lo, int hi)
    {
        int imOff = Modes * batch;
        foreach (int m in _idle[c])
        {
            Array.Copy(src, (m * batch) + lo, dst, (m * batch) + lo, hi - lo);
            Array.Copy(src, imOff + (m * batch) + lo, dst, imOff + (m * batch) + lo, hi - lo);
        }
    }

    // Column c on samples [lo, hi).
    private void PropagateColumn(int c, T[] src, T[] dst, int batch, int lo, int hi)
    {
        CopyIdleModes(c, src, dst, batch, lo, hi);
        int imOff = Modes * batch;
        const int stride = MziCellKernels<T>.ForwardStride;
        for (int i = _columnStart[c]; i < _columnStart[c + 1]; i++)
        {
            int o0 = (_top[i] * batch) + lo;
            MziCellKernels<T>.Apply(_forwardCells.AsSpan(i * stride, stride), src, dst, o0, o0 + batch, imOff, hi - lo);
        }
    }

    // The adjoint of column c on samples [lo, hi), adding the chunk's gradient sums to sums.
    private void BackpropColumn(int c, T[] x, T[] g, T[] gPrev, int batch, int lo, int hi, ChunkSums sums, T[]? fieldRe, T[]? fieldIm)
    {
        CopyIdleModes(c, g, gPrev, batch, lo, hi);
        int imOff = Modes * batch, count = hi - lo;
        const int stride = MziCellKernels<T>.AdjointStride;
        for (int i = _columnStart[c]; i < _columnStart[c + 1]; i++)
        {
            int o0 = (_top[i] * batch) + lo, o1 = o0 + batch;
            var cell = _adjointCells.AsSpan(i * stride, stride);
            var (dt, dp) = fieldRe is null || fieldIm is null
                ? MziCellKernels<T>.Adjoint(cell, x, g, gPrev, o0, o1, imOff, count)
                : MziCellKernels<T>.AdjointScalar(cell, x, g, gPrev, o0, o1, imOff, 0, count,
                    fieldRe.AsSpan((i * batch) + lo, count), fieldIm.AsSpan((i * batch) + lo, count),
                    fieldRe.AsSpan(((MziCount + i) * batch) + lo, count), fieldIm.AsSpan(((MziCount + i) * batch) + lo, count));
            sums.Theta[i] += double.CreateChecked(dt);
            sums.Phi[i] += double.CreateChecked(dp);
            if (_dAngle1 is not null && _dAngle2 is not null)
            {
                var (d1, d2) = CouplerGradients(i,
                    x.AsSpan(o0, count), x.AsSpan(imOff + o0, count), x.AsSpan(o1, count), x.AsSpan(imOff + o1, count),
                    g.AsSpan(o0, count), g.AsSpan(imOff + o0, count), g.AsSpan(o1, count), g.AsSpan(imOff + o1, count));
                sums.Angle1[i] += d1;
                sums.Angle2[i] += d2;
            }
        }
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

}
