using System.Numerics;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// A layer with state learned from the data but not by the optimizer (PyTorch's "buffers"), such as batch norm's running
/// statistics. It is not a <see cref="Parameter{T}"/>, so no optimizer moves it, but a checkpoint must carry it: a fine-tuned
/// model reloaded without it would evaluate with the statistics it was built with.
/// </summary>
public interface IBufferedLayer<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The buffers, each with a name unique within the layer; a checkpoint reads into these tensors in place.</summary>
    IReadOnlyList<(string Name, Tensor<T> Value)> Buffers { get; }
}
