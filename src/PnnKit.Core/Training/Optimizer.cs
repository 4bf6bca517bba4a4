using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Training;

/// <summary>
/// Base of first-order optimizers, bound to a parameter list at construction (as in PyTorch).
/// Each parameter owns a fixed number of state slots (momentum, second moment) that checkpoints
/// save and restore, so a resumed run continues bit for bit. After each update, parameters are
/// projected onto their physical bounds.
/// </summary>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>[][] _slots;

    /// <summary>Binds to <paramref name="parameters"/> with <paramref name="slotsPerParameter"/> state tensors each.</summary>
    protected Optimizer(IReadOnlyList<Parameter<T>> parameters, double learningRate, int slotsPerParameter)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"Learning rate must be finite and > 0, got {learningRate}.");
        }
        Parameters = parameters;
        LearningRate = learningRate;
        BaseLearningRate = learningRate;
        _slots = [.. parameters.Select(p => Enumerable.Range(0, slotsPerParameter).Select(_ => Tensor<T>.ZerosLike(p.Value)).ToArray())];
    }

    /// <summary>The parameters this optimizer updates.</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Learning rate used by the next step (schedules set it).</summary>
    public double LearningRate { get; set; }

    /// <summary>The learning rate given at construction.</summary>
    public double BaseLearningRate { get; }

    /// <summary>Number of steps taken.</summary>
    public long Steps { get; private set; }

    /// <summary>All state tensors, in parameter order, for checkpoints.</summary>
    public IEnumerable<Tensor<T>> StateTensors => _slots.SelectMany(s => s);

    /// <summary>Restores the step count (state tensors are restored in place through <see cref="StateTensors"/>).</summary>
    public void RestoreSteps(long steps) => Steps = steps;

    /// <summary>Applies one update from the accumulated gradients.</summary>
    public void Step()
    {
        Steps++;
        for (int i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (!p.Trainable)
            {
                continue;
            }
            Update(p.Value.Span, p.Grad.Span, _slots[i]);
            p.Clamp();
        }
    }

    /// <summary>Zeroes every gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters)
        {
            p.ZeroGrad();
        }
    }

    /// <summary>Updates one parameter's value from its gradient and state slots.</summary>
    protected abstract void Update(Span<T> value, ReadOnlySpan<T> grad, Tensor<T>[] slots);
}
