using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Methods;

namespace PnnKit.Methods.Tests;

public class SamAndDfaTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Sam_StepsWithTheGradientAtThePerturbedPoint_HandComputed()
    {
        var p = new Parameter<double>("w", Tensor<double>.FromArray([0.0, 4.0], 2));
        var sam = new SharpnessAwareMinimization<double>(new Sgd<double>([p], 0.1), rho: 0.5);
        double LossAndGrad()
        {
            p.ZeroGrad();
            double l = 0;
            for (int i = 0; i < 2; i++)
            {
                p.Grad[i] = 2 * (p.Value[i] - 3);
                l += (p.Value[i] - 3) * (p.Value[i] - 3);
            }
            return l;
        }
        double loss = sam.Step(LossAndGrad);
        // g = (−6, 2), ‖g‖ = √40; w' = w + 0.5 g/‖g‖; g' = 2(w' − 3); w ← w − 0.1 g'.
        double n = Math.Sqrt(40);
        double w0 = 0 + (0.5 * -6 / n), w1 = 4 + (0.5 * 2 / n);
        Assert.Equal(10, loss, 12);
        Assert.Equal(0 - (0.1 * 2 * (w0 - 3)), p.Value[0], 12);
        Assert.Equal(4 - (0.1 * 2 * (w1 - 3)), p.Value[1], 12);
    }

    [Fact]
    public void Dfa_SendsTheOutputErrorThroughItsFixedRandomMatrix_HandComputed()
    {
        var rng = new Rng(3);
        var l1 = new Linear<double>(2, 3, rng);
        var l2 = new Linear<double>(3, 2, rng);
        var dfa = new DirectFeedbackAlignment<double>(new Sequential<double>(l1, new ReLU<double>(), l2), new Rng(4));
        var x = Tensor<double>.FromArray([0.5, -1.0], 1, 2);
        dfa.Forward(x, ForwardContext.Train());
        var e = Tensor<double>.FromArray([0.3, -0.7], 1, 2);
        foreach (var p in dfa.Parameters)
        {
            p.ZeroGrad();
        }
        dfa.Backward(e);
        var b = dfa.Feedback(0);
        for (int j = 0; j < 3; j++)
        {
            double a = l1.Bias!.Value[j] + (l1.Weight.Value[j, 0] * 0.5) + (l1.Weight.Value[j, 1] * -1.0);
            double delta = a > 0 ? (0.3 * b[0, j]) + (-0.7 * b[1, j]) : 0;
            Assert.Equal(delta * 0.5, l1.Weight.Grad[j, 0], 12);
            Assert.Equal(delta * -1.0, l1.Weight.Grad[j, 1], 12);
            Assert.Equal(delta, l1.Bias.Grad[j], 12);
        }
        // The output layer still gets its true gradient eᵀh.
        double h0 = Math.Max(0, l1.Bias!.Value[0] + (l1.Weight.Value[0, 0] * 0.5) - l1.Weight.Value[0, 1]);
        Assert.Equal(0.3 * h0, l2.Weight.Grad[0, 0], 12);
    }

    [Fact]
    [Trait("Category", "Long")]
    public void Dfa_TrainsAnMlpOnTheMnistSubset_WithinThreePointsOfBackprop()
    {
        var (train, test) = DataCatalog.LoadTrainTest<float>("mnist-subset");
        double Accuracy(bool feedbackAlignment)
        {
            var rng = new Rng(7);
            var mlp = new Sequential<float>(new Linear<float>(784, 256, rng), new ReLU<float>(), new Linear<float>(256, 10, rng));
            ILayer<float> model = feedbackAlignment ? new DirectFeedbackAlignment<float>(mlp, new Rng(8)) : mlp;
            var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Adam<float>(model.Parameters, 1e-3), new TrainerOptions { Epochs = 10, BatchSize = 64 });
            trainer.Fit(train);
            return trainer.Evaluate(test).Accuracy!.Value;
        }
        double bp = Accuracy(false), dfa = Accuracy(true);
        output.WriteLine($"MNIST subset, MLP 784-256-10, 10 epochs: backprop {bp:P2}, DFA {dfa:P2}");
        Assert.True(dfa >= bp - 0.03, $"DFA {dfa:P2} vs backprop {bp:P2}");
        Assert.True(dfa > 0.85, $"DFA {dfa:P2}");
    }
}
