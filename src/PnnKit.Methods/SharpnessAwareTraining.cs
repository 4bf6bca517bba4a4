using System.Numerics;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;

namespace PnnKit.Methods;

/// <summary>
/// Mini-batch training where every step is a <see cref="SharpnessAwareMinimization{T}"/> step. It
/// draws batches, noise and learning rates from the same streams as <see cref="Trainer{T}.Fit"/> with
/// the same seed, so against a Trainer run only the update differs. The model's own backward supplies
/// the gradient: with <see cref="PhysicsAwareLayer{T}"/> both SAM gradients are physics-aware (forward
/// measured on the system, backward through the twin) and each step measures every example twice.
/// </summary>
public static class SharpnessAwareTraining
{
    /// <summary>Trains <paramref name="model"/>; returns the examples dropped because a measurement was not finite.</summary>
    public static long Fit<T>(ILayer<T> model, Loss<T> loss, Optimizer<T> optimizer, ILearningRateSchedule schedule, Dataset<T> train,
        TrainerOptions options, double rho, Action<int, double>? epochCompleted = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!train.IsClassification)
        {
            throw new ArgumentException($"{train.Name}: SAM training here takes a classification set.", nameof(train));
        }
        var sam = new SharpnessAwareMinimization<T>(optimizer, rho);
        var root = new Rng(options.Seed);
        int n = train.Count;
        long skipped = 0;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var order = options.Shuffle ? root.Split("shuffle").Split((ulong)epoch).Permutation(n) : [.. Enumerable.Range(0, n)];
            var noise = root.Split("noise");
            double lossSum = 0;
            int trained = 0;
            for (int b = 0, start = 0; start < n; b++, start += options.BatchSize)
            {
                int[] idx = order.AsSpan(start, Math.Min(options.BatchSize, n - start)).ToArray();
                var x = train.Features.GatherRows(idx);
                int[] labels = [.. idx.Select(i => train.Labels![i])];
                optimizer.LearningRate = optimizer.BaseLearningRate * schedule.Factor(optimizer.Steps);
                var ctx = new ForwardContext(Mode.Train, noise.Split(((ulong)epoch << 32) | (uint)b));
                double LossAndGradient()
                {
                    optimizer.ZeroGrad();
                    var y = model.Forward(x, ctx);
                    var g = Tensor<T>.ZerosLike(y);
                    double l = loss.Compute(y, labels, g);
                    model.Backward(g);
                    return l;
                }
                try
                {
                    lossSum += sam.Step(LossAndGradient) * idx.Length;
                    trained += idx.Length;
                }
                catch (NonFiniteMeasurementException)
                {
                    // Never step on what could not be measured (SAM has put the weights back at w); count it.
                    skipped += idx.Length;
                }
            }
            epochCompleted?.Invoke(epoch, lossSum / Math.Max(trained, 1));
        }
        return skipped;
    }
}
