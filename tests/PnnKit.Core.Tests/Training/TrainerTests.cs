using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;

namespace PnnKit.Core.Tests.Training;

public sealed class TrainerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-trainer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Three Gaussian blobs in 4-D.</summary>
    private static Dataset<float> Blobs(int n, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new Tensor<float>(n, 4);
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++)
            {
                x[i, j] = (float)(rng.Normal(0, 0.6) + (j == y[i] ? 2 : 0));
            }
        }
        return new Dataset<float>("blobs", x, y, 3);
    }

    private static (Sequential<float> Model, Adam<float> Optimizer) Build()
    {
        var rng = new Rng(11);
        var model = new Sequential<float>(new Linear<float>(4, 16, rng), new ReLU<float>(), new Linear<float>(16, 3, rng));
        return (model, new Adam<float>(model.Parameters, 0.01));
    }

    [Fact]
    public void Trainer_LearnsSeparableBlobs()
    {
        var (model, opt) = Build();
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), opt, new TrainerOptions { Epochs = 15, BatchSize = 16 });
        var state = trainer.Fit(Blobs(300, 1), Blobs(150, 2));
        Assert.Equal(15, state.EpochsDone);
        Assert.True(state.History[^1].ValidationAccuracy > 0.95, $"validation accuracy {state.History[^1].ValidationAccuracy}");
        Assert.True(state.History[^1].TrainLoss < state.History[0].TrainLoss);
    }

    [Fact]
    public void Resume_AfterAKillMidEpoch_GivesBitIdenticalWeights()
    {
        var options = new TrainerOptions { Epochs = 6, BatchSize = 32, Seed = 5 };
        var train = Blobs(200, 3);
        var val = Blobs(60, 4);

        var (reference, refOpt) = Build();
        new Trainer<float>(reference, new SoftmaxCrossEntropy<float>(), refOpt, options, new CosineSchedule(6 * 7)).Fit(train, val);

        // First run: checkpoint after each epoch, killed in the middle of epoch 4.
        string ckpt = Path.Combine(_dir, "ckpt.bin");
        var (m1, o1) = Build();
        var t1 = new Trainer<float>(m1, new SoftmaxCrossEntropy<float>(), o1, options, new CosineSchedule(6 * 7));
        using var kill = new CancellationTokenSource();
        t1.EpochCompleted += _ => Checkpoint.Save(ckpt, m1.NamedParameters(), o1, t1.State);
        t1.BatchCompleted += (epoch, batch, _) =>
        {
            if (epoch == 4 && batch == 3)
            {
                kill.Cancel();
            }
        };
        Assert.Throws<OperationCanceledException>(() => t1.Fit(train, val, kill.Token));

        // Second run: fresh process state, resume from the checkpoint.
        var (m2, o2) = Build();
        var t2 = new Trainer<float>(m2, new SoftmaxCrossEntropy<float>(), o2, options, new CosineSchedule(6 * 7));
        t2.State = Checkpoint.Load(ckpt, m2.NamedParameters(), o2);
        Assert.Equal(3, t2.State.EpochsDone);
        t2.Fit(train, val);

        Assert.Equal(6, t2.State.History.Count);
        foreach (var ((_, a), (_, b)) in reference.NamedParameters().Zip(m2.NamedParameters()))
        {
            Assert.Equal(a.Value.Data, b.Value.Data);
        }
    }

    [Fact]
    public void Checkpoint_RefusesCorruptOrTruncatedFiles_NamingTheFile()
    {
        var (model, opt) = Build();
        string path = Path.Combine(_dir, "c.bin");
        Checkpoint.Save(path, model.NamedParameters(), opt, new TrainerState());
        byte[] bytes = File.ReadAllBytes(path);

        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, model.NamedParameters(), opt));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);

        File.WriteAllBytes(path, bytes[..100]);
        Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, model.NamedParameters(), opt));
    }

    [Fact]
    public void Checkpoint_RefusesAModelOfAnotherShape()
    {
        var (model, opt) = Build();
        string path = Path.Combine(_dir, "c.bin");
        Checkpoint.Save(path, model.NamedParameters(), opt, new TrainerState());
        var other = new Sequential<float>(new Linear<float>(4, 8, new Rng(1)), new ReLU<float>(), new Linear<float>(8, 3, new Rng(2)));
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, other.NamedParameters(), new Adam<float>(other.Parameters)));
        Assert.Contains("shape", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoint_SaveFailure_LeavesThePreviousCheckpointIntact()
    {
        var (model, opt) = Build();
        string path = Path.Combine(_dir, "c.bin");
        Checkpoint.Save(path, model.NamedParameters(), opt, new TrainerState { EpochsDone = 2 });
        byte[] before = File.ReadAllBytes(path);
        Assert.Throws<InvalidOperationException>(() => IO.AtomicFile.Write(path, s =>
        {
            s.WriteByte(1);
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void EarlyStopping_StopsAfterPatienceEpochsWithoutImprovement()
    {
        var (model, _) = Build();
        // A tiny learning rate on shuffled labels: validation loss cannot keep improving.
        var noise = Blobs(60, 7);
        var shuffled = new Dataset<float>("noise", noise.Features, [.. noise.Labels!.Reverse()], 3);
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Sgd<float>(model.Parameters, 1.0), new TrainerOptions { Epochs = 200, BatchSize = 60, EarlyStoppingPatience = 2 });
        var state = trainer.Fit(shuffled, Blobs(60, 8));
        Assert.True(state.Stopped);
        Assert.True(state.EpochsDone < 200);
        Assert.Equal(2, state.EpochsWithoutImprovement);
    }
    // Linear → batch norm inside a residual block with a batch-norm shortcut: buffers at two depths and in both branches.
    private static Sequential<float> WithBatchNorm() => new(
        new Linear<float>(4, 6, new Rng(3)),
        new Residual<float>(new Sequential<float>(new Linear<float>(6, 6, new Rng(4)), new BatchNorm2d<float>(6)), new BatchNorm2d<float>(6, name: "bn_short")),
        new BatchNorm2d<float>(6, name: "bn_out"));

    [Fact]
    public void Checkpoint_CarriesBatchNormRunningStatistics_SoAFineTunedModelReloadsAsTrained()
    {
        var model = WithBatchNorm();
        var opt = new Adam<float>(model.Parameters);
        var x = Blobs(32, 5).Features;
        for (int i = 0; i < 3; i++)
        {
            model.Forward(x, new ForwardContext(Mode.Train, new Rng(7)));
        }
        string path = Path.Combine(_dir, "bn.bin");
        Checkpoint.Save(path, model, opt, new TrainerState());

        var reloaded = WithBatchNorm();
        Checkpoint.Load(path, reloaded, new Adam<float>(reloaded.Parameters));
        var names = reloaded.NamedBuffers().Select(b => b.Name).ToArray();
        Assert.Equal(["1:residual.main/1:batchnorm.running_mean", "1:residual.main/1:batchnorm.running_var", "1:residual.shortcut/bn_short.running_mean",
            "1:residual.shortcut/bn_short.running_var", "2:bn_out.running_mean", "2:bn_out.running_var"], names);
        foreach (var ((_, trained), (name, loaded)) in model.NamedBuffers().Zip(reloaded.NamedBuffers()))
        {
            Assert.Equal(trained.Data, loaded.Data);
            // The statistics moved off their initial 0 (mean) and 1 (variance), so equality is not the built state's.
            Assert.Contains(loaded.Data, v => v != 0 && v != 1);
        }
        var eval = new ForwardContext(Mode.Eval, new Rng(1));
        Assert.Equal(model.Forward(x, eval).Data, reloaded.Forward(x, eval).Data);
    }

    [Fact]
    public void Checkpoint_WithoutTheModelsBuffers_IsRefused_NamingTheCount()
    {
        var model = WithBatchNorm();
        var opt = new Adam<float>(model.Parameters);
        string path = Path.Combine(_dir, "nobuffers.bin");
        Checkpoint.Save(path, model.NamedParameters(), opt, new TrainerState());
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, model, opt));
        Assert.Contains("0 buffers", e.Message, StringComparison.Ordinal);
        Assert.Contains("has 6", e.Message, StringComparison.Ordinal);
    }
}
