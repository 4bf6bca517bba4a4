using PnnKit.Bench.Suite;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Bench.Tests.Suite;

public sealed class StaticMetricsTests
{
    [Fact]
    public void Measure_MatchesAHandComputedTwoLayerNetwork()
    {
        // Layer 1 (3 → 2), weights [outputs, inputs] = [[1, 0, 2], [0, 0, −1]], bias [0, 0.5]; ReLU; layer 2 (2 → 1), [[1, 1]], bias 0.
        var rng = new Rng(1);
        var l1 = new Linear<double>(3, 2, rng);
        var l2 = new Linear<double>(2, 1, rng);
        double[] w1 = [1, 0, 2, 0, 0, -1];
        w1.CopyTo(l1.Weight.Value.Data, 0);
        l1.Bias!.Value.Data[0] = 0;
        l1.Bias.Value.Data[1] = 0.5;
        l2.Weight.Value.Data[0] = 1;
        l2.Weight.Value.Data[1] = 1;
        l2.Bias!.Value.Data[0] = 0;
        var model = new Sequential<double>(l1, new ReLU<double>(), l2);
        // Samples x = [1, 0, 1] and [0, 2, 0].
        var test = new Dataset<double>("hand", Tensor<double>.FromArray([1, 0, 1, 0, 2, 0], 2, 3), [0, 1], 2);

        var m = StaticMetrics.Measure(model, test, bytesPerWord: 8);

        // 6 + 2 + 2 + 1 = 11 parameters of 8 bytes.
        Assert.Equal(88, m.FootprintBytes);
        // Zero weights: 3 of 8 (biases not counted).
        Assert.Equal(3.0 / 8, m.ConnectionSparsity, 15);
        // Hidden pre-activations: sample 1 [1 + 2, −1 + 0.5] = [3, −0.5] → [3, 0]; sample 2 [0, 0.5] → [0, 0.5]: 2 of 4 zero.
        Assert.Equal(0.5, m.ActivationSparsity, 15);
        // Layer 1: inputs 0 and 2 of sample 1 feed 1 + 2 nonzero weights, input 1 of sample 2 feeds none: 3.
        // Layer 2: one nonzero hidden value per sample, each feeding one weight: 2. Total 5 over 2 samples.
        Assert.Equal(2.5, m.EffectiveMacsPerSample, 15);
    }

    [Fact]
    public void Measure_CountsEveryMacOfADenseNetworkOnNonzeroInputs()
    {
        var rng = new Rng(3);
        var model = new Sequential<float>(new Linear<float>(5, 4, rng), new ReLU<float>(), new Linear<float>(4, 3, rng));
        var x = new float[7 * 5];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = 1 + (i % 3); // no zero inputs
        }
        var test = new Dataset<float>("dense", Tensor<float>.FromArray(x, 7, 5), new int[7], 3);
        var m = StaticMetrics.Measure(model, test);
        Assert.Equal(((5 * 4) + 4 + (4 * 3) + 3) * 4, m.FootprintBytes);
        Assert.Equal(0, m.ConnectionSparsity);
        // Layer 1 always does 20 MACs; layer 2 does 3 per nonzero hidden unit.
        double hiddenNonzero = (1 - m.ActivationSparsity) * 4;
        Assert.Equal(20 + (3 * hiddenNonzero), m.EffectiveMacsPerSample, 4);
    }
}
