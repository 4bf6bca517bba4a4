using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// Base of element-wise nonlinearities. The domain is a constructor choice (digital by default), so
/// the same ReLU can stand for a digital op or, in an electrical chain, an ideal rectifier.
/// In the digital domain each element is charged one add-equivalent (a compare or a table lookup).
/// </summary>
public abstract class Activation<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _input;
    private Tensor<T>? _output;

    /// <summary>Creates the activation in <paramref name="domain"/>.</summary>
    protected Activation(string name, Domain domain)
    {
        Name = name;
        InputDomain = domain;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Domain InputDomain { get; }

    /// <summary>How a digital element is costed (one add-equivalent at this precision); fp32 unless set.</summary>
    public DigitalCostModel CostModel { get; init; } = new();

    /// <inheritdoc/>
    public Domain OutputDomain => InputDomain;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        var y = Tensor<T>.ZerosLike(x);
        Apply(x.Span, y.Span);
        if (ctx.IsTraining)
        {
            _input = x;
            _output = y;
        }
        if (ctx.Ledger is not null && InputDomain == Domain.Digital)
        {
            ctx.Ledger.Charge($"{Name} (digital)", CostCategory.Core, new Energy(x.Length * CostModel.AddJoules), x.Length, Duration.Zero, CostModel);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (_input is null || _output is null)
        {
            throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        }
        var dx = Tensor<T>.ZerosLike(_input);
        Derivative(_input.Span, _output.Span, gradOutput.Span, dx.Span);
        return dx;
    }

    /// <summary>y = f(x), element-wise.</summary>
    protected abstract void Apply(ReadOnlySpan<T> x, Span<T> y);

    /// <summary>dx = f'(x) ⊙ g, given x and y = f(x).</summary>
    protected abstract void Derivative(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx);
}
