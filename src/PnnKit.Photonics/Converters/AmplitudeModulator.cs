using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Costs;

namespace PnnKit.Photonics.Converters;

/// <summary>
/// Input modulators: encode F real values per sample as real field amplitudes on the first F of N
/// waveguides (a push-pull Mach–Zehnder modulator biased at quadrature gives a signed real
/// amplitude); the remaining N − F waveguides carry a constant bias amplitude. Input [batch, F] in
/// the digital (DAC-driven) or electrical domain, output a field [batch, 2, N].
/// By default the amplitude equals the value (ideal, e.g. a digitally pre-distorted drive). With
/// <see cref="DriveVPi"/> set, each feature drives a real push-pull MZM biased at null: the field
/// amplitude is sin(π·V/(2·V_π)) of the unit carrier (intensity sin²), V the value clipped to the drive
/// range [0, V_π] (push-pull MZM field transfer cos(π·ΔV/(2·V_π)) about its null bias; Seimetz,
/// High-Order Modulation for Optical Fiber Transmission, Springer 2009, §3.2.1). The amplitude is then
/// bounded by 1 and its slope by π/(2·V_π): the gain from one layer to the next is bounded.
/// </summary>
public sealed class AmplitudeModulator<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int _batch;
    private Tensor<T>? _x;

    /// <summary>Modulators for <paramref name="features"/> values on <paramref name="modes"/> waveguides.</summary>
    public AmplitudeModulator(int features, int modes, double biasAmplitude = 1.0, Domain inputDomain = Domain.Digital, string name = "modulator")
    {
        if (features < 1 || modes < features)
        {
            throw new ArgumentOutOfRangeException(nameof(modes), $"Need 1 ≤ features ≤ modes; got features = {features}, modes = {modes}.");
        }
        if (inputDomain == Domain.Optical)
        {
            throw new ArgumentException("A modulator converts a digital or electrical signal into light.", nameof(inputDomain));
        }
        Features = features;
        Modes = modes;
        BiasAmplitude = biasAmplitude;
        InputDomain = inputDomain;
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Values encoded per sample.</summary>
    public int Features { get; }

    /// <summary>Waveguides driven.</summary>
    public int Modes { get; }

    /// <summary>Amplitude on the waveguides that carry no feature.</summary>
    public double BiasAmplitude { get; }

    /// <inheritdoc/>
    public Domain InputDomain { get; }

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Optical;

    /// <summary>
    /// Resolution of the DAC driving each modulator, bits (0: ideal). When set, each value is clipped
    /// to [−<see cref="FullScale"/>, +<see cref="FullScale"/>] and rounded to one of 2^bits levels;
    /// Backward passes the gradient straight through inside the range and zeroes it where clipped.
    /// </summary>
    public int DacBits { get; init; }

    /// <summary>Full-scale amplitude of the DAC-driven modulators (used when <see cref="DacBits"/> &gt; 0).</summary>
    public double FullScale { get; init; } = 1.0;

    /// <summary>
    /// V_π of the MZM, in units of the input value (null: the ideal linear modulator). The drive range is
    /// [0, V_π]: values below 0 give amplitude 0, above V_π amplitude 1.
    /// </summary>
    public double? DriveVPi
    {
        get => _vPi;
        init => _vPi = value is double v && !(v > 0 && double.IsFinite(v))
            ? throw new ArgumentOutOfRangeException(nameof(DriveVPi), $"DriveVPi must be finite and > 0 (or null: linear); got {v}.")
            : value;
    }

    private double? _vPi;
    private double[] _drive = [];

    /// <summary>Cost model charged to the context's ledger on every Forward (bias waveguides carry CW light and cost no modulator).</summary>
    public PhotonicCostModel CostModel { get; init; } = PhotonicCostModel.Default;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        _x = x;
        if (x.RowLength != Features)
        {
            throw new ArgumentException($"{Name}: expected {Features} values per sample; got {x.RowLength}.", nameof(x));
        }
        int batch = x.Rows, n = Modes;
        _batch = batch;
        if (_vPi is not null && _drive.Length != batch * Features)
        {
            _drive = new double[batch * Features];
        }
        var y = new Tensor<T>(batch, 2, n);
        T bias = T.CreateChecked(BiasAmplitude);
        for (int b = 0; b < batch; b++)
        {
            var src = x.Row(b);
            var dst = y.Row(b);
            src.CopyTo(dst);
            dst[Features..n].Fill(bias);
            if (DacBits > 0)
            {
                double lsb = 2 * FullScale / ((1L << DacBits) - 1);
                for (int m = 0; m < Features; m++)
                {
                    double v = Math.Clamp(double.CreateChecked(dst[m]), -FullScale, FullScale);
                    dst[m] = T.CreateChecked(-FullScale + (Math.Round((v + FullScale) / lsb) * lsb));
                }
            }
            if (_vPi is double vPi)
            {
                for (int m = 0; m < Features; m++)
                {
                    double v = double.CreateChecked(dst[m]);
                    _drive[(b * Features) + m] = v;
                    dst[m] = T.CreateChecked(Math.Sin(Math.PI / 2 * Math.Clamp(v, 0, vPi) / vPi));
                }
            }
        }
        if (ctx?.Ledger is not null)
        {
            CostModel.ChargeModulators(ctx.Ledger, Name, Features, batch);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var dx = new Tensor<T>(_batch, Features);
        for (int b = 0; b < _batch; b++)
        {
            gradOutput.Row(b)[..Features].CopyTo(dx.Row(b));
            if (DacBits > 0 && _x is not null)
            {
                var src = _x.Row(b);
                var d = dx.Row(b);
                for (int m = 0; m < Features; m++)
                {
                    double v = double.CreateChecked(src[m]);
                    if (v < -FullScale || v > FullScale)
                    {
                        d[m] = T.Zero;
                    }
                }
            }
            if (_vPi is double vPi)
            {
                // d sin(π·V/(2V_π))/dV inside the drive range; 0 where the drive was clipped (it is 0 at V_π itself).
                var d = dx.Row(b);
                for (int m = 0; m < Features; m++)
                {
                    double v = _drive[(b * Features) + m];
                    d[m] = v >= 0 && v <= vPi ? d[m] * T.CreateChecked(Math.PI / (2 * vPi) * Math.Cos(Math.PI / 2 * v / vPi)) : T.Zero;
                }
            }
        }
        return dx;
    }
}
