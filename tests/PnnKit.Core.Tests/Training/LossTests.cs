using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;

namespace PnnKit.Core.Tests.Training;

public class LossTests
{
    private static void CheckGradient(Func<Tensor<double>, Tensor<double>?, double> loss, Tensor<double> output)
    {
        var grad = Tensor<double>.ZerosLike(output);
        loss(output, grad);
        const double h = 1e-6;
        for (int i = 0; i < output.Length; i++)
        {
            double v = output[i];
            output[i] = v + h;
            double lp = loss(output, null);
            output[i] = v - h;
            double lm = loss(output, null);
            output[i] = v;
            Assert.Equal((lp - lm) / (2 * h), grad[i], 1e-8);
        }
    }

    private static Tensor<double> Logits(ulong seed)
    {
        var z = new Tensor<double>(4, 5);
        new Rng(seed).FillNormal(z.Span, 0, 2);
        return z;
    }

    [Fact]
    public void SoftmaxCrossEntropy_GradientMatchesFiniteDifferences_ForLabels()
    {
        var loss = new SoftmaxCrossEntropy<double>();
        int[] labels = [0, 4, 2, 2];
        CheckGradient((o, g) => loss.Compute(o, labels, g), Logits(1));
    }

    [Fact]
    public void SoftmaxCrossEntropy_GradientMatchesFiniteDifferences_ForSoftTargets()
    {
        var loss = new SoftmaxCrossEntropy<double>();
        var t = new Tensor<double>(4, 5);
        for (int i = 0; i < 4; i++)
        {
            t[i, i] = 0.7;
            t[i, 4] = 0.3;
        }
        CheckGradient((o, g) => loss.Compute(o, t, g), Logits(2));
    }

    [Fact]
    public void SoftmaxCrossEntropy_EqualsLogK_ForUniformLogits_AndIsStableForHugeLogits()
    {
        var loss = new SoftmaxCrossEntropy<float>();
        var z = new Tensor<float>(2, 10);
        Assert.Equal(Math.Log(10), loss.Compute(z, [3, 7], null), 6);
        z[0, 3] = 1e30f;
        z[1, 7] = 1e30f;
        Assert.Equal(0, loss.Compute(z, [3, 7], null), 6);
    }

    [Fact]
    public void Mse_GradientMatchesFiniteDifferences_AndOneHotForLabels()
    {
        var loss = new MeanSquaredError<double>();
        int[] labels = [1, 0, 3, 4];
        CheckGradient((o, g) => loss.Compute(o, labels, g), Logits(3));
        var y = new Tensor<double>(1, 3);
        y[0, 1] = 1;
        Assert.Equal(0, loss.Compute(y, [1], null));
    }

    [Fact]
    public void Loss_RefusesLabelsOutsideTheOutputs()
    {
        var e = Assert.Throws<ArgumentException>(() => new SoftmaxCrossEntropy<float>().Compute(new Tensor<float>(1, 3), [3], null));
        Assert.Contains("[0, 2]", e.Message, StringComparison.Ordinal);
    }
}
