using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.InSitu;

/// <summary>
/// A mesh layer whose Backward obtains every phase gradient from intensity measurements on the
/// (simulated) device, following in-situ backpropagation (Hughes et al., Optica 5, 864 (2018);
/// Pai et al., Science 380, 398 (2023)). For each sample:
/// <list type="number">
/// <item>Forward pass: send x; a monitor tap after every phase shifter reads I_f = |v|², where v is
/// the forward field there; the output field is read coherently (N readings).</item>
/// <item>Backward pass: send the conjugated adjoint source conj(g) into the outputs; by reciprocity
/// the field after each shifter is conj(w), where w is the adjoint field (2·∂L/∂v̄), so the same taps
/// read I_a = |w|²; the field leaving the inputs, x_adj = Mᵀ·conj(g), is read coherently (N readings).</item>
/// <item>Interference pass: send x together with the time-reversed adjoint x_TR = −i·conj(x_adj)
/// = −i·M†g. In a lossless mesh its field after each shifter is −i·w, so the taps read
/// I_s = |v − i·w|² = I_f + I_a + 2·Re(conj(w)·i·v).</item>
/// </list>
/// Since ∂L/∂φ = Re(conj(w)·i·v) for a shifter that multiplies v by e^{iφ}, the gradient is
/// (I_s − I_f − I_a)/2 summed over the batch; the input gradient is conj(x_adj) = M†g. The result
/// is exact for a lossless mesh (any coupler imbalance or phase offset) without crosstalk; with
/// insertion loss the time-reversed field is attenuated on its way in and the estimate is biased
/// (Pai et al. 2023 discuss this), and with thermal crosstalk or DAC rounding it is the gradient
/// with respect to the realized, not the commanded, phases. Readings carry the detector noise of
/// <see cref="InSituOptions"/>; <see cref="MeasurementCount"/> counts every reading. By default
/// I_a is read in a fourth pass with x_TR alone (see <see cref="InSituOptions.AdjointIntensityFromTimeReversedPass"/>),
/// which turns the loss bias into a positive per-shifter rescaling. When the Forward context carries
/// a ledger, Backward charges it the extra passes' light and sources and every reading
/// (<see cref="Costs.PhotonicCostModel.ChargeInSituMeasurements{T}"/>).
/// </summary>
public sealed class InSituMesh<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _x;
    private Rng? _noise;
    private CostLedger? _ledger;
    private T[] _vRe = [], _vIm = [], _wRe = [], _wIm = [], _sRe = [], _sIm = [];

    /// <summary>Wraps <paramref name="mesh"/> (typically a fabricated instance) for in-situ training.</summary>
    public InSituMesh(MziMesh<T> mesh, InSituOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        Mesh = mesh;
        Options = options ?? InSituOptions.NoiseFree;
        Options.Validate();
    }

    /// <summary>The mesh measured.</summary>
    public MziMesh<T> Mesh { get; }

    /// <summary>Detector noise of the readings.</summary>
    public InSituOptions Options { get; }

    /// <summary>Intensity and coherent readings made so far (per sample, per detector).</summary>
    public long MeasurementCount { get; private set; }

    /// <summary>Optical passes made so far: per sample per Backward, forward, backward, interference, and the time-reversed pass when enabled.</summary>
    public long OpticalPasses { get; private set; }

    /// <summary>Readings one sample costs: three per phase shifter plus N coherent readings at the outputs and N at the inputs.</summary>
    public long MeasurementsPerSample => (3L * Mesh.ShifterCount) + (2L * Mesh.Modes);

    /// <inheritdoc/>
    public string Name => Mesh.Name + ".insitu";

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Optical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Optical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => Mesh.Parameters;

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var y = Mesh.Forward(x, ctx);
        _x = x;
        _noise = Options.IsNoisy ? ctx.Rng.Split("insitu." + Mesh.Name) : null;
        _ledger = ctx.Ledger;
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _x ?? throw new InvalidOperationException($"{Name}: Backward called without a preceding Forward.");
        _x = null;
        int batch = x.Dim(0), n = Mesh.Modes, shifters = Mesh.ShifterCount;
        int len = shifters * batch;
        if (_vRe.Length != len)
        {
            _vRe = new T[len];
            _vIm = new T[len];
            _wRe = new T[len];
            _wIm = new T[len];
            _sRe = new T[len];
            _sIm = new T[len];
        }
        // 1. Forward pass monitors (the forward field is still in the mesh from Forward).
        Mesh.ForwardShifterFields(_vRe, _vIm);
        // 2. Backward pass: adjoint fields at the taps and the adjoint field leaving the inputs.
        var adjointIn = Mesh.AdjointShifterFields(gradOutput, _wRe, _wIm);
        // 3. Interference pass: x + x_TR with x_TR = −i·M†g.
        var probe = x.Clone();
        for (int b = 0; b < batch; b++)
        {
            var row = probe.Row(b);
            var a = adjointIn.Row(b);
            for (int m = 0; m < n; m++)
            {
                row[m] += a[n + m];
                row[n + m] -= a[m];
            }
        }
        if (Options.AdjointIntensityFromTimeReversedPass)
        {
            // 3a. The time-reversed adjoint alone, forward: its tap intensities replace |w|².
            var tr = Tensor<T>.ZerosLike(x);
            for (int b = 0; b < batch; b++)
            {
                var row = tr.Row(b);
                var a = adjointIn.Row(b);
                for (int m = 0; m < n; m++)
                {
                    row[m] = a[n + m];
                    row[n + m] = -a[m];
                }
            }
            Mesh.Forward(tr, ForwardContext.Eval());
            Mesh.ForwardShifterFields(_wRe, _wIm);
        }
        Mesh.Forward(probe, ForwardContext.Eval());
        Mesh.ForwardShifterFields(_sRe, _sIm);

        var dTheta = Mesh.Theta.Grad.Span;
        var dPhi = Mesh.Phi.Grad.Span;
        var dOut = Mesh.OutputPhase.Grad.Span;
        int mzis = Mesh.MziCount;
        for (int s = 0; s < shifters; s++)
        {
            double acc = 0;
            for (int b = 0; b < batch; b++)
            {
                int k = (s * batch) + b;
                double iF = Read(_vRe[k], _vIm[k]);
                double iA = Read(_wRe[k], _wIm[k]);
                double iS = Read(_sRe[k], _sIm[k]);
                acc += (iS - iF - iA) / 2;
            }
            var g = T.CreateChecked(acc);
            if (s < mzis)
            {
                dTheta[s] += g;
            }
            else if (s < 2 * mzis)
            {
                dPhi[s - mzis] += g;
            }
            else
            {
                dOut[s - (2 * mzis)] += g;
            }
        }
        int passes = Options.AdjointIntensityFromTimeReversedPass ? 4 : 3;
        MeasurementCount += batch * MeasurementsPerSample;
        OpticalPasses += passes * batch;
        if (_ledger is not null)
        {
            // The forward pass was charged by Mesh.Forward; the passes sent from here and every reading are charged now.
            Mesh.CostModel.ChargeInSituMeasurements(_ledger, Mesh, batch, passes - 1, 3 * shifters, 2 * n);
        }
        _ledger = null;
        return adjointIn;
    }

    private double Read(T re, T im)
    {
        double r = double.CreateChecked(re), i = double.CreateChecked(im);
        double intensity = (r * r) + (i * i);
        if (_noise is null)
        {
            return intensity;
        }
        double variance = (Options.ThermalNoiseStd * Options.ThermalNoiseStd) + (Options.ShotNoiseFactor * intensity);
        return intensity + (Math.Sqrt(variance) * _noise.Normal());
    }
}
