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

/// <summary>What a trained digital MLP measured at one deployed precision.</summary>
/// <param name="Precision">The precision it is evaluated and costed at: fp32 as trained, fp16 or int8 after post-training quantization.</param>
/// <param name="ValidationAccuracy">Validation accuracy, the figure choices are made on.</param>
/// <param name="Accuracy">Test accuracy.</param>
/// <param name="CoreEnergyJoules">MACs, activation compares and int8 requantization per inference (Horowitz 2014, at <paramref name="Precision"/>), J.</param>
/// <param name="SystemEnergyJoules">Core plus the SRAM weight reads per inference, J.</param>
/// <param name="LatencySeconds">Critical path at <see cref="DigitalCostModel.MacsPerSecond"/>, s.</param>
/// <param name="Parameters">Weights and biases.</param>
/// <param name="Static">NeuroBench-style metrics on the test set, words at the precision's size.</param>
public sealed record DigitalMlpResult(DigitalPrecision Precision, double ValidationAccuracy, double Accuracy, double CoreEnergyJoules, double SystemEnergyJoules, double LatencySeconds, long Parameters, StaticMetrics Static)
{
    /// <summary>"fp32", "fp16" or "int8".</summary>
    public string PrecisionName => new DigitalCostModel(Precision).PrecisionName;

    /// <summary>As an equal-accuracy candidate of hidden width <paramref name="hidden"/>.</summary>
    public DigitalMatch AsMatch(int hidden) => new(hidden, PrecisionName, ValidationAccuracy, Accuracy, CoreEnergyJoules, SystemEnergyJoules);
}

/// <summary>
/// The digital baseline of every suite task: a float32 ReLU MLP trained with Adam (cosine schedule), then
/// evaluated as trained (fp32) and at the precisions a user deploys, fp16 and int8, by post-training
/// quantization (<see cref="PostTrainingQuantization"/>, calibrated on training data). Each is costed by the
/// same ledger as the substrates (<see cref="Linear{T}"/> charges <see cref="DigitalCostModel"/>).
/// </summary>
public static class DigitalMlp
{
    /// <summary>The precisions every digital MLP is measured at, in this order.</summary>
    public static IReadOnlyList<DigitalPrecision> Precisions { get; } = [DigitalPrecision.Fp32, DigitalPrecision.Fp16, DigitalPrecision.Fixed8];

    /// <summary>Calibration rows for int8 activation scales: the first this many training rows.</summary>
    public const int CalibrationRows = 2048;

    /// <summary>
    /// Trains on <paramref name="task"/>'s training split from <paramref name="seed"/>, then measures it on its
    /// validation and test splits at each of <see cref="Precisions"/> (one result each, in that order).
    /// </summary>
    public static IReadOnlyList<DigitalMlpResult> Train(SuiteTask task, DigitalMlpSettings settings, ulong seed)
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
        var calibration = task.Train.Subset([.. Enumerable.Range(0, Math.Min(CalibrationRows, task.Train.Count))]).Features;
        var results = new List<DigitalMlpResult>();
        foreach (var precision in Precisions)
        {
            var deployed = PostTrainingQuantization.Quantize(model, calibration, precision);
            double Accuracy(Dataset<float> data, CostLedger? ledger) => Trainer<float>.Evaluate(deployed, new SoftmaxCrossEntropy<float>(), data, settings.BatchSize,
                new ForwardContext(Mode.Eval, rng.Split("eval")) { Ledger = ledger }).Accuracy!.Value;
            double validation = task.Validation.Count > 0 ? Accuracy(task.Validation, null) : double.NaN;
            var ledger = new CostLedger();
            double accuracy = Accuracy(task.Test, ledger);
            int bytesPerWord = new DigitalCostModel(precision).WordBits / 8;
            results.Add(new DigitalMlpResult(precision, validation, accuracy, ledger.CoreEnergyPerInference, ledger.SystemEnergyPerInference(ledger.LatencySeconds), ledger.LatencySeconds,
                model.Parameters.Sum(p => (long)p.Value.Length), StaticMetrics.Measure(deployed, task.Test, bytesPerWord)));
        }
        return results;
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
