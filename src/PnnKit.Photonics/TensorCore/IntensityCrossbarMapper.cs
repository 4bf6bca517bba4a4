using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;

namespace PnnKit.Photonics.TensorCore;

/// <summary>
/// `pnn convert --to photonic` with model.core: intensity-crossbar: every Linear runs on an incoherent intensity crossbar
/// (<see cref="IntensityCrossbarLinear{T}"/>), every Conv2d on the same crossbar through its patches
/// (<see cref="IntensityCrossbarConv2d{T}"/>); weights and biases copied, the rest of the model stays digital.
/// </summary>
public sealed class IntensityCrossbarMapper<T>(IntensityCrossbarConfig config, Rng rng) : ISubstrateMapper<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public string Substrate => "photonic";

    /// <summary>The crossbar every mapped layer uses.</summary>
    public IntensityCrossbarConfig Config { get; } = config ?? throw new ArgumentNullException(nameof(config));

    /// <inheritdoc/>
    public ILayer<T>? Map(ILayer<T> layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        switch (layer)
        {
            case Linear<T> l:
                {
                    var p = new IntensityCrossbarLinear<T>(l.Inputs, l.Outputs, rng.Split(l.Name), Config, l.Bias is not null, $"crossbar-{l.Name}");
                    l.Weight.Value.Span.CopyTo(p.Weight.Value.Span);
                    l.Bias?.Value.Span.CopyTo(p.Bias!.Value.Span);
                    return p;
                }
            case Conv2d<T> c:
                return IntensityCrossbarConv2d<T>.From(c, Config, rng.Split(c.Name));
            default:
                return null;
        }
    }
}
