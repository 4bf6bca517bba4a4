using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Methods;

/// <summary>
/// Direct feedback alignment (Nøkland, NeurIPS 2016): the output error e reaches each hidden layer
/// through a fixed random matrix, δₗ = (e·Bₗ) ⊙ f'(aₗ), instead of through the transposed forward
/// weights. No weight transport, so the backward path need not mirror the hardware. Wraps a
/// Sequential of Linear layers separated by element-wise layers (activations, dropout); as an
/// ILayer it drops into the ordinary Trainer, whose Backward call then runs DFA.
/// </summary>
public sealed class DirectFeedbackAlignment<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Sequential<T> _model;
    private readonly int[] _linearIndices;
    private readonly Tensor<T>[] _feedback;

    /// <summary>Wraps <paramref name="model"/>; feedback matrices are N(0, 1/outputs), drawn once from <paramref name="rng"/>.</summary>
    public DirectFeedbackAlignment(Sequential<T> model, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rng);
        _linearIndices = [.. model.Layers.Select((l, i) => (l, i)).Where(p => p.l is Linear<T>).Select(p => p.i)];
        if (_linearIndices.Length == 0 || _linearIndices[^1] != model.Layers.Count - 1)
        {
            throw new ArgumentException("Direct feedback alignment needs a model that ends with a Linear layer.", nameof(model));
        }
        foreach (var layer in model.Layers.Where(l => l is not Linear<T>))
        {
            if (layer.Parameters.Count > 0)
            {
                throw new ArgumentException($"Layer '{layer.Name}' between Linear layers has parameters; DFA supports parameter-free element-wise layers there.", nameof(model));
            }
        }
        _model = model;
        int outputs = ((Linear<T>)model.Layers[^1]).Outputs;
        _feedback = new Tensor<T>[_linearIndices.Length - 1];
        for (int k = 0; k < _feedback.Length; k++)
        {
            var linear = (Linear<T>)model.Layers[_linearIndices[k]];
            _feedback[k] = new Tensor<T>(outputs, linear.Outputs);
            rng.Split((ulong)k).FillNormal(_feedback[k].Span, 0, 1 / Math.Sqrt(outputs));
        }
    }

    /// <summary>The fixed feedback matrix of hidden Linear layer <paramref name="k"/>, shape [outputs, width].</summary>
    public Tensor<T> Feedback(int k) => _feedback[k];

    /// <inheritdoc/>
    public string Name => "dfa";

    /// <inheritdoc/>
    public Domain InputDomain => _model.InputDomain;

    /// <inheritdoc/>
    public Domain OutputDomain => _model.OutputDomain;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => _model.Parameters;

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx) => _model.Forward(x, ctx);

    /// <summary>Accumulates DFA parameter updates from the output error; returns no input gradient (zeros).</summary>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var layers = _model.Layers;
        var input = layers[^1].Backward(gradOutput);
        for (int k = 0; k < _feedback.Length; k++)
        {
            int start = _linearIndices[k], next = _linearIndices[k + 1];
            var g = Gemm.MatMul(gradOutput, _feedback[k]);
            for (int i = next - 1; i > start; i--)
            {
                g = layers[i].Backward(g);
            }
            input = layers[start].Backward(g);
        }
        return Tensor<T>.ZerosLike(input);
    }
}
