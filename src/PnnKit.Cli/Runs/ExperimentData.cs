using PnnKit.Cli.Config;
using PnnKit.Core.Data;

namespace PnnKit.Cli.Runs;

/// <summary>
/// The train/validation/test data of an experiment. Image sets (mnist-subset, mnist, fashion-mnist,
/// cifar-10) keep their published train/test files and their [0, 1] pixel scale; Iris and
/// synthetic sets are split (stratified, seeded) by the config's test fraction. Validation is
/// carved out of the training part. Tabular features are standardised with statistics of the
/// training part only.
/// </summary>
internal static class ExperimentData
{
    internal sealed record Splits(Dataset<float> Train, Dataset<float>? Validation, Dataset<float> Test, int Outputs)
    {
        /// <summary>The part sizes, for result.json and pnn eval's output.</summary>
        public SplitSizes Sizes => new(Train.Count, Validation?.Count ?? 0, Test.Count);
    }

    /// <summary>Random shifts of square images (MNIST-like 28×28), for the trainer's augmentation hook.</summary>
    public static Func<Core.Tensors.Tensor<float>, Core.Random.Rng, Core.Tensors.Tensor<float>> ShiftAugmentation(ExperimentConfig c, Dataset<float> train)
    {
        int side = (int)Math.Round(Math.Sqrt(train.FeatureCount));
        if (side * side != train.FeatureCount || side < 8)
        {
            throw new ConfigException($"data.augment_shift: {c.Data} is not a set of square images; set it to 0.");
        }
        return (x, rng) => ImageAugmentation.RandomShift(x, side, side, c.AugmentShift, rng);
    }

    public static Splits Load(ExperimentConfig c)
    {
        ulong seed = (ulong)c.Seed;
        var info = DataCatalog.Describe(c.Data);
        Dataset<float> train, test;
        if (info.Name is "mnist-subset" or "mnist" or "fashion-mnist" or "cifar-10")
        {
            (train, test) = DataCatalog.LoadTrainTest<float>(info.Name, c.DataDir);
        }
        else
        {
            var all = DataCatalog.Load<float>(info.Name, synthetic: new SyntheticOptions { Count = c.SyntheticCount, Noise = c.SyntheticNoise, Seed = seed });
            (train, test) = Core.Data.Splits.TrainTest(all, c.TestFraction, seed);
            var scaler = FeatureScaler.FitStandard(train.Features, $"{info.Name} training features");
            train = scaler.Transform(train);
            test = scaler.Transform(test);
        }
        Dataset<float>? validation = null;
        if (c.ValidationFraction > 0)
        {
            (train, validation) = Core.Data.Splits.TrainTest(train, c.ValidationFraction, seed + 1);
        }
        if (!train.IsClassification)
        {
            throw new ConfigException($"data.name: {info.Name} is not a classification set; only classification is supported by model.type mlp.");
        }
        if (c.Model == "mesh")
        {
            (train, validation, test) = PhotonicMesh.Encode(c, train, validation, test);
        }
        return new Splits(train, validation, test, train.ClassCount);
    }
}
