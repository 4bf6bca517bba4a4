using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Networks;

namespace PnnKit.Methods.Tests;

/// <summary>SAM driven by in-situ gradients (intensity measurements of forward, adjoint and interfering fields).</summary>
public class SamInSituTests
{
    // Three fabricated 4-mode meshes (coupler and phase errors, lossless so in situ is exact) + photodetectors.
    private static Sequential<double> Network(bool inSitu)
    {
        var rng = new Rng(5);
        var variation = new MeshVariation { CouplerSplittingStd = 0.03, PhaseErrorStd = 0.1 };
        var meshes = Enumerable.Range(0, 3)
            .Select(l => new ClementsMesh<double>(4, rng.Split((ulong)l), name: $"mesh{l}").Fabricate(variation, 10 + (ulong)l).Mesh)
            .ToList();
        // Noise-free readings: the in-situ protocol is exact there, which is what this test checks (measured readings are the default).
        return MeshClassifier.Build(meshes, 2, outputGain: 10, inSitu: inSitu, options: InSituOptions.NoiseFree);
    }

    private static (Tensor<double> X, int[] Y) Batch()
    {
        var rng = new Rng(9);
        var x = new Tensor<double>(16, 2);
        rng.FillUniform(x.Span, -1, 1);
        var y = Enumerable.Range(0, 16).Select(i => x[i, 0] * x[i, 1] > 0 ? 1 : 0).ToArray();
        return (x, y);
    }

    private static double[] SamStep(Sequential<double> model, double rho)
    {
        var (x, y) = Batch();
        var loss = new SoftmaxCrossEntropy<double>();
        var sam = new SharpnessAwareMinimization<double>(new Sgd<double>(model.Parameters, 0.1), rho);
        sam.Step(() =>
        {
            foreach (var p in model.Parameters)
            {
                p.ZeroGrad();
            }
            var logits = model.Forward(x, ForwardContext.Train(1));
            var grad = new Tensor<double>(logits.Rows, logits.RowLength);
            double l = loss.Compute(logits, y, grad);
            model.Backward(grad);
            return l;
        });
        return [.. model.Parameters.SelectMany(p => p.Value.Data)];
    }

    [Fact]
    public void SamStep_WithInSituGradients_EqualsTheStepWithAnalyticGradients()
    {
        var before = Network(inSitu: false).Parameters.SelectMany(p => p.Value.Data).ToArray();
        var analytic = SamStep(Network(inSitu: false), 0.05);
        var inSitu = SamStep(Network(inSitu: true), 0.05);
        Assert.Equal(analytic.Length, inSitu.Length);
        double scale = analytic.Zip(before, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(scale > 1e-4, "the step must move the phases");
        for (int i = 0; i < analytic.Length; i++)
        {
            Assert.True(Math.Abs(analytic[i] - inSitu[i]) < 1e-9 * scale, $"phase {i}: analytic {analytic[i]}, in situ {inSitu[i]}");
        }
        // And the perturbation matters: a SAM step differs from a plain step at the same point.
        var tiny = SamStep(Network(inSitu: true), 1e-12);
        Assert.True(inSitu.Zip(tiny, (a, b) => Math.Abs(a - b)).Max() > 1e-3 * scale);
    }
}
