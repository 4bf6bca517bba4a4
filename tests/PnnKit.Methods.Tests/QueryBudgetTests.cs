using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;

namespace PnnKit.Methods.Tests;

public sealed class QueryBudgetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-budget-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Dataset<double> Data = new("toy", Tensor<double>.FromArray(
        [0.1, 0.2, 0.3, 0.5, 0.1, -0.2, -0.4, 0.5, 0.2, 0.3, 0.3, -0.1, 0.9, -0.3, 0.0, -0.6, 0.2, 0.7, 0.4, 0.4, -0.5, 0.0, 0.8, 0.1], 8, 3),
        [0, 1, 1, 0, 1, 0, 0, 1], 2);

    private static (Sequential<double> Model, Trainer<double> Trainer, LayerSystem<double> System, Adam<double> Optimizer) Setup(long? budget)
    {
        var system = new LayerSystem<double>(new Linear<double>(3, 2, new Rng(1)), 3, 2, 0, 1, "chip");
        IPhysicalSystem<double> seen = budget is long b ? new QueryBudget<double>(system, b) : system;
        var model = new Sequential<double>(new PhysicsAwareLayer<double>(seen, new Linear<double>(3, 2, new Rng(1))));
        var optimizer = new Adam<double>(model.Parameters, 0.05);
        var trainer = new Trainer<double>(model, new SoftmaxCrossEntropy<double>(), optimizer, new TrainerOptions { Epochs = 3, BatchSize = 4, Seed = 2 });
        return (model, trainer, system, optimizer);
    }

    [Fact]
    public void AnExhaustedBudget_StopsAfterTheLastCompleteStep_AndAResumedRunEndsWhereAnUninterruptedOneDoes()
    {
        var (reference, refTrainer, _, _) = Setup(null);
        refTrainer.Fit(Data);

        // 8 examples per epoch: a budget of 10 allows epoch 1 (8) and refuses epoch 2's first batch (4).
        var (model, trainer, system, optimizer) = Setup(10);
        var state = trainer.Fit(Data);
        Assert.True(state.Stopped);
        Assert.Contains("query budget of 10", state.StopReason, StringComparison.Ordinal);
        Assert.Equal(1, state.EpochsDone);
        Assert.Equal(8, system.QueryCount); // the refused query measured nothing
        string file = Path.Combine(_dir, "checkpoint.bin");
        Checkpoint.Save(file, model.NamedParameters(), optimizer, state);

        // Resume on a fresh process's objects with a new budget: the run completes as if never stopped.
        var (resumed, resumedTrainer, resumedSystem, resumedOptimizer) = Setup(1000);
        resumedTrainer.State = Checkpoint.Load(file, resumed.NamedParameters(), resumedOptimizer);
        var final = resumedTrainer.Fit(Data);
        Assert.False(final.Stopped);
        Assert.Equal(3, final.EpochsDone);
        Assert.Equal(16, resumedSystem.QueryCount);
        foreach (var (a, b) in reference.Parameters.Zip(resumed.Parameters))
        {
            Assert.Equal(a.Value.Data, b.Value.Data);
        }
    }

    [Fact]
    public void ABudget_MustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new QueryBudget<double>(new LayerSystem<double>(new Linear<double>(3, 2, new Rng(1)), 3, 2, 0, 1), 0));
}
