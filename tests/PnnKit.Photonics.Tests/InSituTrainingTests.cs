using PnnKit.Core.Random;
using PnnKit.Core.Training;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Networks;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests;

public class InSituTrainingTests(ITestOutputHelper output)
{
    [Theory]
    [Trait("Category", "Long")]
    [InlineData("moons")]
    [InlineData("circles")]
    [InlineData("rings")]
    public void ThreeLayerMeshNetwork_TrainsWithInSituGradients_OnFabricatedInstance(string task)
    {
        var train = SyntheticTasks.Make(task, 400, 1);
        var test = SyntheticTasks.Make(task, 400, 2);
        var rng = new Rng(7);
        var meshes = Enumerable.Range(0, 3).Select(l =>
        {
            var design = new ClementsMesh<double>(4, rng.Split((ulong)l), name: $"mesh{l}");
            // A fabricated copy: coupler imbalance and phase offsets, lossless so in-situ is exact.
            return (MziMesh<double>)design.WithErrors(MeshTests.RandomErrors(6, 4, 100 + (ulong)l, crosstalk: 0) with { MziAmplitude = null });
        }).ToList();
        var model = MeshClassifier.Build(meshes, 2, outputGain: 10, inSitu: true);
        var opt = new Adam<double>(model.Parameters, learningRate: 0.05);
        var trainer = new Trainer<double>(model, new SoftmaxCrossEntropy<double>(), opt, new TrainerOptions { Epochs = 60, BatchSize = 20, Seed = 3 });
        trainer.Fit(train);
        var eval = trainer.Evaluate(test);
        long measurements = model.Layers.OfType<InSituMesh<double>>().Sum(l => l.MeasurementCount);
        output.WriteLine($"{task}: test accuracy {eval.Accuracy:P1}, in-situ readings {measurements}");
        Assert.True(eval.Accuracy >= 0.9, $"{task}: accuracy {eval.Accuracy:P1}");
    }
}
