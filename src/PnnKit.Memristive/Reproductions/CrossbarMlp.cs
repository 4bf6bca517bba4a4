using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Training;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;

namespace PnnKit.Memristive.Reproductions;

/// <summary>
/// A ReLU MLP trained in software (float32, Adam) and its copy on crossbar layers: the common start of
/// the hybrid-training and ADC-sweep reproductions.
/// </summary>
public static class CrossbarMlp
{
    /// <summary>The untrained digital ReLU MLP (features → hidden → classes) and its dense layers, initialised from <paramref name="seed"/>.</summary>
    public static (Sequential<float> Model, List<Linear<float>> Layers) Untrained(Dataset<float> train, int[] hidden, ulong seed)
    {
        var rng = new Rng(seed).Split("software-init");
        var dense = new List<Linear<float>>();
        var layers = new List<ILayer<float>>();
        int width = train.FeatureCount;
        foreach (int h in hidden.Append(train.ClassCount))
        {
            var l = new Linear<float>(width, h, rng.Split((ulong)dense.Count), name: $"fc{dense.Count + 1}");
            dense.Add(l);
            layers.Add(l);
            if (h != train.ClassCount)
            {
                layers.Add(new ReLU<float>());
            }
            width = h;
        }
        return (new Sequential<float>([.. layers]), dense);
    }

    /// <summary>
    /// The untrained ReLU MLP on crossbar layers (features → hidden → classes), for training on the crossbar model:
    /// layer i is named crossbar{i + 1}, takes <paramref name="config"/>(whether it is the output layer) and draws its
    /// initial weights from <paramref name="rng"/>(i).
    /// </summary>
    public static (Sequential<float> Model, List<AnalogLinear<float>> Layers) UntrainedOnCrossbars(Dataset<float> train, int[] hidden, Func<int, Rng> rng, Func<bool, AnalogConfig> config)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(config);
        var layers = new List<ILayer<float>>();
        var analog = new List<AnalogLinear<float>>();
        int width = train.FeatureCount;
        foreach (int h in hidden.Append(train.ClassCount))
        {
            bool output = analog.Count == hidden.Length;
            var layer = new AnalogLinear<float>(width, h, rng(analog.Count), config(output), name: $"crossbar{analog.Count + 1}");
            analog.Add(layer);
            layers.Add(layer);
            if (!output)
            {
                layers.Add(new ReLU<float>());
            }
            width = h;
        }
        return (new Sequential<float>([.. layers]), analog);
    }

    /// <summary>Trains a digital 784-…-10 MLP on <paramref name="train"/>; returns it and its dense layers.</summary>
    public static (Sequential<float> Model, List<Linear<float>> Layers) TrainSoftware(Dataset<float> train, int[] hidden, int epochs, ulong seed, Action<string>? log)
    {
        var (model, dense) = Untrained(train, hidden, seed);
        const int batch = 64;
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Adam<float>(model.Parameters, 1e-3),
            new TrainerOptions { Epochs = epochs, BatchSize = batch, Seed = seed }, new CosineSchedule((long)epochs * ((train.Count + batch - 1) / batch)));
        trainer.EpochCompleted += m => log?.Invoke($"  software MLP epoch {m.Epoch}/{epochs}  loss {m.TrainLoss:F4}  train acc {m.TrainAccuracy:P2}");
        trainer.Fit(train);
        return (model, dense);
    }

    /// <summary>
    /// The same network on crossbar layers with <paramref name="config"/> (its mapping replaced): each layer's
    /// weight range is its largest |w|, so no weight is clipped and the conductance range is fully used.
    /// </summary>
    public static (Sequential<float> Model, List<AnalogLinear<float>> Layers) ToCrossbars(IReadOnlyList<Linear<float>> dense, AnalogConfig config, ulong seed)
    {
        var rng = new Rng(seed).Split("crossbar-init");
        var analog = new List<AnalogLinear<float>>();
        var layers = new List<ILayer<float>>();
        for (int i = 0; i < dense.Count; i++)
        {
            var d = dense[i];
            double wMax = 0;
            foreach (float w in d.Weight.Value.Data)
            {
                wMax = Math.Max(wMax, Math.Abs(w));
            }
            var cfg = config with { Mapping = new WeightMapping(config.Mapping.GMax, wMax, config.Mapping.Levels, config.Mapping.Policy, config.Mapping.GMin) };
            var a = new AnalogLinear<float>(d.Inputs, d.Outputs, rng.Split((ulong)i), cfg, bias: d.Bias is not null, name: $"crossbar{i + 1}");
            d.Weight.Value.Data.CopyTo(a.Weight.Value.Data);
            d.Bias?.Value.Data.CopyTo(a.Bias!.Value.Data);
            analog.Add(a);
            layers.Add(a);
            if (i < dense.Count - 1)
            {
                layers.Add(new ReLU<float>());
            }
        }
        return (new Sequential<float>([.. layers]), analog);
    }

    /// <summary>Programs every layer onto a fresh fabricated instance (layer i gets seed + i).</summary>
    public static int Program(IReadOnlyList<AnalogLinear<float>> layers, DeviceVariation variation, ulong seed)
    {
        int faulty = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            faulty += layers[i].Program(variation, seed + (ulong)i).FaultyDevices;
        }
        return faulty;
    }

    /// <summary>Test accuracy in evaluation mode (age 0, i.e. right after programming).</summary>
    public static double Accuracy(ILayer<float> model, Dataset<float> test, ulong seed) =>
        Trainer<float>.Evaluate(model, new SoftmaxCrossEntropy<float>(), test, 256, new ForwardContext(Mode.Eval, new Rng(seed).Split("eval"))).Accuracy!.Value;
}
