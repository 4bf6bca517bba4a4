using PnnKit.Core.Data;
using PnnKit.Core.Random;
using PnnKit.Spintronics;

namespace PnnKit.Bench.Suite;

/// <summary>A task of the suite: its name and the train/validation/test splits the digital MLPs use.</summary>
/// <param name="Name">Task name as printed.</param>
/// <param name="Train">Training split.</param>
/// <param name="Validation">Validation split, carved from the training data: the digital match is chosen on it.</param>
/// <param name="Test">Test split, read once per model.</param>
public sealed record SuiteTask(string Name, Dataset<float> Train, Dataset<float> Validation, Dataset<float> Test)
{
    /// <summary>Fraction of the training data the image tasks hold out for validation.</summary>
    public const double ImageValidationFraction = 0.1;

    /// <summary>The part sizes, for the suite's JSON.</summary>
    public SplitSizes Sizes => new(Train.Count, Validation.Count, Test.Count);

    /// <summary>
    /// Iris, stratified: 30 test flowers (20 %), 24 validation (16 %, a fifth of the rest), 96 train;
    /// standardised on the training part (as configs/digital-iris-mlp.yaml).
    /// </summary>
    public static SuiteTask Iris(ulong seed)
    {
        var s = Splits.TrainValidationTest(DataCatalog.Load<float>("iris"), Splits.SmallSetValidationFraction, Splits.SmallSetTestFraction, seed);
        var scaler = FeatureScaler.FitStandard(s.Train.Features);
        return new("iris", scaler.Transform(s.Train), scaler.Transform(s.Validation), scaler.Transform(s.Test));
    }

    /// <summary>The bundled MNIST subset's published 2,000 test digits; its 8,000 training digits split 7,200 train / 800 validation.</summary>
    public static SuiteTask MnistSubset(ulong seed)
    {
        var s = DataCatalog.LoadSplits<float>("mnist-subset", ImageValidationFraction, seed);
        return new("mnist-subset", s.Train, s.Validation, s.Test);
    }

    /// <summary>
    /// Fashion-MNIST when installed (Debian dataset-fashion-mnist or $PNNKIT_DATA): the first
    /// <paramref name="trainCount"/> training images, a tenth of them held out for validation, and the first
    /// <paramref name="testCount"/> test images; null when absent, with <paramref name="missing"/> saying why (the places looked at).
    /// </summary>
    public static SuiteTask? FashionMnist(int trainCount, int testCount, ulong seed, out string? missing)
    {
        Dataset<float> train, test;
        try
        {
            (train, test) = DataCatalog.LoadTrainTest<float>("fashion-mnist");
        }
        catch (Exception e) when (e is DataFormatException or IOException)
        {
            missing = e.Message;
            return null;
        }
        missing = null;
        train = First(train, trainCount);
        var parts = Splits.Indices(train.Count, train.Labels, [ImageValidationFraction], seed);
        return new("fashion-mnist", train.Subset(parts[0]), train.Subset(parts[1], "fashion-mnist-validation"), First(test, testCount));
    }

    /// <summary>Two moons, 800 points: 400 test, 80 validation, 320 train; features scaled to [−1, 1] on the training part.</summary>
    public static SuiteTask Moons(ulong seed)
    {
        var all = DataCatalog.Load<float>("moons", synthetic: new SyntheticOptions { Count = 800, Seed = seed });
        var s = Splits.TrainValidationTest(all, 0.1, 0.5, seed);
        var scaler = FeatureScaler.FitMinMax(s.Train.Features, -1, 1);
        return new("moons", scaler.Transform(s.Train), scaler.Transform(s.Validation), scaler.Transform(s.Test));
    }

    /// <summary>
    /// Sine/square waveform classification for a digital MLP: each sample's features are the last
    /// <see cref="SineSquareTask.SamplesPerPeriod"/> inputs (zeros before the start), the same sequence,
    /// washout and train/test boundary as the STO reservoir's run with the same seed. Validation is the
    /// last <see cref="SineSquareValidationFraction"/> of the training range, one contiguous block, since
    /// neighbouring windows share seven of their eight samples.
    /// </summary>
    public static SuiteTask SineSquare(ulong seed)
    {
        var (u, y) = SineSquareTask.Generate(SineSquarePeriods, new Rng(seed).Split("task"));
        const int window = SineSquareTask.SamplesPerPeriod;
        var x = new float[u.Length * window];
        for (int t = 0; t < u.Length; t++)
        {
            for (int k = 0; k < window && k <= t; k++)
            {
                x[(t * window) + k] = (float)u[t - k];
            }
        }
        var all = new Dataset<float>("sine-square", Core.Tensors.Tensor<float>.FromArray(x, u.Length, window), [.. y.Select(v => (int)v)], 2);
        int trainEnd = SineSquareTrainPeriods * SineSquareTask.SamplesPerPeriod;
        int validationStart = trainEnd - (int)Math.Round(SineSquareValidationFraction * (trainEnd - SineSquareWashout));
        return new("sine-square", all.Subset([.. Enumerable.Range(SineSquareWashout, validationStart - SineSquareWashout)]),
            all.Subset([.. Enumerable.Range(validationStart, trainEnd - validationStart)]), all.Subset([.. Enumerable.Range(trainEnd, u.Length - trainEnd)]));
    }

    /// <summary>
    /// The six synthetic vowels of <c>pnn repro forward-only</c> (formant features), with the same examples, split and
    /// [0, amplitude] scaling as the single-chip DNN's run with <paramref name="options"/>, in float32 for the digital MLP.
    /// </summary>
    public static SuiteTask Vowels(Reproductions.ForwardOnlyVowelsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var all = Dynamics.Reproductions.VowelFormantFeatures.Create(options.PerVowel, options.Seed);
        var parts = Splits.TrainValidationTest(all, options.ValidationFraction, options.TestFraction, options.Seed);
        var scaler = FeatureScaler.FitMinMax(parts.Train.Features, 0, options.InputAmplitude);
        static Dataset<float> Single(Dataset<double> d) =>
            new(d.Name, Core.Tensors.Tensor<float>.FromArray([.. d.Features.Data.ToArray().Select(v => (float)v)], d.Count, d.Features.RowLength), d.Labels!, d.ClassCount);
        return new("vowels", Single(scaler.Transform(parts.Train)), Single(scaler.Transform(parts.Validation)), Single(scaler.Transform(parts.Test)));
    }

    /// <summary>Fraction of the sine/square training range held out (at its end) for validation.</summary>
    public const double SineSquareValidationFraction = 0.2;

    /// <summary>Periods in the sine/square sequence (<see cref="SpintronicDemos"/>' setting).</summary>
    internal const int SineSquarePeriods = 300;

    /// <summary>Periods used for training the readout (<see cref="SpintronicDemos"/>' setting).</summary>
    internal const int SineSquareTrainPeriods = 150;

    /// <summary>Samples discarded at the start (<see cref="SpintronicDemos"/>' setting).</summary>
    internal const int SineSquareWashout = 16;

    private static Dataset<float> First(Dataset<float> d, int count) =>
        count >= d.Count ? d : d.Subset([.. Enumerable.Range(0, count)]);
}
