using System.Numerics;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// The layer contract (DESIGN.md §2). <see cref="Forward"/> keeps what <see cref="Backward"/> needs;
/// <see cref="Backward"/> receives dL/d(output) of the last forward pass, adds parameter gradients
/// into <see cref="Parameter{T}.Grad"/> and returns dL/d(input). The backward pass of a physical
/// layer is the adjoint of its physics, written out.
/// Complex optical fields use the Wirtinger convention: for a real loss L and a field z = a + ib,
/// the gradient tensor carries ∂L/∂a in the real plane and ∂L/∂b in the imaginary plane
/// (i.e. 2·∂L/∂z̄), so a complex layer's backward is the conjugate-transpose (adjoint) of its
/// linear map applied to that gradient.
/// </summary>
public interface ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A short name used in messages and reports.</summary>
    string Name { get; }

    /// <summary>The signal domain consumed.</summary>
    Domain InputDomain { get; }

    /// <summary>The signal domain produced.</summary>
    Domain OutputDomain { get; }

    /// <summary>Trainable parameters (may be empty).</summary>
    IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Computes the output for a batch <paramref name="x"/> of shape [batch, ...].</summary>
    Tensor<T> Forward(Tensor<T> x, ForwardContext ctx);

    /// <summary>Back-propagates <paramref name="gradOutput"/>; returns the gradient for the input.</summary>
    Tensor<T> Backward(Tensor<T> gradOutput);
}
