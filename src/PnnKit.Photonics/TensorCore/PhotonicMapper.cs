using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;

namespace PnnKit.Photonics.TensorCore;

/// <summary>
/// `pnn convert --to photonic`: every Linear runs on a photonic tensor core (<see cref="PhotonicLinear{T}"/>), every
/// Conv2d on the same core through its unrolled patches (<see cref="PhotonicConv2d{T}"/>); weights and biases copied.
/// The rest of the model stays digital.
/// </summary>
public sealed class PhotonicMapper<T>(PhotonicCoreConfig config, Rng rng) : ISubstrateMapper<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public string Substrate => "photonic";

    /// <summary>The core every mapped layer uses.</summary>
    public PhotonicCoreConfig Config { get; } = config ?? throw new ArgumentNullException(nameof(config));

    /// <inheritdoc/>
    public ILayer<T>? Map(ILayer<T> layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        switch (layer)
        {
            case Linear<T> l:
                {
                    var p = new PhotonicLinear<T>(l.Inputs, l.Outputs, rng.Split(l.Name), Config, l.Bias is not null, $"photonic-{l.Name}");
                    l.Weight.Value.Span.CopyTo(p.Weight.Value.Span);
                    l.Bias?.Value.Span.CopyTo(p.Bias!.Value.Span);
                    return p;
                }
            case Conv2d<T> c:
                return PhotonicConv2d<T>.From(c, Config, rng.Split(c.Name));
            default:
                return null;
        }
    }
}
