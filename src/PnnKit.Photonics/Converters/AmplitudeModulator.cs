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
        }
        return dx;
    }
}
