using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Physical;

/// <summary>
/// A physical system that measures its own gradient in situ (Hughes et al., Optica 2018; Pai et al., Science 2023): given
/// the inputs and the adjoint sources ∂L/∂outputs, it returns ∂L/∂controls and ∂L/∂inputs as its instrument reads them,
/// noise included, so in-situ training needs no model of the device.
/// </summary>
public interface IGradientSystem<T> : IPhysicalSystem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Measures, with <paramref name="controls"/> applied, the gradient for <paramref name="inputs"/> ([batch, InputSize])
    /// and <paramref name="sources"/> ([batch, OutputSize]): ∂L/∂controls summed over the batch, and ∂L/∂inputs
    /// ([batch, InputSize]); charges its passes and readings to <paramref name="ledger"/>.
    /// </summary>
    (T[] ControlGradient, Tensor<T> InputGradient) MeasureGradient(Tensor<T> inputs, Tensor<T> sources, ReadOnlySpan<T> controls, CostLedger? ledger = null);
}
