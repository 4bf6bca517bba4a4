using PnnKit.Core.Data;
using PnnKit.Core.Random;
using PnnKit.Spintronics;

namespace PnnKit.Bench.Suite;

/// <summary>A task of the suite: its name and the train/test splits the digital MLPs use.</summary>
/// <param name="Name">Task name as printed.</param>
/// <param name="Train">Training split.</param>
/// <param name="Test">Test split.</param>
public sealed record SuiteTask(string Name, Dataset<float> Train, Dataset<float> Test)
{
    /// <summary>Iris, 80/20 stratified split, standardised on the training part (as configs/digital-iris-mlp.yaml).</summary>
    public static SuiteTask Iris(ulong seed)
    {
        var (train, test) = Splits.TrainTest(DataCatalog.Load<float>("iris"), 0.2, seed);
        var scaler = FeatureScaler.FitStandard(train.Features);
        return new("iris", scaler.Transform(train), scaler.Transform(test));
    }

    /// <summary>The bundled MNIST subset with its published 8,000 / 2,000 split.</summary>
    public static SuiteTask MnistSubset()
    {
        var (train, test) = DataCatalog.LoadTrainTest<float>("mnist-subset");
        return new("mnist-subset", train, test);
    }

    /// <summary>
    /// Fashion-MNIST when installed (Debian dataset-fashion-mnist or $PNNKIT_DATA), the first
    /// <paramref name="trainCount"/> training and <paramref name="testCount"/> test images; null when absent,
    /// with <paramref name="missing"/> saying why (the places looked at).
    /// </summary>
    public static SuiteTask? FashionMnist(int trainCount, int testCount, out string? missing)
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
        return new("fashion-mnist", First(train, trainCount), First(test, testCount));
    }

    /// <summary>Two moons, 800 points, 50/50 split, features scaled to [−1, 1] (as the in-situ photonic reproduction).</summary>
    public static SuiteTask Moons(ulong seed)
    {
        var all = DataCatalog.Load<float>("moons", synthetic: new SyntheticOptions { Count = 800, Seed = seed });
        var (train, test) = Splits.TrainTest(all, 0.5, seed);
        var scaler = FeatureScaler.FitMinMax(train.Features, -1, 1);
        return new("moons", scaler.Transform(train), scaler.Transform(test));
    }

    /// <summary>
    /// Sine/square waveform classification for a digital MLP: each sample's features are the last
    /// <see cref="SineSquareTask.SamplesPerPeriod"/> inputs (zeros before the start), the same sequence,
    /// washout and train/test boundary as the STO reservoir's run with the same seed.
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
        return new("sine-square", all.Subset([.. Enumerable.Range(SineSquareWashout, trainEnd - SineSquareWashout)]), all.Subset([.. Enumerable.Range(trainEnd, u.Length - trainEnd)]));
    }

    /// <summary>Periods in the sine/square sequence (<see cref="SpintronicDemos"/>' setting).</summary>
    internal const int SineSquarePeriods = 300;

    /// <summary>Periods used for training the readout (<see cref="SpintronicDemos"/>' setting).</summary>
    internal const int SineSquareTrainPeriods = 150;

    /// <summary>Samples discarded at the start (<see cref="SpintronicDemos"/>' setting).</summary>
    internal const int SineSquareWashout = 16;

    private static Dataset<float> First(Dataset<float> d, int count) =>
        count >= d.Count ? d : d.Subset([.. Enumerable.Range(0, count)]);
}
