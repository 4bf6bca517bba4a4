using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Memristive.Devices;

namespace PnnKit.Memristive.Layers;

/// <summary>
/// The crossbar layers of a model wherever they sit, so fabrication, ageing and calibration reach them all:
/// leaves of <see cref="Sequential{T}"/> and <see cref="Residual{T}"/> containers
/// (<see cref="SubstrateConversion.Leaves{T}"/>) and the <see cref="AnalogConv2d{T}.Inner"/> layer of every
/// analog convolution. For a flat sequential model this is exactly its <see cref="AnalogLinear{T}"/> layers in order.
/// </summary>
public static class AnalogLayers
{
    /// <summary>Every <see cref="AnalogLinear{T}"/> of <paramref name="model"/>, in forward order.</summary>
    public static IReadOnlyList<AnalogLinear<T>> Of<T>(ILayer<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var found = new List<AnalogLinear<T>>();
        foreach (var leaf in SubstrateConversion.Leaves(model))
        {
            switch (leaf)
            {
                case AnalogLinear<T> a:
                    found.Add(a);
                    break;
                case AnalogConv2d<T> c:
                    found.Add(c.Inner);
                    break;
            }
        }
        return found;
    }

    /// <summary>
    /// Fabricates and programs every crossbar layer of <paramref name="model"/> from its current weights, layer i
    /// (in <see cref="Of{T}"/> order) from seed <paramref name="seed"/> + i, as <c>pnn robustness</c> seeds them;
    /// each then reads its instance at <see cref="ForwardContext.AgeSeconds"/>. Returns the instances in that order.
    /// </summary>
    public static IReadOnlyList<CrossbarInstance> Program<T>(ILayer<T> model, DeviceVariation variation, ulong seed, PcmNoiseModel? noise = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(variation);
        var layers = Of(model);
        var instances = new CrossbarInstance[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            instances[i] = layers[i].Program(variation, seed + (ulong)i, noise);
        }
        return instances;
    }
}
