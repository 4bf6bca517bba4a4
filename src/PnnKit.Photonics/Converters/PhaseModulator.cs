using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Costs;

namespace PnnKit.Photonics.Converters;

/// <summary>
/// Phase encoding: each of N values drives a phase modulator on a waveguide carrying constant
/// amplitude A, producing the field A·e^{i·s·x} (s: radians per input unit). Input [batch, N]
/// (digital through a DAC, or electrical), output a field [batch, 2, N].
/// </summary>
public sealed class PhaseModulator<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _x;

    /// <summary>Phase modulators on <paramref name="modes"/> waveguides.</summary>
    public PhaseModulator(int modes, double radiansPerUnit = Math.PI, double amplitude = 1.0, Domain inputDomain = Domain.Digital, string name = "phase-modulator")
    {
        if (modes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(modes), $"Need at least one modulator; got {modes}.");
        }
        if (inputDomain == Domain.Optical)
        {
            throw new ArgumentException("A modulator converts a digital or electrical signal into light.", nameof(inputDomain));
        }
        Modes = modes;
        RadiansPerUnit = radiansPerUnit;
        Amplitude = amplitude;
        InputDomain = inputDomain;
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Waveguides driven.</summary>
    public int Modes { get; }

    /// <summary>Phase per input unit, rad.</summary>
    public double RadiansPerUnit { get; }

    /// <summary>Field amplitude on every waveguide.</summary>
    public double Amplitude { get; }

    /// <summary>Cost model charged per symbol.</summary>
    public PhotonicCostModel CostModel { get; init; } = PhotonicCostModel.Default;

    /// <inheritdoc/>
    public Domain InputDomain { get; }

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Optical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.RowLength != Modes)
        {
            throw new ArgumentException($"{Name}: expected {Modes} values per sample; got {x.RowLength}.", nameof(x));
        }
        _x = x;
        int n = Modes;
        var y = new Tensor<T>(x.Rows, 2, n);
        for (int b = 0; b < x.Rows; b++)
        {
            var src = x.Row(b);
            var dst = y.Row(b);
            for (int m = 0; m < n; m++)
            {
                double phase = RadiansPerUnit * double.CreateChecked(src[m]);
                dst[m] = T.CreateChecked(Amplitude * Math.Cos(phase));
                dst[n + m] = T.CreateChecked(Amplitude * Math.Sin(phase));
            }
        }
        if (ctx?.Ledger is not null)
        {
            CostModel.ChargeModulators(ctx.Ledger, Name, n, x.Rows);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _x ?? throw new InvalidOperationException($"{Name}: Backward called without a preceding Forward.");
        int n = Modes;
        var dx = Tensor<T>.ZerosLike(x);
        for (int b = 0; b < x.Rows; b++)
        {
            var src = x.Row(b);
            var g = gradOutput.Row(b);
            var d = dx.Row(b);
            for (int m = 0; m < n; m++)
            {
                double phase = RadiansPerUnit * double.CreateChecked(src[m]);
                // y = A·(cos, sin)(s·x): ∂L/∂x = s·A·(−sin·g_re + cos·g_im).
                double v = RadiansPerUnit * Amplitude * ((-Math.Sin(phase) * double.CreateChecked(g[m])) + (Math.Cos(phase) * double.CreateChecked(g[n + m])));
                d[m] = T.CreateChecked(v);
            }
        }
        return dx;
    }
}
