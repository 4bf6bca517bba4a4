using System.Numerics;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// Layers applied in order. Construction checks that neighbouring domains agree (DESIGN.md §3);
/// forward rejects non-finite input naming the first bad element, and with a ledger runs each layer
/// as a cost stage (<see cref="Costs.CostLedger.BeginStage"/>).
/// </summary>
public sealed class Sequential<T> : IContainerLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T>[] _layers;
    private readonly Parameter<T>[] _parameters;

    /// <summary>Builds a model from <paramref name="layers"/>; throws if domains do not chain.</summary>
    public Sequential(params ILayer<T>[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0)
        {
            throw new ArgumentException("A sequential model needs at least one layer.", nameof(layers));
        }
        DomainCheck.Validate([.. layers.Select(l => (l.Name, l.InputDomain, l.OutputDomain))]);
        _layers = layers;
        _parameters = [.. layers.SelectMany(l => l.Parameters)];
        ContainerNames.RequireUnique(NamedParameters(), nameof(layers));
    }

    /// <inheritdoc/>
    public string Name => "sequential";

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<ILayer<T>> Layers => _layers;

    /// <inheritdoc/>
    public Domain InputDomain => _layers[0].InputDomain;

    /// <inheritdoc/>
    public Domain OutputDomain => _layers[^1].OutputDomain;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>
    /// Parameters with names qualified by layer index and name, e.g. "0:linear.weight". A layer that is
    /// itself a container (<see cref="IContainerLayer{T}"/>) contributes its own names under the same
    /// prefix, e.g. "3:residual.main/0:conv.weight", so nested names stay unique while flat models keep
    /// exactly the names their checkpoints were saved with.
    /// </summary>
    public IEnumerable<(string Name, Parameter<T> Parameter)> NamedParameters()
    {
        for (int i = 0; i < _layers.Length; i++)
        {
            foreach (var (name, p) in ContainerNames.Of(_layers[i]))
            {
                yield return ($"{i}:{_layers[i].Name}.{name}", p);
            }
        }
    }

    /// <inheritdoc/>
    public IEnumerable<(string Name, Tensor<T> Buffer)> NamedBuffers()
    {
        for (int i = 0; i < _layers.Length; i++)
        {
            foreach (var (name, b) in ContainerNames.BuffersOf(_layers[i]))
            {
                yield return ($"{i}:{_layers[i].Name}.{name}", b);
            }
        }
    }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        int bad = x.IndexOfNonFinite();
        if (bad >= 0)
        {
            throw new ArgumentException($"Input contains {x.Data[bad]} at row {bad / Math.Max(1, x.RowLength)}, column {bad % Math.Max(1, x.RowLength)}; inputs must be finite.", nameof(x));
        }
        if (ctx.Ledger is not { } ledger)
        {
            foreach (var layer in _layers)
            {
                x = layer.Forward(x, ctx);
            }
            return x;
        }
        // Each layer is a stage of the ledger: same-named layers stay apart, and a converter that
        // charged nothing is a missing term that system figures name instead of omitting (DESIGN.md §3).
        for (int i = 0; i < _layers.Length; i++)
        {
            var layer = _layers[i];
            using var stage = ledger.BeginStage($"{i}:{layer.Name}");
            x = layer.Forward(x, ctx);
            if (layer.InputDomain != layer.OutputDomain && !stage.Charged)
            {
                ledger.RequireCost(layer.Name, $"layer {i} '{layer.Name}' converts {layer.InputDomain} to {layer.OutputDomain} signals but charged no cost");
            }
        }
        return x;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            gradOutput = _layers[i].Backward(gradOutput);
        }
        return gradOutput;
    }

    /// <summary>Zeroes every parameter gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters)
        {
            p.ZeroGrad();
        }
    }
}
