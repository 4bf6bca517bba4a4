using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// Puts activations on the grid a lower-precision digital engine holds them on: int8 codes at a fixed
/// scale (k·<see cref="Scale"/>, k in −127…127, or 0…255 for non-negative inputs, rounded to nearest
/// and clamped) or IEEE half. The float tensor then carries exactly what the integer (or fp16) engine
/// would compute, so accuracy after post-training quantization is measured, not assumed.
/// Backward is the straight-through estimator (gradient passed where the value was not clamped).
/// </summary>
public sealed class FakeQuantize<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _min;
    private readonly int _max;
    private Tensor<T>? _input;

    private FakeQuantize(string name, DigitalPrecision format, double scale, int min, int max, DigitalCostModel cost)
    {
        Name = name;
        Format = format;
        Scale = scale;
        _min = min;
        _max = max;
        CostModel = cost;
    }

    /// <summary>
    /// int8 codes at <paramref name="scale"/> per step; <paramref name="nonNegative"/> for inputs that are never
    /// negative (after a ReLU: codes 0…255, as PyTorch's quint8 activations), else symmetric −127…127.
    /// <paramref name="requantize"/>: the input is a 32-bit accumulator rescaled to 8 bits (charged one
    /// <see cref="DigitalCostModel.RequantizeJoules"/> per element); false for the network input, which the host supplies as codes.
    /// </summary>
    public static FakeQuantize<T> Codes8(double scale, bool nonNegative, bool requantize, string name = "quantize")
    {
        if (!(scale > 0) || !double.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), $"{name}: int8 scale must be finite and > 0, got {scale}.");
        }
        var cost = new DigitalCostModel(DigitalPrecision.Fixed8);
        return new FakeQuantize<T>(name, DigitalPrecision.Fixed8, scale, nonNegative ? 0 : -127, nonNegative ? 255 : 127, cost) { Requantize = requantize };
    }

    /// <summary>Rounds to IEEE half (fp16), round to nearest even; conversion is not charged (a format change, no arithmetic).</summary>
    public static FakeQuantize<T> Fp16(string name = "to-fp16") => new(name, DigitalPrecision.Fp16, 0, 0, 0, new DigitalCostModel(DigitalPrecision.Fp16));

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Fixed8 (int8 codes) or Fp16.</summary>
    public DigitalPrecision Format { get; }

    /// <summary>Value of one int8 step (0 for fp16).</summary>
    public double Scale { get; }

    /// <summary>Whether the input is an accumulator rescaled to 8 bits (charged), not the host's input codes.</summary>
    public bool Requantize { get; private init; }

    /// <summary>How the rescale is costed.</summary>
    public DigitalCostModel CostModel { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        var y = Tensor<T>.ZerosLike(x);
        var src = x.Span;
        var dst = y.Span;
        for (int i = 0; i < src.Length; i++)
        {
            dst[i] = Format == DigitalPrecision.Fp16 ? T.CreateTruncating((double)(System.Half)double.CreateTruncating(src[i])) : T.CreateTruncating(Code(double.CreateTruncating(src[i])) * Scale);
        }
        _input = ctx.IsTraining ? x : null;
        if (ctx.Ledger is not null && Requantize)
        {
            ctx.Ledger.Charge($"{Name} (requantize)", CostCategory.Core, new Energy(CostModel.RequantizeJoules) * x.Length, x.Length, Duration.Zero, CostModel);
        }
        return y;
    }

    /// <summary>The int8 code of <paramref name="v"/>: nearest step, ties to even, clamped to the code range.</summary>
    public int Code(double v) => (int)Math.Clamp(Math.Round(v / Scale, MidpointRounding.ToEven), _min, _max);

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _input ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        var dx = Tensor<T>.ZerosLike(gradOutput);
        var g = gradOutput.Span;
        var xs = x.Span;
        var d = dx.Span;
        for (int i = 0; i < g.Length; i++)
        {
            double v = double.CreateTruncating(xs[i]);
            bool inside = Format == DigitalPrecision.Fp16 || (v >= (_min - 0.5) * Scale && v <= (_max + 0.5) * Scale);
            d[i] = inside ? g[i] : T.Zero;
        }
        return dx;
    }
}
