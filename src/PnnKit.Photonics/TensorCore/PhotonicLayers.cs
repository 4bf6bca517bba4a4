using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.TensorCore;

/// <summary>The photonic tensor cores of a model, wherever they sit (residual blocks, a convolution's inner core).</summary>
public static class PhotonicLayers
{
    /// <summary>Every <see cref="PhotonicLinear{T}"/> of <paramref name="model"/>, in forward order.</summary>
    public static IReadOnlyList<PhotonicLinear<T>> Of<T>(ILayer<T> model) where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. SubstrateConversion.Leaves(model).Select(l => l switch
        {
            PhotonicLinear<T> p => p,
            PhotonicConv2d<T> c => c.Inner,
            _ => null,
        }).OfType<PhotonicLinear<T>>()];

    /// <summary>Fabricates every core of <paramref name="model"/> (core i from <paramref name="seed"/> + i) and runs the model on the copies.</summary>
    public static void Fabricate<T>(ILayer<T> model, MeshVariation variation, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var cores = Of(model);
        for (int i = 0; i < cores.Count; i++)
        {
            cores[i].Instance = cores[i].Fabricate(variation, seed + (ulong)i);
        }
    }
}
