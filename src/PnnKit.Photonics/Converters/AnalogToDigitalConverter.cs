using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Costs;

namespace PnnKit.Photonics.Converters;

/// <summary>
/// An ADC: clips each electrical value to [min, max] and rounds it to one of 2^bits levels (electrical
/// → digital). Backward passes the gradient straight through inside the range and zeroes it where
/// the input was clipped (the straight-through estimator of quantization). Charges one conversion per value.
/// </summary>
public sealed class AnalogToDigitalConverter<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _x;

    /// <summary>An ADC of <paramref name="bits"/> bits over [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public AnalogToDigitalConverter(int bits, double min, double max, string name = "adc")
    {
        if (bits is < 1 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), $"ADC resolution must be 1–24 bits; got {bits}.");
        }
        if (!(max > min))
        {
            throw new ArgumentException($"The full-scale range needs max > min; got [{min}, {max}].", nameof(max));
        }
        Bits = bits;
        Min = min;
        Max = max;
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Resolution, bits.</summary>
    public int Bits { get; }

    /// <summary>Lower end of the full-scale range.</summary>
    public double Min { get; }

    /// <summary>Upper end of the full-scale range.</summary>
    public double Max { get; }

    /// <summary>Cost model charged per conversion (its <see cref="PhotonicCostModel.AdcBits"/> is ignored in favour of <see cref="Bits"/>).</summary>
    public PhotonicCostModel CostModel { get; init; } = PhotonicCostModel.Default;

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Electrical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        _x = x;
        var y = Tensor<T>.ZerosLike(x);
        for (int i = 0; i < x.Length; i++)
        {
            y.Data[i] = T.CreateChecked(Quantize(double.CreateChecked(x.Data[i]), Min, Max, Bits));
        }
        if (ctx?.Ledger is not null)
        {
            double joules = CostModel.ConverterJoulesPerStep * Math.Pow(2, Bits);
            ctx.Ledger.Charge($"{Name} conversions", Core.Costs.CostCategory.Converter, new Core.Costs.Energy(joules * x.Length), x.Length, Core.Costs.Duration.FromRate(CostModel.SymbolRateHz), CostModel);
        }
        return y;
    }

    /// <summary>The converter's transfer: <paramref name="v"/> clipped to [<paramref name="min"/>, <paramref name="max"/>] and rounded to the nearest of 2^<paramref name="bits"/> uniform levels.</summary>
    public static double Quantize(double v, double min, double max, int bits)
    {
        double lsb = (max - min) / ((1L << bits) - 1);
        return min + (Math.Round((Math.Clamp(v, min, max) - min) / lsb) * lsb);
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _x ?? throw new InvalidOperationException($"{Name}: Backward called without a preceding Forward.");
        var dx = Tensor<T>.ZerosLike(x);
        T lo = T.CreateChecked(Min), hi = T.CreateChecked(Max);
        for (int i = 0; i < x.Length; i++)
        {
            dx.Data[i] = x.Data[i] >= lo && x.Data[i] <= hi ? gradOutput.Data[i] : T.Zero;
        }
        return dx;
    }
}
