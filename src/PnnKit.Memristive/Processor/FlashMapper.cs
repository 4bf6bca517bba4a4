using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace PnnKit.Memristive.Processor;

/// <summary>
/// Maps a model onto the flash tiles of an <see cref="AnalogMatrixProcessorConfig"/> (<see cref="SubstrateConversion.Convert{T}"/>):
/// every <see cref="Linear{T}"/> becomes a <see cref="FlashLinear{T}"/> and every <see cref="Conv2d{T}"/> a
/// <see cref="FlashConv2d{T}"/>, weights and biases copied, each layer's WeightMax set to its largest |w| (the whole
/// threshold window used, as <see cref="Layers.CrossbarMapper{T}"/> does); every other layer stays digital (the SIMD unit).
/// </summary>
public sealed class FlashMapper<T> : ISubstrateMapper<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private ulong _mapped;

    /// <summary>A mapper onto <paramref name="config"/>'s tiles, noise keys split from <paramref name="rng"/>.</summary>
    public FlashMapper(AnalogMatrixProcessorConfig config, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(rng);
        config.Validate();
        Config = config;
        Rng = rng;
    }

    /// <inheritdoc/>
    public string Substrate => "memristive";

    /// <summary>The processor.</summary>
    public AnalogMatrixProcessorConfig Config { get; }

    /// <summary>The stream each layer's noise key is split from.</summary>
    public Rng Rng { get; }

    /// <inheritdoc/>
    public ILayer<T>? Map(ILayer<T> layer)
    {
        switch (layer)
        {
            case Linear<T> l:
                {
                    var f = new FlashLinear<T>(l.Inputs, l.Outputs, Rng.Split(_mapped++), Config, l.Bias is not null, l.Name);
                    Copy(l.Weight, f.Weight, l.Bias, f.Bias);
                    f.WeightMax = MaxAbs(f.Weight);
                    return f;
                }
            case Conv2d<T> c:
                {
                    var f = new FlashConv2d<T>(c.InChannels, c.OutChannels, c.KernelH, c.KernelW, Rng.Split(_mapped++), Config,
                        c.StrideH, c.StrideW, c.PadTop, c.PadLeft, c.PadBottom, c.PadRight, c.DilationH, c.DilationW, c.Bias is not null, c.Name);
                    Copy(c.Weight, f.Weight, c.Bias, f.Bias);
                    f.Inner.WeightMax = MaxAbs(f.Weight);
                    return f;
                }
            default:
                return null;
        }
    }

    private static double MaxAbs(Parameter<T> w)
    {
        double m = Math.Abs(double.CreateTruncating(TensorPrimitives.MaxMagnitude<T>(w.Value.Span)));
        return m > 0 && double.IsFinite(m) ? m : 1;
    }

    private static void Copy(Parameter<T> w, Parameter<T> to, Parameter<T>? b, Parameter<T>? toBias)
    {
        w.Value.Span.CopyTo(to.Value.Span);
        if (b is not null && toBias is not null)
        {
            b.Value.Span.CopyTo(toBias.Value.Span);
        }
    }
}
