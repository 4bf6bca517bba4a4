using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Training;

/// <summary>
/// Adam (Kingma &amp; Ba, ICLR 2015) and, with <c>decoupled: true</c>, AdamW (Loshchilov &amp; Hutter,
/// ICLR 2019), matching PyTorch's update and defaults (β₁ = 0.9, β₂ = 0.999, ε = 1e-8; AdamW's
/// weight decay 0.01). Plain Adam's weight decay is an L2 term added to the gradient; AdamW's
/// shrinks the weights directly. Vectorised with <see cref="Vector{T}"/>.
/// </summary>
public sealed class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer.</summary>
    public Adam(IReadOnlyList<Parameter<T>> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0, bool decoupled = false)
        : base(parameters, learningRate, 2)
    {
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), $"β₁ and β₂ must be in [0, 1), got {beta1} and {beta2}.");
        }
        if (!(epsilon > 0) || weightDecay < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), $"ε must be > 0 and weight decay ≥ 0, got {epsilon} and {weightDecay}.");
        }
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        Decoupled = decoupled;
    }

    /// <summary>AdamW with PyTorch's default weight decay 0.01.</summary>
    public static Adam<T> AdamW(IReadOnlyList<Parameter<T>> parameters, double learningRate = 1e-3, double weightDecay = 0.01) =>
        new(parameters, learningRate, weightDecay: weightDecay, decoupled: true);

    /// <summary>First-moment decay β₁.</summary>
    public double Beta1 { get; }

    /// <summary>Second-moment decay β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε added to √v̂.</summary>
    public double Epsilon { get; }

    /// <summary>Weight decay.</summary>
    public double WeightDecay { get; }

    /// <summary>True for AdamW (decoupled weight decay).</summary>
    public bool Decoupled { get; }

    /// <inheritdoc/>
    protected override void Update(Span<T> value, ReadOnlySpan<T> grad, Tensor<T>[] slots)
    {
        var m = slots[0].Span;
        var v = slots[1].Span;
        double bc1 = 1 - Math.Pow(Beta1, Steps), bc2 = 1 - Math.Pow(Beta2, Steps);
        T b1 = T.CreateChecked(Beta1), b2 = T.CreateChecked(Beta2);
        T c1 = T.One - b1, c2 = T.One - b2;
        T step = T.CreateChecked(LearningRate / bc1);
        T invSqrtBc2 = T.CreateChecked(1 / Math.Sqrt(bc2));
        T eps = T.CreateChecked(Epsilon);
        T l2 = Decoupled ? T.Zero : T.CreateChecked(WeightDecay);
        T shrink = Decoupled ? T.CreateChecked(1 - (LearningRate * WeightDecay)) : T.One;

        int i = 0;
        if (Vector.IsHardwareAccelerated && value.Length >= Vector<T>.Count)
        {
            var vb1 = new Vector<T>(b1);
            var vb2 = new Vector<T>(b2);
            var vc1 = new Vector<T>(c1);
            var vc2 = new Vector<T>(c2);
            var vstep = new Vector<T>(step);
            var vinv = new Vector<T>(invSqrtBc2);
            var veps = new Vector<T>(eps);
            var vl2 = new Vector<T>(l2);
            var vshrink = new Vector<T>(shrink);
            for (; i <= value.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var w = new Vector<T>(value[i..]);
                var g = new Vector<T>(grad[i..]) + (vl2 * w);
                var mi = (vb1 * new Vector<T>(m[i..])) + (vc1 * g);
                var vi = (vb2 * new Vector<T>(v[i..])) + (vc2 * g * g);
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                w = (vshrink * w) - (vstep * mi / ((Vector.SquareRoot(vi) * vinv) + veps));
                w.CopyTo(value[i..]);
            }
        }
        for (; i < value.Length; i++)
        {
            T g = grad[i] + (l2 * value[i]);
            m[i] = (b1 * m[i]) + (c1 * g);
            v[i] = (b2 * v[i]) + (c2 * g * g);
            value[i] = (shrink * value[i]) - (step * m[i] / ((T.Sqrt(v[i]) * invSqrtBc2) + eps));
        }
    }
}
