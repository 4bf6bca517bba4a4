using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// Digital dense layer y = x·Wᵀ + b with W of shape [out, in]. Initialised like PyTorch's
/// nn.Linear (uniform in ±1/√in for weights and bias) so baselines compare like for like.
/// </summary>
public sealed class Linear<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _input;

    /// <summary>A layer mapping <paramref name="inputs"/> features to <paramref name="outputs"/>.</summary>
    public Linear(int inputs, int outputs, Rng rng, bool bias = true, string name = "linear")
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        double bound = 1.0 / Math.Sqrt(inputs);
        Weight = new Parameter<T>("weight", new Tensor<T>(outputs, inputs));
        rng.FillUniform(Weight.Value.Span, -bound, bound);
        if (bias)
        {
            Bias = new Parameter<T>("bias", new Tensor<T>(outputs));
            rng.FillUniform(Bias.Value.Span, -bound, bound);
        }
        Parameters = Bias is null ? [Weight] : [Weight, Bias];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Input features.</summary>
    public int Inputs { get; }

    /// <summary>Output features.</summary>
    public int Outputs { get; }

    /// <summary>Weights, shape [out, in].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Bias, shape [out], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>How the digital arithmetic is costed.</summary>
    public DigitalCostModel CostModel { get; init; } = new();

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        if (x.RowLength != Inputs)
        {
            throw new ArgumentException($"{Name}: expects {Inputs} input features, got {x.RowLength}.", nameof(x));
        }
        int batch = x.Rows;
        var y = new Tensor<T>(batch, Outputs);
        Gemm.Multiply(false, true, batch, Outputs, Inputs, T.One, x.Data, Inputs, Weight.Value.Data, Inputs, T.Zero, y.Data, Outputs);
        if (Bias is not null)
        {
            TensorOps.AddToRows(y, Bias.Value.Span);
        }
        _input = ctx.IsTraining ? x : null;
        if (ctx.Ledger is not null)
        {
            CostModel.ChargeDense(ctx.Ledger, Name, (long)Inputs * Outputs, (long)Inputs * Outputs + (Bias is null ? 0 : Outputs), batch);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _input ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        int batch = x.Rows;
        // dW += gᵀ·x ; db += Σ_batch g ; dx = g·W
        Gemm.Multiply(true, false, Outputs, Inputs, batch, T.One, gradOutput.Data, Outputs, x.Data, Inputs, T.One, Weight.Grad.Data, Inputs);
        if (Bias is not null)
        {
            TensorOps.AccumulateColumnSums(gradOutput, Bias.Grad.Span);
        }
        var dx = new Tensor<T>(x.Rows, Inputs);
        Gemm.Multiply(false, false, batch, Inputs, Outputs, T.One, gradOutput.Data, Outputs, Weight.Value.Data, Inputs, T.Zero, dx.Data, Inputs);
        return dx.Reshape([.. x.Shape]);
    }
}
