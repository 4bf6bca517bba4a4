using System.Numerics;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// A layer made of other layers (<see cref="Sequential{T}"/>, <see cref="Residual{T}"/>). It names its
/// parameters itself, so a container nested in another keeps every name unique and stable: the outer
/// container prefixes the inner names instead of using the bare <see cref="Parameter{T}.Name"/>, which
/// repeats ("weight") across the inner layers. Checkpoints key on these names.
/// </summary>
public interface IContainerLayer<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Every parameter of the contained layers, in <see cref="ILayer{T}.Parameters"/> order, with a name unique within this container.</summary>
    IEnumerable<(string Name, Parameter<T> Parameter)> NamedParameters();

    /// <summary>Every buffer of the contained layers (<see cref="IBufferedLayer{T}"/>), named as <see cref="NamedParameters"/> names parameters.</summary>
    IEnumerable<(string Name, Tensor<T> Buffer)> NamedBuffers();
}

/// <summary>Helpers shared by containers.</summary>
internal static class ContainerNames
{
    /// <summary>
    /// A child's parameters with names relative to the child: a container's own names, a plain
    /// layer's bare parameter names. The caller adds the prefix that places the child.
    /// </summary>
    public static IEnumerable<(string Name, Parameter<T> Parameter)> Of<T>(ILayer<T> layer) where T : unmanaged, IFloatingPointIeee754<T>
        => layer is IContainerLayer<T> container ? container.NamedParameters() : layer.Parameters.Select(p => (p.Name, p));

    /// <summary>A child's buffers with names relative to the child, as <see cref="Of{T}"/> names its parameters.</summary>
    public static IEnumerable<(string Name, Tensor<T> Buffer)> BuffersOf<T>(ILayer<T> layer) where T : unmanaged, IFloatingPointIeee754<T>
        => layer switch
        {
            IContainerLayer<T> container => container.NamedBuffers(),
            IBufferedLayer<T> buffered => buffered.Buffers,
            _ => [],
        };

    /// <summary>Throws naming the first duplicate, so two parameters can never share a checkpoint entry.</summary>
    public static void RequireUnique<T>(IEnumerable<(string Name, Parameter<T> Parameter)> named, string paramName) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in named)
        {
            if (!seen.Add(name))
            {
                throw new ArgumentException($"Parameter names must be unique within a model; '{name}' appears twice.", paramName);
            }
        }
    }
}
