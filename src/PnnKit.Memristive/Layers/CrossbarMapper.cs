using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Memristive.Crossbar;

namespace PnnKit.Memristive.Layers;

/// <summary>
/// The memristive substrate's <see cref="ISubstrateMapper{T}"/>: every <see cref="Linear{T}"/> becomes an
/// <see cref="AnalogLinear{T}"/> and every <see cref="Conv2d{T}"/> an <see cref="AnalogConv2d{T}"/> with the same
/// geometry, name, weights and bias (copied), on tiles and converters set up by <see cref="Config"/>; every other
/// layer stays digital. Use it through <see cref="SubstrateConversion.Convert{T}"/>.
/// <para>Weight range. By default (<see cref="ScaleWeightsPerLayer"/>) each layer's mapping is scaled to that
/// layer's largest |w|: WeightMax = max|W|, so the largest weight is a device at GMax, no weight is clipped, and the
/// digital rescaling after the ADC (by WeightMax) gives back the original weights. This is aihwkit's
/// convert_to_analog with its default mapping (weight_scaling_omega = 1, per layer): the model is converted as
/// trained, and the conductance range is used whole, which matters because output noise and the ADC are fixed in
/// units of one device at GMax (a layer of weights ±1/8 mapped with WeightMax = 1 reads with several times the
/// noise-to-signal ratio). The configured <see cref="WeightMapping.WeightMax"/> is then used only for an all-zero
/// layer. With <see cref="ScaleWeightsPerLayer"/> false the configured mapping is kept as it is, for models trained
/// hardware-aware within ±WeightMax; weights beyond it follow its <see cref="WeightMapping.Policy"/> when read
/// (clipped with a warning, or refused).</para>
/// <para>Each mapped layer draws its construction stream (its noise key) from <see cref="Rng"/> in mapping
/// order, so a conversion is reproducible from the seed and two layers never share noise.</para>
/// </summary>
public sealed class CrossbarMapper<T> : ISubstrateMapper<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private ulong _mapped;

    /// <summary>A mapper onto crossbars set up by <paramref name="config"/>, with noise streams split from <paramref name="rng"/>.</summary>
    public CrossbarMapper(AnalogConfig config, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(rng);
        config.Validate();
        Config = config;
        Rng = rng;
    }

    /// <inheritdoc/>
    public string Substrate => "memristive";

    /// <summary>Tiles, converters, noise and mapping of every mapped layer (its weight range scaled per layer unless <see cref="ScaleWeightsPerLayer"/> is false).</summary>
    public AnalogConfig Config { get; }

    /// <summary>The stream each mapped layer's construction stream is split from.</summary>
    public Rng Rng { get; }

    /// <summary>Scale each layer's WeightMax to its largest |w| (default true, as aihwkit); false keeps <see cref="Config"/>'s mapping.</summary>
    public bool ScaleWeightsPerLayer { get; init; } = true;

    /// <inheritdoc/>
    public ILayer<T>? Map(ILayer<T> layer) => layer switch
    {
        Linear<T> l => MapLinear(l),
        Conv2d<T> c => MapConv(c),
        _ => null,
    };

    private AnalogLinear<T> MapLinear(Linear<T> l)
    {
        var a = new AnalogLinear<T>(l.Inputs, l.Outputs, Next(), ConfigFor(l.Weight), l.Bias is not null, l.Name);
        Copy(l.Weight, a.Weight);
        Copy(l.Bias, a.Bias);
        return a;
    }

    private AnalogConv2d<T> MapConv(Conv2d<T> c)
    {
        var a = new AnalogConv2d<T>(c.InChannels, c.OutChannels, c.KernelH, c.KernelW, Next(), ConfigFor(c.Weight),
            c.StrideH, c.StrideW, c.PadTop, c.PadLeft, c.PadBottom, c.PadRight, c.DilationH, c.DilationW, c.Bias is not null, c.Name);
        Copy(c.Weight, a.Weight);
        Copy(c.Bias, a.Bias);
        return a;
    }

    private Rng Next() => Rng.Split(_mapped++);

    private AnalogConfig ConfigFor(Parameter<T> weight)
    {
        if (!ScaleWeightsPerLayer)
        {
            return Config;
        }
        double max = double.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<T>(weight.Value.Span));
        max = Math.Abs(max);
        if (!(max > 0) || !double.IsFinite(max))
        {
            return Config;
        }
        var m = Config.Mapping;
        return Config with { Mapping = new WeightMapping(m.GMax, max, m.Levels, m.Policy, m.GMin) { Warn = m.Warn } };
    }

    private static void Copy(Parameter<T>? from, Parameter<T>? to)
    {
        if (from is not null && to is not null)
        {
            from.Value.Span.CopyTo(to.Value.Span);
        }
    }
}
