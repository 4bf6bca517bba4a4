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
        foreach (var m in masks)
        {
            m.Levels = 0;
        }
        double distance = Trainer<double>.Evaluate(DiffractiveNetwork.WithDistanceScale(model, 1.1), loss, test, 50).Accuracy ?? 0;
        output.WriteLine($"reduced D2NN with every spacing 10 % long: {distance:P1}");
    }

    [Fact]
    [Trait("Category", "Long")]
    public void MisalignmentAwareTraining_IsMoreRobustToLateralShift()
    {
        var geometry = new DiffractiveGeometry { N = 16, Layers = 3, LayerDistance = 3e-3, Classes = 4, RegionSize = 3, DetectorGain = 2 };
        var train = Lines(16, 400, 1);
        var test = Lines(16, 200, 2);
        var loss = new SoftmaxCrossEntropy<double>();
        double Shifted(Core.Layers.Sequential<double> model)
        {
            var masks = model.Layers.OfType<PhaseMask<double>>().ToList();
            double sum = 0;
            int count = 0;
            foreach (var (dx, dy) in new[] { (2, 0), (0, 2), (-2, 0), (0, -2), (2, 2) })
            {
                for (int i = 0; i < masks.Count; i++)
                {
                    masks[i].ShiftX = i == 1 ? dx : 0;
                    masks[i].ShiftY = i == 1 ? dy : 0;
                }
                sum += Trainer<double>.Evaluate(model, loss, test, 50).Accuracy ?? 0;
                count++;
            }
            foreach (var m in masks)
            {
                m.ShiftX = m.ShiftY = 0;
            }
            return sum / count;
        }
        double Train(int misalignment)
        {
            var model = DiffractiveNetwork.Build<double>(geometry, new Rng(5));
            foreach (var m in model.Layers.OfType<PhaseMask<double>>())
            {
                m.TrainingMisalignment = misalignment;
            }
            new Trainer<double>(model, loss, new Adam<double>(model.Parameters, learningRate: 0.05), new TrainerOptions { Epochs = 25, BatchSize = 20, Seed = 1 }).Fit(train);
            double aligned = Trainer<double>.Evaluate(model, loss, test, 50).Accuracy ?? 0;
            double shifted = Shifted(model);
            output.WriteLine($"trained with ±{misalignment} px misalignment: aligned {aligned:P1}, middle mask shifted by 2 px {shifted:P1}");
            return shifted;
        }
        double plain = Train(0), robust = Train(2);
        Assert.True(robust >= plain, $"robust {robust:P1} < plain {plain:P1}");
    }
}
