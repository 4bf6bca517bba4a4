using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// A residual block (He et al., CVPR 2016): y = main(x) + shortcut(x), with the identity when
/// <see cref="Shortcut"/> is null. Both branches see the same input, must produce the same shape,
/// and must consume and produce the same signal domains, since their outputs are added.
/// <para>Parameter names (<see cref="NamedParameters"/>) are "main/…" and "shortcut/…": a branch that
/// is a container contributes its own names ("main/0:conv.weight"), a single layer its name and the
/// parameter's ("shortcut/conv.weight"). In a <see cref="Sequential{T}"/> they sit under the block's
/// position, e.g. "3:residual.main/0:conv.weight". With a ledger each branch runs as a stage
/// ("main", "shortcut") inside the block's, and the digital add is charged to the block.</para>
/// </summary>
public sealed class Residual<T> : IContainerLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters;
    private int[]? _inputShape;

    /// <summary>A block adding <paramref name="main"/>(x) to <paramref name="shortcut"/>(x), or to x itself when it is null.</summary>
    public Residual(ILayer<T> main, ILayer<T>? shortcut = null, string name = "residual")
    {
        ArgumentNullException.ThrowIfNull(main);
        Main = main;
        Shortcut = shortcut;
        Name = name;
        // The identity shortcut passes x on unchanged, so it consumes and produces main's input domain.
        var (sIn, sOut, sName) = shortcut is null ? (main.InputDomain, main.InputDomain, "identity shortcut") : (shortcut.InputDomain, shortcut.OutputDomain, $"shortcut '{shortcut.Name}'");
        if (sIn != main.InputDomain || sOut != main.OutputDomain)
        {
            throw new DomainMismatchException(
                $"{name}: main branch '{main.Name}' maps {main.InputDomain} to {main.OutputDomain} signals but the {sName} maps {sIn} to {sOut}; " +
                "both branches must consume and produce the same domains to be added.");
        }
        _parameters = [.. main.Parameters, .. shortcut?.Parameters ?? []];
        ContainerNames.RequireUnique(NamedParameters(), nameof(main));
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The residual branch.</summary>
    public ILayer<T> Main { get; }

    /// <summary>The shortcut branch (a projection), or null for the identity.</summary>
    public ILayer<T>? Shortcut { get; }

    /// <summary>How the element-wise add is costed (one add per output element) when the block outputs digital signals.</summary>
    public DigitalCostModel CostModel { get; init; } = new();

    /// <inheritdoc/>
    public Domain InputDomain => Main.InputDomain;

    /// <inheritdoc/>
    public Domain OutputDomain => Main.OutputDomain;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <inheritdoc/>
    public IEnumerable<(string Name, Parameter<T> Parameter)> NamedParameters()
    {
        foreach (var (name, p) in Branch("main", Main))
        {
            yield return (name, p);
        }
        if (Shortcut is not null)
        {
            foreach (var (name, p) in Branch("shortcut", Shortcut))
            {
                yield return (name, p);
            }
        }
    }

    /// <inheritdoc/>
    public IEnumerable<(string Name, Tensor<T> Buffer)> NamedBuffers()
    {
        (string Branch, ILayer<T> Layer)[] branches = Shortcut is null ? [("main", Main)] : [("main", Main), ("shortcut", Shortcut)];
        foreach (var (branch, layer) in branches)
        {
            string prefix = layer is IContainerLayer<T> ? $"{branch}/" : $"{branch}/{layer.Name}.";
            foreach (var (name, b) in ContainerNames.BuffersOf(layer))
            {
                yield return (prefix + name, b);
            }
        }
    }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        var ledger = ctx.Ledger;
        Tensor<T> a, b;
        using (ledger?.BeginStage("main"))
        {
            a = Main.Forward(x, ctx);
        }
        if (Shortcut is null)
        {
            b = x;
        }
        else
        {
            using (ledger?.BeginStage("shortcut"))
            {
                b = Shortcut.Forward(x, ctx);
            }
        }
        if (!a.SameShape(b))
        {
            throw new ArgumentException($"{Name}: main branch '{Main.Name}' outputs {ImageShape.Format(a.Shape)} but the {(Shortcut is null ? "identity shortcut" : $"shortcut '{Shortcut.Name}'")} outputs {ImageShape.Format(b.Shape)}; they must match to be added.", nameof(x));
        }
        var y = Tensor<T>.ZerosLike(a);
        TensorOps.Add(a, b, y);
        _inputShape = ctx.IsTraining ? x.Shape.ToArray() : null;
        if (ledger is not null && OutputDomain == Domain.Digital)
        {
            CostModel.ChargeElementwise(ledger, Name, y.Length);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var shape = _inputShape ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        // The add passes the same gradient to both branches; their input gradients add up.
        var dMain = Main.Backward(gradOutput);
        var dShort = Shortcut is null ? gradOutput : Shortcut.Backward(gradOutput);
        // Both are gradients for x; view them in x's shape (a layer may return its own view of it).
        var dx = new Tensor<T>(shape);
        TensorOps.Add(dMain.Reshape(shape), dShort.Reshape(shape), dx);
        return dx;
    }

    private static IEnumerable<(string Name, Parameter<T> Parameter)> Branch(string branch, ILayer<T> layer)
        => layer is IContainerLayer<T>
            ? ContainerNames.Of(layer).Select(n => ($"{branch}/{n.Name}", n.Parameter))
            : layer.Parameters.Select(p => ($"{branch}/{layer.Name}.{p.Name}", p));
}
