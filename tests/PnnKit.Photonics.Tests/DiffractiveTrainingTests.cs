using PnnKit.Core.Data;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Photonics.Diffractive;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests;

public class DiffractiveTrainingTests(ITestOutputHelper output)
{
    // Four line orientations at random offsets on an n×n amplitude image, with background noise.
    private static Dataset<double> Lines(int n, int count, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new Tensor<double>(count, n * n);
        var labels = new int[count];
        for (int s = 0; s < count; s++)
        {
            int label = s % 4, off = rng.NextInt(5) - 2;
            for (int t = 3; t < n - 3; t++)
            {
                int c = n / 2;
                var (r, col) = label switch
                {
                    0 => (c + off, t),
                    1 => (t, c + off),
                    2 => (t, t + off),
                    _ => (t, n - 1 - t + off),
                };
                if (r >= 0 && r < n && col >= 0 && col < n)
                {
                    x[s, (r * n) + col] = 1;
                }
            }
            for (int p = 0; p < n * n; p++)
            {
                x[s, p] += 0.05 * Math.Abs(rng.Normal());
            }
            labels[s] = label;
        }
        return new Dataset<double>("lines", x, labels, 4);
    }

    [Fact]
    [Trait("Category", "Long")]
    public void ReducedD2nn_LearnsLineOrientations()
    {
        // Lin et al.'s wavelength and pitch; 16×16 pixels, 3 layers, 3 mm spacing (reduced size).
        var geometry = new DiffractiveGeometry { N = 16, Layers = 3, LayerDistance = 3e-3, Classes = 4, RegionSize = 3, DetectorGain = 2 };
        var model = DiffractiveNetwork.Build<double>(geometry, new Rng(5));
        var train = Lines(16, 400, 1);
        var test = Lines(16, 200, 2);
        var loss = new SoftmaxCrossEntropy<double>();
        var trainer = new Trainer<double>(model, loss, new Adam<double>(model.Parameters, learningRate: 0.05), new TrainerOptions { Epochs = 15, BatchSize = 20, Seed = 1 });
        double before = trainer.Evaluate(test).Accuracy ?? 0;
        trainer.Fit(train);
        double after = trainer.Evaluate(test).Accuracy ?? 0;
        var masks = model.Layers.OfType<PhaseMask<double>>().ToList();
        foreach (var m in masks)
        {
            m.Levels = 8;
        }
        double quantized = trainer.Evaluate(test).Accuracy ?? 0;
        output.WriteLine($"reduced D2NN (16×16, 3 layers): test accuracy {before:P1} untrained, {after:P1} trained, {quantized:P1} with 8 phase levels");
        Assert.True(after >= 0.9, $"accuracy {after:P1}");
    }
}
