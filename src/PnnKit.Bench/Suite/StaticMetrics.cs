using System.Numerics;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Bench.Suite;

/// <summary>
/// NeuroBench-style static and data-dependent complexity metrics (Yik et al., "NeuroBench", Nature
/// Communications 2025): footprint, connection sparsity, activation sparsity, effective MACs.
/// </summary>
/// <param name="FootprintBytes">Bytes of parameters and buffers at the model's word size.</param>
/// <param name="ConnectionSparsity">Fraction of weights (not biases) that are exactly zero.</param>
/// <param name="ActivationSparsity">Fraction of activation-layer outputs that are exactly zero, over the test set.</param>
/// <param name="EffectiveMacsPerSample">Multiply-accumulates per sample where neither the input activation nor the weight is zero, mean over the test set (biases not counted).</param>
public sealed record StaticMetrics(long FootprintBytes, double ConnectionSparsity, double ActivationSparsity, double EffectiveMacsPerSample)
{
    /// <summary>
    /// Measures a sequential network of <see cref="Linear{T}"/> and activation layers on <paramref name="test"/>
    /// in evaluation mode; <paramref name="bytesPerWord"/> is the stored word size (4 for float32).
    /// </summary>
    public static StaticMetrics Measure<T>(Sequential<T> model, Dataset<T> test, int bytesPerWord = 4)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerWord, 1);
        long words = model.Parameters.Sum(p => (long)p.Value.Length);
        long weights = 0, zeroWeights = 0;
        foreach (var linear in model.Layers.OfType<Linear<T>>())
        {
            weights += linear.Weight.Value.Length;
            zeroWeights += linear.Weight.Value.Data.Count(w => w == T.Zero);
        }
        long activations = 0, zeroActivations = 0;
        double macs = 0;
        var ctx = new ForwardContext(Mode.Eval, new Rng(0));
        Tensor<T> x = test.Features;
        foreach (var layer in model.Layers)
        {
            if (layer is Linear<T> linear)
            {
                macs += EffectiveMacs(linear, x);
            }
            x = layer.Forward(x, ctx);
            if (layer is Activation<T>) // dropout is the identity in evaluation and is not counted twice
            {
                activations += x.Length;
                zeroActivations += x.Data.Count(v => v == T.Zero);
            }
        }
        return new StaticMetrics(words * bytesPerWord, weights == 0 ? 0 : (double)zeroWeights / weights,
            activations == 0 ? 0 : (double)zeroActivations / activations, macs / test.Count);
    }

    // Σ over samples and inputs i with x_i ≠ 0 of the nonzero weights fed by input i (weights are [outputs, inputs]).
    private static double EffectiveMacs<T>(Linear<T> linear, Tensor<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = linear.Weight.Value.Data;
        var fanOut = new long[linear.Inputs];
        for (int o = 0; o < linear.Outputs; o++)
        {
            for (int i = 0; i < linear.Inputs; i++)
            {
                fanOut[i] += w[(o * linear.Inputs) + i] == T.Zero ? 0 : 1;
            }
        }
        long macs = 0;
        var data = x.Data;
        for (int s = 0; s < x.Rows; s++)
        {
            for (int i = 0; i < linear.Inputs; i++)
            {
                macs += data[(s * linear.Inputs) + i] == T.Zero ? 0 : fanOut[i];
            }
        }
        return macs;
    }
}
