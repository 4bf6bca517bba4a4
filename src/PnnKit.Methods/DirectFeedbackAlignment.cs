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
/// Sequential of weight layers (any layer with parameters whose Backward turns δ into its parameter
/// gradient: <see cref="Linear{T}"/>, a crossbar layer, a photonic mesh) separated by parameter-free
/// layers (activations, dropout, or detection and re-modulation between meshes); as an ILayer it drops
/// into the ordinary Trainer, whose Backward call then runs DFA. Only the last weight layer receives
/// the true error, through any parameter-free layers after it (an output detector, a fixed gain), as
/// DFA uses the output nonlinearity's own derivative. Bₗ maps the error to the input of the next
/// weight layer, and the layers in between carry it back to weight layer ℓ.
/// </summary>
public sealed class DirectFeedbackAlignment<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Sequential<T> _model;
    private readonly int[] _weightIndices;
    private readonly Tensor<T>?[] _feedback;
    private readonly Rng _rng;

    /// <summary>
    /// Wraps <paramref name="model"/>; feedback matrices are N(0, 1/outputs), drawn from
    /// <paramref name="rng"/> (stream k for hidden layer k) at the first Forward, when the widths are known.
    /// </summary>
    public DirectFeedbackAlignment(Sequential<T> model, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rng);
        _weightIndices = [.. model.Layers.Select((l, i) => (l, i)).Where(p => p.l.Parameters.Count > 0).Select(p => p.i)];
        if (_weightIndices.Length == 0)
        {
            throw new ArgumentException("Direct feedback alignment needs a model with at least one weight layer (one with parameters, e.g. Linear).", nameof(model));
        }
        _model = model;
        _rng = rng;
        _feedback = new Tensor<T>?[_weightIndices.Length - 1];
    }

    /// <summary>
    /// The fixed feedback matrix of hidden weight layer <paramref name="k"/>, shape [outputs, width];
    /// drawn at the first Forward.
    /// </summary>
    public Tensor<T> Feedback(int k) => _feedback[k] ?? throw new InvalidOperationException("The feedback matrices are drawn at the first Forward, when the layer widths are known.");

    /// <inheritdoc/>
    public string Name => "dfa";

    /// <inheritdoc/>
    public Domain InputDomain => _model.InputDomain;

    /// <inheritdoc/>
    public Domain OutputDomain => _model.OutputDomain;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => _model.Parameters;

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.IndexOfNonFinite() >= 0)
        {
            throw new ArgumentException("Input contains a non-finite value; inputs must be finite.", nameof(x));
        }
        var layers = _model.Layers;
        var widths = new int[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            x = layers[i].Forward(x, ctx);
            widths[i] = x.RowLength;
        }
        int outputs = widths[^1];
        for (int k = 0; k < _feedback.Length; k++)
        {
            int width = widths[_weightIndices[k + 1] - 1]; // the next weight layer's input
            if (_feedback[k] is { } b && (b.Dim(0) != outputs || b.Dim(1) != width))
            {
                throw new InvalidOperationException($"Layer widths changed since the feedback matrices were drawn ({b.Dim(0)}×{b.Dim(1)}, now {outputs}×{width}).");
            }
            if (_feedback[k] is null)
            {
                var fresh = new Tensor<T>(outputs, width);
                _rng.Split((ulong)k).FillNormal(fresh.Span, 0, 1 / Math.Sqrt(outputs));
                _feedback[k] = fresh;
            }
        }
        return x;
    }

    /// <summary>Accumulates DFA parameter updates from the output error; returns no input gradient (zeros).</summary>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var layers = _model.Layers;
        int last = _weightIndices[^1];
        var tail = gradOutput;
        for (int i = layers.Count - 1; i > last; i--)
        {
            tail = layers[i].Backward(tail);
        }
        var input = layers[last].Backward(tail);
        for (int k = 0; k < _feedback.Length; k++)
        {
            int start = _weightIndices[k], next = _weightIndices[k + 1];
            var g = Gemm.MatMul(gradOutput.Reshape(gradOutput.Rows, gradOutput.RowLength), Feedback(k));
            for (int i = next - 1; i > start; i--)
            {
                g = layers[i].Backward(g);
            }
            input = layers[start].Backward(g);
        }
        return Tensor<T>.ZerosLike(input);
    }
}
