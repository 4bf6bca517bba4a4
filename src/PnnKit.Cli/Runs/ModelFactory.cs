using PnnKit.Cli.Config;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Training;
using PnnKit.Interop;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;
using PnnKit.Photonics.TensorCore;

namespace PnnKit.Cli.Runs;

/// <summary>Builds the model, loss, optimizer and schedule a config describes.</summary>
internal static class ModelFactory
{
    public static Sequential<float> Model(ExperimentConfig c, int inputs, int outputs)
    {
        if (c.Model == "mesh")
        {
            return PhotonicMesh.Model(c, inputs, outputs);
        }
        if (c.Model == "onnx")
        {
            return Imported(c, inputs, outputs);
        }
        var rng = new Rng((ulong)c.Seed).Split("init");
        var layers = new List<ILayer<float>>();
        int width = inputs;
        for (int i = 0; i < c.Hidden.Length; i++)
        {
            layers.Add(LinearLayer(c, i, width, c.Hidden[i], rng));
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
        layers.Add(LinearLayer(c, c.Hidden.Length, width, outputs, rng));
        return new Sequential<float>([.. layers]);
    }

    /// <summary>Linear layer <paramref name="index"/> on the configured substrate.</summary>
    private static ILayer<float> LinearLayer(ExperimentConfig c, int index, int inputs, int outputs, Rng rng) => c.Substrate switch
    {
        "memristive" => new AnalogLinear<float>(inputs, outputs, rng, new AnalogConfig
        {
            Mapping = new WeightMapping(weightMax: c.WeightMax[c.WeightMax.Length == 1 ? 0 : index]),
            TrainingProgrammingNoiseScale = c.TrainingNoise,
            Device = PcmDevice(c),
        }, name: $"crossbar{index + 1}"),
        _ => new Linear<float>(inputs, outputs, rng, name: $"linear{index + 1}"),
    };

    /// <summary>
    /// model.type: onnx. The file's graph (<see cref="OnnxImporter"/>), fed the data set's rows reshaped to its input shape,
    /// with a final Softmax dropped (the loss applies it to logits), then mapped onto the substrate: every Linear and Conv2d
    /// onto crossbar tiles (<see cref="CrossbarMapper{T}"/>), a coherent photonic tensor core (<see cref="PhotonicMapper{T}"/>)
    /// or the photonic tensor processor's intensity crossbar (<see cref="IntensityCrossbarMapper{T}"/>, model.core: intensity-crossbar).
    /// </summary>
    public static Sequential<float> Imported(ExperimentConfig c, int inputs, int outputs)
    {
        var m = OnnxImporter.Load(c.OnnxFile!);
        int features = m.InputShape.Aggregate(1, (a, d) => a * d);
        if (features != inputs)
        {
            throw new ConfigException($"model.file: {c.OnnxFile} takes [N, {string.Join(", ", m.InputShape)}] = {features} values per sample; data {c.Data} has {inputs}.");
        }
        var digital = m.OnRows();
        int classes = digital.Forward(new PnnKit.Core.Tensors.Tensor<float>(1, inputs), ForwardContext.Eval()).RowLength;
        if (classes != outputs)
        {
            throw new ConfigException($"model.file: {c.OnnxFile} has {classes} outputs; data {c.Data} has {outputs} classes.");
        }
        var rng = new Rng((ulong)c.Seed).Split("convert");
        ISubstrateMapper<float>? mapper = c.Substrate switch
        {
            "memristive" => new CrossbarMapper<float>(new AnalogConfig
            {
                Mapping = new WeightMapping(weightMax: c.WeightMax[0]),
                TrainingProgrammingNoiseScale = c.TrainingNoise,
                Device = PcmDevice(c),
            }, rng),
            "photonic" when c.Core == "intensity-crossbar" => new IntensityCrossbarMapper<float>(c.Crossbar, rng),
            "photonic" => new PhotonicMapper<float>(PhotonicCoreConfig.Default with { TileSize = c.TileSize }, rng),
            _ => null,
        };
        return mapper is null ? digital : (Sequential<float>)SubstrateConversion.Convert(digital, mapper);
    }

    /// <summary>The PCM statistics of the config's model.device preset (validated when the config was read).</summary>
    private static PcmNoiseModel PcmDevice(ExperimentConfig c) => MemristivePresets.Pcm.First(p => p.Name == c.Device).Model;

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
