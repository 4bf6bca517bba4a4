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
/// with respect to the realized, not the commanded, phases. Readings are made as
/// <see cref="InSituOptions"/> says (by default <see cref="InSituOptions.Measured"/>): the adjoint source is
/// scaled to the laser's power per sample and generated with amplitude and phase errors, as is x_TR (made
/// from the noisy coherent reading of x_adj); every reading carries shot and thermal noise and goes through
/// an ADC; the readings are divided back by the source's scale. <see cref="MeasurementCount"/> counts every reading. By default
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

    /// <summary>
    /// Wraps <paramref name="mesh"/> (typically a fabricated instance) for in-situ training, with readings made as
    /// <paramref name="options"/> says (default <see cref="InSituOptions.Measured"/>; <see cref="InSituOptions.NoiseFree"/> for the exact protocol).
    /// </summary>
    public InSituMesh(MziMesh<T> mesh, InSituOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        Mesh = mesh;
        Options = options ?? InSituOptions.Measured;
        Options.Validate();
    }

    /// <summary>The mesh measured.</summary>
    public MziMesh<T> Mesh { get; }

    /// <summary>How the readings are made: detector noise, ADC, adjoint source.</summary>
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
        // 0. The adjoint source the chip can make: scaled to the laser's power (per sample), then generated with errors.
        var scale = new double[batch];
        var source = AdjointSource(gradOutput, scale);
        // 1. Forward pass monitors (the forward field is still in the mesh from Forward).
        Mesh.ForwardShifterFields(_vRe, _vIm);
        // 2. Backward pass: adjoint fields at the taps and the adjoint field leaving the inputs, read coherently.
        var adjointIn = Mesh.AdjointShifterFields(source, _wRe, _wIm);
        ReadCoherent(adjointIn, scale);
        // 3. The time-reversed adjoint x_TR = −i·M†g, generated at the inputs from that reading.
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
            Generate(row, n);
        }
        if (Options.AdjointIntensityFromTimeReversedPass)
        {
            // 3a. The time-reversed adjoint alone, forward: its tap intensities replace |w|².
            Mesh.Forward(tr, ForwardContext.Eval());
            Mesh.ForwardShifterFields(_wRe, _wIm);
        }
        // 4. Interference pass: x + x_TR.
        var probe = x.Clone();
        for (int i = 0; i < probe.Length; i++)
        {
            probe.Data[i] += tr.Data[i];
        }
        Mesh.Forward(probe, ForwardContext.Eval());
        Mesh.ForwardShifterFields(_sRe, _sIm);

        var dTheta = Mesh.Theta.Grad.Span;
        var dPhi = Mesh.Phi.Grad.Span;
        var dOut = Mesh.OutputPhase.Grad.Span;
        int mzis = Mesh.MziCount;
        double fullScale = Options.AdcFullScalePerMode * n;
        for (int s = 0; s < shifters; s++)
        {
            double acc = 0;
            for (int b = 0; b < batch; b++)
            {
                int k = (s * batch) + b;
                if (scale[b] == 0)
                {
                    continue;
                }
                double iF = Read(_vRe[k], _vIm[k], fullScale);
                double iA = Read(_wRe[k], _wIm[k], fullScale);
                double iS = Read(_sRe[k], _sIm[k], fullScale);
                // The source was scaled by scale[b]; the interference term scales with it.
                acc += (iS - iF - iA) / (2 * scale[b]);
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
        for (int b = 0; b < batch; b++)
        {
            var row = adjointIn.Row(b);
            T inv = scale[b] == 0 ? T.Zero : T.CreateChecked(1 / scale[b]);
            for (int i = 0; i < row.Length; i++)
            {
                row[i] *= inv;
            }
        }
        return adjointIn;
    }

    /// <summary>
    /// The source sent into the outputs, in the gradient planes of ∂L/∂y: per sample scaled by
    /// <paramref name="scale"/> to the available power (1 when not power-limited; 0 for a zero
    /// gradient, whose sample then contributes nothing), then generated with the modulators' errors.
    /// </summary>
    private Tensor<T> AdjointSource(Tensor<T> gradOutput, double[] scale)
    {
        int batch = gradOutput.Dim(0), n = Mesh.Modes;
        if (Options.AdjointPowerPerMode is not double perMode && !Options.IsNoisy)
        {
            Array.Fill(scale, 1.0);
            return gradOutput;
        }
        var source = gradOutput.Clone();
        for (int b = 0; b < batch; b++)
        {
            var row = source.Row(b);
            double s = 1;
            if (Options.AdjointPowerPerMode is double p)
            {
                double power = 0;
                for (int i = 0; i < row.Length; i++)
                {
                    double v = double.CreateChecked(row[i]);
                    power += v * v;
                }
                s = power > 0 ? Math.Sqrt(p * n / power) : 0;
            }
            scale[b] = s;
            T ts = T.CreateChecked(s);
            for (int i = 0; i < row.Length; i++)
            {
                row[i] *= ts;
            }
            Generate(row, n);
        }
        return source;
    }

    /// <summary>
    /// A modulator-generated field: each mode's complex amplitude times (1 + ε_a)·e^{iε_φ}. (The physical
    /// source is the conjugate of the gradient plane; the error distribution is symmetric, so drawing it on
    /// either is the same.)
    /// </summary>
    private void Generate(Span<T> row, int n)
    {
        if (_noise is null || (Options.SourceAmplitudeErrorStd == 0 && Options.SourcePhaseErrorStd == 0))
        {
            return;
        }
        for (int m = 0; m < n; m++)
        {
            double amp = 1 + (Options.SourceAmplitudeErrorStd * _noise.Normal());
            double phase = Options.SourcePhaseErrorStd * _noise.Normal();
            double re = double.CreateChecked(row[m]), im = double.CreateChecked(row[n + m]);
            double c = amp * Math.Cos(phase), s = amp * Math.Sin(phase);
            row[m] = T.CreateChecked((re * c) - (im * s));
            row[n + m] = T.CreateChecked((re * s) + (im * c));
        }
    }

    /// <summary>
    /// Coherent (balanced homodyne) reading of the adjoint field at the inputs, in place. Against a local
    /// oscillator of power P_LO = 1 unit (the laser's power per mode), each quadrature is read with
    /// variance (2·σ_th² + shot·P_LO)/(4·P_LO): two detectors, each with the thermal noise and the shot
    /// noise of half the LO, differenced and divided by the homodyne gain 2·√P_LO. The ADC spans ±√P_adj,
    /// the brightest a quadrature of the adjoint can be.
    /// </summary>
    private void ReadCoherent(Tensor<T> field, double[] scale)
    {
        const double loPower = 1;
        double std = Math.Sqrt(((2 * Options.ThermalNoiseStd * Options.ThermalNoiseStd) + (Options.ShotNoiseFactor * loPower)) / (4 * loPower));
        bool noisy = _noise is not null && std > 0;
        if (!noisy && Options.AdcBits == 0)
        {
            return;
        }
        int batch = field.Dim(0), n = Mesh.Modes;
        for (int b = 0; b < batch; b++)
        {
            var row = field.Row(b);
            double fullScale = Options.AdjointPowerPerMode is double p ? Math.Sqrt(p * n) : Math.Sqrt(n);
            for (int i = 0; i < row.Length; i++)
            {
                double v = double.CreateChecked(row[i]);
                if (noisy)
                {
                    v += std * _noise!.Normal();
                }
                if (Options.AdcBits > 0)
                {
                    v = Quantize(v, -fullScale, fullScale, Options.AdcBits);
                }
                row[i] = T.CreateChecked(v);
            }
        }
    }

    /// <summary>A tap's intensity reading: |E|² plus shot and thermal noise, then the ADC over [0, <paramref name="fullScale"/>].</summary>
    private double Read(T re, T im, double fullScale)
    {
        double r = double.CreateChecked(re), i = double.CreateChecked(im);
        double intensity = (r * r) + (i * i);
        if (_noise is not null)
        {
            double variance = (Options.ThermalNoiseStd * Options.ThermalNoiseStd) + (Options.ShotNoiseFactor * intensity);
            intensity += Math.Sqrt(variance) * _noise.Normal();
        }
        return Options.AdcBits > 0 ? Quantize(intensity, 0, fullScale, Options.AdcBits) : intensity;
    }

    /// <summary>The uniform quantizer of <see cref="Converters.AnalogToDigitalConverter{T}"/>: clip to [min, max], round to one of 2^bits levels.</summary>
    private static double Quantize(double v, double min, double max, int bits) => Converters.AnalogToDigitalConverter<T>.Quantize(v, min, max, bits);
}
