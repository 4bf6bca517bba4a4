using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Methods.Tests;

public class DfaWeightLayerTests
{
    /// <summary>Builds 3-4-2 with the same initial weights each time; <paramref name="wrap"/> hides the hidden Linear behind another layer type.</summary>
    private static (DirectFeedbackAlignment<double> Dfa, Linear<double> Hidden) Build(bool wrap)
    {
        var rng = new Rng(11);
        var l1 = new Linear<double>(3, 4, rng);
        var l2 = new Linear<double>(4, 2, rng);
        ILayer<double> hidden = wrap ? new Sequential<double>(l1) : l1;
        return (new DirectFeedbackAlignment<double>(new Sequential<double>(hidden, new Tanh<double>(), l2), new Rng(5)), l1);
    }

    [Fact]
    public void Dfa_TreatsAnyLayerWithParametersAsAWeightLayer_SameUpdateAsLinear()
    {
        var x = Tensor<double>.FromArray([0.2, -0.4, 0.9, -1.0, 0.3, 0.5], 2, 3);
        var e = Tensor<double>.FromArray([0.1, -0.2, 0.4, 0.05], 2, 2);
        var grads = new List<double[]>();
        foreach (bool wrap in new[] { false, true })
        {
            var (dfa, hidden) = Build(wrap);
            dfa.Forward(x, ForwardContext.Train());
            foreach (var p in dfa.Parameters)
            {
                p.ZeroGrad();
            }
            dfa.Backward(e);
            grads.Add([.. hidden.Weight.Grad.Data]);
        }
        Assert.Contains(grads[0], g => g != 0);
        Assert.Equal(grads[0], grads[1]);
    }

    [Fact]
    public void Dfa_FeedbackIsDrawnAtTheFirstForward_WithTheHiddenWidth()
    {
        var (dfa, _) = Build(wrap: true);
        Assert.Throws<InvalidOperationException>(() => dfa.Feedback(0));
        dfa.Forward(Tensor<double>.FromArray([0.2, -0.4, 0.9], 1, 3), ForwardContext.Eval());
        Assert.Equal([2, 4], dfa.Feedback(0).Shape.ToArray());
    }

    [Fact]
    public void Dfa_LayersAfterTheLastWeightLayer_PassTheTrueError_AsBackprop()
    {
        // One weight layer then a parameter-free tail (a detector-like square): DFA has no hidden layer, so its
        // update is exactly backprop's: the true error through the tail's own derivative.
        var x = Tensor<double>.FromArray([0.2, -0.4, 0.9, -1.0, 0.3, 0.5], 2, 3);
        var e = Tensor<double>.FromArray([0.1, -0.2, 0.4, 0.05], 2, 2);
        var grads = new List<double[]>();
        foreach (bool dfa in new[] { false, true })
        {
            var linear = new Linear<double>(3, 2, new Rng(3));
            var model = new Sequential<double>(linear, new Tanh<double>());
            ILayer<double> layer = dfa ? new DirectFeedbackAlignment<double>(model, new Rng(5)) : model;
            layer.Forward(x, ForwardContext.Train());
            linear.Weight.ZeroGrad();
            layer.Backward(e);
            grads.Add([.. linear.Weight.Grad.Data]);
        }
        Assert.Contains(grads[0], g => g != 0);
        Assert.Equal(grads[0], grads[1]);
    }

    [Fact]
    public void Dfa_ModelWithoutAWeightLayer_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DirectFeedbackAlignment<double>(new Sequential<double>(new ReLU<double>()), new Rng(1)));
        Assert.Equal("model", ex.ParamName);
    }
}
