using PnnKit.Cli.Config;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Training;

namespace PnnKit.Cli.Runs;

/// <summary>Builds the model, loss, optimizer and schedule a config describes.</summary>
internal static class ModelFactory
{
    public static Sequential<float> Model(ExperimentConfig c, int inputs, int outputs)
    {
        var rng = new Rng((ulong)c.Seed).Split("init");
        var layers = new List<ILayer<float>>();
        int width = inputs;
        for (int i = 0; i < c.Hidden.Length; i++)
        {
            layers.Add(new Linear<float>(width, c.Hidden[i], rng, name: $"linear{i + 1}"));
            layers.Add(c.Activation switch
            {
                "relu" => new ReLU<float>(),
                "tanh" => new Tanh<float>(),
                "sigmoid" => new Sigmoid<float>(),
                "gelu" => new Gelu<float>(),
                _ => throw new ConfigException($"model.activation: '{c.Activation}' is not one of {string.Join(", ", ExperimentConfig.Activations)}."),
            });
            if (c.Dropout > 0)
            {
                layers.Add(new Dropout<float>(c.Dropout));
            }
            width = c.Hidden[i];
        }
        layers.Add(new Linear<float>(width, outputs, rng, name: $"linear{c.Hidden.Length + 1}"));
        return new Sequential<float>([.. layers]);
    }

    public static Loss<float> Loss(ExperimentConfig c) => c.Loss == "mse" ? new MeanSquaredError<float>() : new SoftmaxCrossEntropy<float>();

    public static Optimizer<float> Optimizer(ExperimentConfig c, IReadOnlyList<Parameter<float>> parameters) => c.Optimizer switch
    {
        "sgd" => new Sgd<float>(parameters, c.LearningRate, c.Momentum, c.WeightDecay),
        "adamw" => Adam<float>.AdamW(parameters, c.LearningRate, c.WeightDecay),
        _ => new Adam<float>(parameters, c.LearningRate, weightDecay: c.WeightDecay),
    };

    public static ILearningRateSchedule Schedule(ExperimentConfig c, int stepsPerEpoch) => c.Schedule switch
    {
        "cosine" => new CosineSchedule((long)c.Epochs * stepsPerEpoch, 0, (long)c.WarmupEpochs * stepsPerEpoch),
        "step" => new StepSchedule((long)c.StepEpochs * stepsPerEpoch, c.Gamma),
        _ => new ConstantSchedule(),
    };
}
