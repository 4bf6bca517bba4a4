using System.Numerics;
using PnnKit.Core.Layers;

namespace PnnKit.Photonics.TensorCore;

/// <summary>The intensity crossbars of a model, wherever they sit (residual blocks, a convolution's inner crossbar).</summary>
public static class IntensityCrossbarLayers
{
    /// <summary>Every <see cref="IntensityCrossbarLinear{T}"/> of <paramref name="model"/>, in forward order.</summary>
    public static IReadOnlyList<IntensityCrossbarLinear<T>> Of<T>(ILayer<T> model) where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. SubstrateConversion.Leaves(model).Select(l => l switch
        {
            IntensityCrossbarLinear<T> p => p,
            IntensityCrossbarConv2d<T> c => c.Inner,
            _ => null,
        }).OfType<IntensityCrossbarLinear<T>>()];

    /// <summary>
    /// Fabricates one crossbar from <paramref name="seed"/> and runs every layer of <paramref name="model"/> on it: the processor
    /// has one crossbar, and every layer's tiles pass through the same devices. <paramref name="calibrate"/>: the host calibrates
    /// it first (<see cref="IntensityCrossbarInstance.Calibrated"/>).
    /// </summary>
    public static void Fabricate<T>(ILayer<T> model, IntensityCrossbarVariation variation, ulong seed, bool calibrate = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layers = Of(model);
        foreach (var layer in layers)
        {
            layer.Instance = layer.Fabricate(variation, seed) with { Calibrated = calibrate };
        }
    }
}
