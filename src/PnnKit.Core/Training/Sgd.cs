using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Training;

/// <summary>
/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay,
/// following PyTorch's torch.optim.SGD update: g ← g + λw; v ← μv + g; w ← w − η(g + μv if Nesterov, else v).
/// </summary>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer.</summary>
    public Sgd(IReadOnlyList<Parameter<T>> parameters, double learningRate, double momentum = 0, double weightDecay = 0, bool nesterov = false)
        : base(parameters, learningRate, 1)
    {
        if (momentum is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), $"Momentum must be in [0, 1), got {momentum}.");
        }
        if (weightDecay < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), $"Weight decay must be ≥ 0, got {weightDecay}.");
        }
        Momentum = momentum;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
    }

    /// <summary>Momentum μ.</summary>
    public double Momentum { get; }

    /// <summary>L2 weight decay λ.</summary>
    public double WeightDecay { get; }

    /// <summary>Nesterov momentum.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    protected override void Update(Span<T> value, ReadOnlySpan<T> grad, Tensor<T>[] slots)
    {
        T lr = T.CreateChecked(LearningRate), mu = T.CreateChecked(Momentum), wd = T.CreateChecked(WeightDecay);
        var v = slots[0].Span;
        bool first = Steps == 1;
        for (int i = 0; i < value.Length; i++)
        {
            T g = grad[i] + (wd * value[i]);
            if (Momentum > 0)
            {
                v[i] = first ? g : (mu * v[i]) + g;
                g = Nesterov ? g + (mu * v[i]) : v[i];
            }
            value[i] -= lr * g;
        }
    }
}
