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

    [Fact]
    [Trait("Category", "Long")]
    public void ThreeLayerMeshNetwork_StillTrains_WithNoisyInSituMeasurements()
    {
        var train = SyntheticTasks.Make("moons", 400, 1);
        var test = SyntheticTasks.Make("moons", 400, 2);
        var rng = new Rng(7);
        var meshes = Enumerable.Range(0, 3).Select(l => (MziMesh<double>)new ClementsMesh<double>(4, rng.Split((ulong)l), name: $"mesh{l}")).ToList();
        // Monitor noise of 1 % of a unit-power reading plus shot noise.
        var model = MeshClassifier.Build(meshes, 2, outputGain: 10, inSitu: true, options: new InSituOptions { ThermalNoiseStd = 0.01, ShotNoiseFactor = 1e-4 });
        var trainer = new Trainer<double>(model, new SoftmaxCrossEntropy<double>(), new Adam<double>(model.Parameters, learningRate: 0.05), new TrainerOptions { Epochs = 60, BatchSize = 20, Seed = 3 });
        trainer.Fit(train);
        var eval = trainer.Evaluate(test);
        output.WriteLine($"moons with noisy in-situ gradients: test accuracy {eval.Accuracy:P1}");
        Assert.True(eval.Accuracy >= 0.9, $"accuracy {eval.Accuracy:P1}");
    }

    [Fact]
    [Trait("Category", "Long")]
    public void InSilicoDesign_LosesAccuracyOnFabricatedInstance_AndInSituTrainingRecoversIt()
    {
        var train = SyntheticTasks.Make("moons", 400, 1);
        var test = SyntheticTasks.Make("moons", 400, 2);
        var rng = new Rng(11);
        var designs = Enumerable.Range(0, 3).Select(l => new ClementsMesh<double>(4, rng.Split((ulong)l), name: $"mesh{l}")).ToList();
        var loss = new SoftmaxCrossEntropy<double>();
        var options = new TrainerOptions { Epochs = 60, BatchSize = 20, Seed = 3 };

        // 1. Train the ideal design in silico (analytic adjoint).
        var silico = MeshClassifier.Build<double>(designs.Cast<MziMesh<double>>().ToList(), 2, outputGain: 10);
        new Trainer<double>(silico, loss, new Adam<double>(silico.Parameters, learningRate: 0.05), options).Fit(train);
        double designAcc = Trainer<double>.Evaluate(silico, loss, test, 100).Accuracy ?? 0;

        // 2. Deploy the trained phases on a fabricated copy with large static phase errors.
        var instances = designs.Select((d, l) => (MziMesh<double>)d.WithErrors(new MeshErrors
        {
            ThetaOffset = [.. Enumerable.Range(0, 6).Select(_ => 0.4 * rng.Normal())],
            PhiOffset = [.. Enumerable.Range(0, 6).Select(_ => 0.4 * rng.Normal())],
            Coupler1Ratio = [.. Enumerable.Range(0, 6).Select(_ => 0.5 + (0.05 * rng.Normal()))],
            Coupler2Ratio = [.. Enumerable.Range(0, 6).Select(_ => 0.5 + (0.05 * rng.Normal()))],
        })).ToList();
        var deployed = MeshClassifier.Build(instances, 2, outputGain: 10, inSitu: true);
        double deployedAcc = Trainer<double>.Evaluate(deployed, loss, test, 100).Accuracy ?? 0;

        // 3. Continue training on the instance with gradients measured in situ.
        new Trainer<double>(deployed, loss, new Adam<double>(deployed.Parameters, learningRate: 0.02), options with { Epochs = 30 }).Fit(train);
        double recoveredAcc = Trainer<double>.Evaluate(deployed, loss, test, 100).Accuracy ?? 0;
        output.WriteLine($"moons: design in silico {designAcc:P1}, deployed on instance {deployedAcc:P1}, after in-situ training {recoveredAcc:P1}");
        Assert.True(designAcc >= 0.9, $"design {designAcc:P1}");
        Assert.True(deployedAcc < designAcc - 0.05, $"deployment lost too little to prove anything: {deployedAcc:P1} vs {designAcc:P1}");
        Assert.True(recoveredAcc >= 0.9, $"recovered {recoveredAcc:P1}");
    }
}
