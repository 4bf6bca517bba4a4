using System.Numerics;

namespace PnnKit.Core.Layers;

/// <summary>
/// How a substrate takes over the linear algebra of a digital model (DESIGN §1): each Linear or Conv2d becomes the
/// substrate's layer with its periphery (tiles, converters), the weights copied in. Everything else (activations,
/// pooling, batch norm, softmax) stays digital. Interop and the CLI call a mapper and know no physics.
/// </summary>
public interface ISubstrateMapper<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The substrate's name, as `pnn convert --to` spells it (memristive, photonic).</summary>
    string Substrate { get; }

    /// <summary>The substrate layer standing for <paramref name="layer"/>, or null to keep it digital.</summary>
    ILayer<T>? Map(ILayer<T> layer);
}

/// <summary>Applies an <see cref="ISubstrateMapper{T}"/> to a whole model, through its containers.</summary>
public static class SubstrateConversion
{
    /// <summary>
    /// A copy of <paramref name="model"/>'s structure with every layer the mapper takes replaced by its substrate layer;
    /// the layers it leaves digital are shared with <paramref name="model"/>, not copied.
    /// </summary>
    public static ILayer<T> Convert<T>(ILayer<T> model, ISubstrateMapper<T> mapper) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(mapper);
        return model switch
        {
            Sequential<T> s => new Sequential<T>([.. s.Layers.Select(l => Convert(l, mapper))]),
            Residual<T> r => new Residual<T>(Convert(r.Main, mapper), r.Shortcut is null ? null : Convert(r.Shortcut, mapper), r.Name),
            _ => mapper.Map(model) ?? model,
        };
    }

    /// <summary>Every leaf layer of <paramref name="model"/>, in forward order, through Sequential and Residual containers.</summary>
    public static IEnumerable<ILayer<T>> Leaves<T>(ILayer<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return model switch
        {
            Sequential<T> s => s.Layers.SelectMany(Leaves),
            Residual<T> r => Leaves(r.Main).Concat(r.Shortcut is null ? [] : Leaves(r.Shortcut)),
            _ => [model],
        };
    }
}
