using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Training;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;
using PnnKit.Memristive.Reproductions;
using PnnKit.Methods;

namespace PnnKit.Bench.Reproductions;

/// <summary>Settings of the feedback-alignment reproduction.</summary>
public sealed record FeedbackAlignmentOptions
{
    /// <summary>Hidden widths of the MLP (784-256-10: the MLP).</summary>
    public int[] Hidden { get; init; } = [256];

    /// <summary>Training epochs of every run.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Training examples used (the MNIST subset has 8,000).</summary>
    public int TrainCount { get; init; } = 8000;

    /// <summary>Fabricated crossbar instances the crossbar networks are read on.</summary>
    public int Instances { get; init; } = 5;

    /// <summary>Seed of everything.</summary>
    public ulong Seed { get; init; } = 1;

    internal void Validate()
    {
        if (Hidden.Length == 0 || Hidden.Any(h => h < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Hidden), "Need at least one hidden layer, each of width ≥ 1.");
        }
        if (Epochs < 1 || Instances < 1 || TrainCount < 64)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), $"Epochs and instances must be ≥ 1 and train count ≥ 64; got {Epochs}, {Instances}, {TrainCount}.");
        }
    }
}

/// <summary>
/// Test accuracies: digital MLP by backprop and by DFA; the same MLP on PCM crossbars (forward
/// through the crossbar reads, programming noise sampled each step) by backprop and by DFA, then
/// programmed onto fabricated instances (mean over them).
/// </summary>
public sealed record FeedbackAlignmentResult(
    int[] Hidden, int TrainCount, int TestCount, int Epochs,
    double DigitalBackprop, double DigitalDfa,
    double CrossbarBackprop, double CrossbarDfa, int Instances, SplitSizes Splits);

/// <summary>
/// Direct feedback alignment (Nøkland, NeurIPS 2016) on two substrates. Digital: an MLP on the MNIST
/// subset trained by backprop and by DFA (the issue asks for DFA within 3 points). Memristive: the
/// same MLP on PCM crossbar layers whose forward runs through DACs, noisy arrays and ADCs; DFA needs
/// no transposed read of the crossbar (each hidden layer's update comes from the output error through
/// a fixed random matrix and the layer's own input), which is its hardware appeal. The run makes no choice
/// (epochs, learning rate and weight ranges are fixed options, all four trainings are reported), so no
/// validation part is held out; the test part is read at the end.
/// </summary>
public static class FeedbackAlignmentMnist
{
    /// <summary>Runs the four trainings.</summary>
    public static FeedbackAlignmentResult Run(FeedbackAlignmentOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (trainAll, _, test) = DataCatalog.LoadSplits<float>("mnist-subset", 0, options.Seed);
        var train = trainAll.Subset([.. Enumerable.Range(0, Math.Min(options.TrainCount, trainAll.Count))]);
        var sizes = new SplitSizes(train.Count, 0, test.Count);
        log?.Invoke($"  data: {sizes}");

        double digitalBp = TrainDigital(train, test, options, dfa: false, log);
        double digitalDfa = TrainDigital(train, test, options, dfa: true, log);
        double crossbarBp = TrainCrossbar(train, test, options, dfa: false, log);
        double crossbarDfa = TrainCrossbar(train, test, options, dfa: true, log);
        return new FeedbackAlignmentResult(options.Hidden, train.Count, test.Count, options.Epochs, digitalBp, digitalDfa, crossbarBp, crossbarDfa, options.Instances, sizes);
    }

    private static double TrainDigital(Dataset<float> train, Dataset<float> test, FeedbackAlignmentOptions o, bool dfa, Action<string>? log)
    {
        var (mlp, _) = CrossbarMlp.Untrained(train, o.Hidden, o.Seed);
        ILayer<float> model = dfa ? new DirectFeedbackAlignment<float>(mlp, new Rng(o.Seed).Split("feedback")) : mlp;
        Fit(model, train, o, log, dfa ? "digital DFA" : "digital backprop");
        return CrossbarMlp.Accuracy(model, test, o.Seed);
    }

    private static double TrainCrossbar(Dataset<float> train, Dataset<float> test, FeedbackAlignmentOptions o, bool dfa, Action<string>? log)
    {
        var rng = new Rng(o.Seed).Split("crossbar-init");
        // Weight ranges and programming noise in training as in the memristor-drift reproduction
        // (near the trained weights' spread, wider for the small last layer).
        var (mlp, analog) = CrossbarMlp.UntrainedOnCrossbars(train, o.Hidden, i => rng.Split((ulong)i),
            last => new AnalogConfig { Mapping = new WeightMapping(weightMax: last ? 1.0 : 0.3), TrainingProgrammingNoiseScale = 1 });
        ILayer<float> model = dfa ? new DirectFeedbackAlignment<float>(mlp, new Rng(o.Seed).Split("feedback")) : mlp;
        Fit(model, train, o, log, dfa ? "crossbar DFA" : "crossbar backprop");

        double sum = 0;
        for (int k = 0; k < o.Instances; k++)
        {
            CrossbarMlp.Program(analog, new DeviceVariation(), o.Seed + (1000UL * (ulong)(k + 1)));
            sum += CrossbarMlp.Accuracy(model, test, o.Seed + (ulong)k);
        }
        return sum / o.Instances;
    }

    private static void Fit(ILayer<float> model, Dataset<float> train, FeedbackAlignmentOptions o, Action<string>? log, string label)
    {
        const int batch = 64;
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Adam<float>(model.Parameters, 1e-3),
            new TrainerOptions { Epochs = o.Epochs, BatchSize = batch, Seed = o.Seed }, new CosineSchedule((long)o.Epochs * ((train.Count + batch - 1) / batch)));
        trainer.EpochCompleted += m => log?.Invoke($"  {label} epoch {m.Epoch}/{o.Epochs}: loss {m.TrainLoss:F4}, train accuracy {m.TrainAccuracy:P2}");
        trainer.Fit(train);
    }
}
