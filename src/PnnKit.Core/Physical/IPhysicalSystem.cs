using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Physical;

/// <summary>
/// A physical system seen as a black box (DESIGN.md §5): it maps a batch of inputs and a vector of
/// control settings to measured outputs, with measurement noise, counting every query. A simulated
/// fabricated instance implements it, and so can real hardware behind a network link. Training
/// methods in PnnKit.Methods see only this interface.
/// </summary>
public interface IPhysicalSystem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A short name for reports.</summary>
    string Name { get; }

    /// <summary>Values per input example.</summary>
    int InputSize { get; }

    /// <summary>Values per measured output.</summary>
    int OutputSize { get; }

    /// <summary>Number of control settings (phases, voltages, conductance targets).</summary>
    int ControlCount { get; }

    /// <summary>Measurements made so far, one per example per query.</summary>
    long QueryCount { get; }

    /// <summary>
    /// Applies <paramref name="controls"/>, sends <paramref name="inputs"/> ([batch, InputSize]) and
    /// returns the measured outputs ([batch, OutputSize]); charges energy and latency to <paramref name="ledger"/>.
    /// </summary>
    Tensor<T> Measure(Tensor<T> inputs, ReadOnlySpan<T> controls, CostLedger? ledger = null);
}
