using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;

namespace PnnKit.Bench.Suite;

/// <summary>Training settings of a digital ReLU MLP baseline.</summary>
/// <param name="Hidden">Hidden widths.</param>
/// <param name="Epochs">Training epochs.</param>
/// <param name="BatchSize">Minibatch size, also the evaluation batch (weights are read once per batch).</param>
/// <param name="LearningRate">Adam's learning rate (cosine schedule to zero).</param>
public sealed record DigitalMlpSettings(int[] Hidden, int Epochs, int BatchSize, double LearningRate)
{
    /// <summary>Dropout after each hidden ReLU (0: none).</summary>
    public double Dropout { get; init; }

    /// <summary>Random shifts of square images by up to this many pixels while training (0: none).</summary>
    public int AugmentShift { get; init; }

    /// <summary>Extra training in words, e.g. ", dropout 0.2, ±2 px shifts".</summary>
    public string Extras => (Dropout > 0 ? $", dropout {Dropout:G3}" : "") + (AugmentShift > 0 ? $", ±{AugmentShift} px shifts" : "");

    /// <summary>The same settings with one hidden layer of <paramref name="width"/>.</summary>
    public DigitalMlpSettings WithWidth(int width) => this with { Hidden = [width] };

    /// <summary>"4-16-3" for <paramref name="task"/>'s sizes.</summary>
    public string Shape(SuiteTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return string.Join("-", Hidden.Prepend(task.Train.FeatureCount).Append(task.Train.ClassCount));
    }
}

/// <summary>What a trained digital MLP measured.</summary>
/// <param name="Accuracy">Test accuracy.</param>
/// <param name="CoreEnergyJoules">MAC energy per inference (Horowitz 2014, fp32), J.</param>
/// <param name="SystemEnergyJoules">MACs, ReLU compares and SRAM weight reads per inference, J.</param>
/// <param name="LatencySeconds">Critical path at <see cref="DigitalCostModel.MacsPerSecond"/>, s.</param>
/// <param name="Parameters">Weights and biases.</param>
/// <param name="Static">NeuroBench-style metrics on the test set.</param>
public sealed record DigitalMlpResult(double Accuracy, double CoreEnergyJoules, double SystemEnergyJoules, double LatencySeconds, long Parameters, StaticMetrics Static)
{
    /// <summary>As an equal-accuracy match of hidden width <paramref name="hidden"/>.</summary>
    public DigitalMatch AsMatch(int hidden) => new(hidden, Accuracy, CoreEnergyJoules, SystemEnergyJoules);
}

/// <summary>
/// The digital baseline of every suite task: a float32 ReLU MLP trained with Adam (cosine schedule),
/// costed by the same ledger as the substrates (<see cref="Linear{T}"/> charges <see cref="DigitalCostModel"/>).
/// </summary>
public static class DigitalMlp
{
    /// <summary>Trains on <paramref name="task"/> from <paramref name="seed"/> and evaluates on its test split.</summary>
    public static DigitalMlpResult Train(SuiteTask task, DigitalMlpSettings settings, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(settings);
        var rng = new Rng(seed).Split("digital-mlp");
        var layers = new List<ILayer<float>>();
        int width = task.Train.FeatureCount;
        foreach (int h in settings.Hidden)
        {
            layers.Add(new Linear<float>(width, h, rng.Split((ulong)layers.OfType<Linear<float>>().Count()), name: $"linear{layers.OfType<Linear<float>>().Count() + 1}"));
            layers.Add(new ReLU<float>());
            if (settings.Dropout > 0)
            {
                layers.Add(new Dropout<float>(settings.Dropout));
            }
            width = h;
        }
        layers.Add(new Linear<float>(width, task.Train.ClassCount, rng.Split((ulong)settings.Hidden.Length), name: $"linear{settings.Hidden.Length + 1}"));
        var model = new Sequential<float>([.. layers]);
        int steps = (task.Train.Count + settings.BatchSize - 1) / settings.BatchSize;
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Adam<float>(model.Parameters, settings.LearningRate),
            new TrainerOptions { Epochs = settings.Epochs, BatchSize = settings.BatchSize, Seed = seed }, new CosineSchedule((long)settings.Epochs * steps))
        {
            Augment = settings.AugmentShift > 0 ? Shift(task, settings.AugmentShift) : null,
        };
        trainer.Fit(task.Train);
        var ledger = new CostLedger();
        double accuracy = trainer.Evaluate(task.Test, new ForwardContext(Mode.Eval, rng.Split("eval")) { Ledger = ledger }).Accuracy!.Value;
        return new DigitalMlpResult(accuracy, ledger.CoreEnergyPerInference, ledger.SystemEnergyPerInference(ledger.LatencySeconds), ledger.LatencySeconds,
            model.Parameters.Sum(p => (long)p.Value.Length), StaticMetrics.Measure(model, task.Test));
    }

    private static Func<Tensor<float>, Rng, Tensor<float>> Shift(SuiteTask task, int pixels)
    {
        int side = (int)Math.Round(Math.Sqrt(task.Train.FeatureCount));
        if (side * side != task.Train.FeatureCount)
        {
            throw new ArgumentException($"AugmentShift: {task.Name} is not a set of square images; set it to 0.", nameof(task));
        }
        return (x, rng) => ImageAugmentation.RandomShift(x, side, side, pixels, rng);
    }
}
