using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Training;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;
using PnnKit.Methods;

namespace PnnKit.Bench.Repro;

/// <summary>Settings of <see cref="MemristorDrift.Run"/>.</summary>
public sealed record MemristorDriftOptions
{
    /// <summary>Hidden widths of the crossbar MLP (issue 4: 256, 128).</summary>
    public int[] Hidden { get; init; } = [256, 128];

    /// <summary>Training epochs.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Fabricated instances per age (issue 4: 20).</summary>
    public int Instances { get; init; } = 20;

    /// <summary>Ages read, s.</summary>
    public double[] Ages { get; init; } = RobustnessProtocol.StandardAges;

    /// <summary>Sample programming noise in every training forward (hardware-aware training).</summary>
    public bool HardwareAware { get; init; } = true;

    /// <summary>Seed of everything.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Training and test images (784 features, 10 classes); null: the bundled MNIST subset.</summary>
    public (Dataset<float> Train, Dataset<float> Test)? Data { get; init; }
}

/// <summary>What a drift reproduction measured.</summary>
/// <param name="HardwareAware">Whether training sampled programming noise.</param>
/// <param name="IdealAccuracy">Test accuracy of the trained design read without device errors.</param>
/// <param name="Ages">Robustness statistics per age, with global drift compensation.</param>
/// <param name="CoreEnergyPerInferenceJoules">Array reads only.</param>
/// <param name="SystemEnergyPerInferenceJoules">Array, DAC, ADC, TIA and digital partial sums.</param>
/// <param name="CostTerms">The ledger's terms.</param>
public sealed record MemristorDriftResult(bool HardwareAware, double IdealAccuracy, IReadOnlyList<AgeStatistics> Ages, double CoreEnergyPerInferenceJoules, double SystemEnergyPerInferenceJoules, IReadOnlyList<CostEntry> CostTerms);

/// <summary>
/// An MLP on PCM crossbars (8-bit DAC/ADC, aihwkit's PCM statistics) on the bundled MNIST subset:
/// trained (hardware-aware or plain), programmed onto fabricated instances and read at a list of
/// ages with global drift compensation — the memristive drift reproduction of issue 4 and the
/// tour's memristive section.
/// </summary>
public static class MemristorDrift
{
    /// <summary>Runs the reproduction.</summary>
    public static MemristorDriftResult Run(MemristorDriftOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (train, test) = options.Data ?? DataCatalog.LoadTrainTest<float>("mnist-subset");
        var rng = new Rng(options.Seed).Split("memristive-init");
        double noise = options.HardwareAware ? 1 : 0;
        var layers = new List<ILayer<float>>();
        var analog = new List<AnalogLinear<float>>();
        int width = 784;
        foreach (int h in options.Hidden.Append(10))
        {
            // Weight range near the trained weights' spread (wider for the small last layer), so
            // device noise is small against the weights.
            var layer = new AnalogLinear<float>(width, h, rng, new AnalogConfig { Mapping = new WeightMapping(weightMax: h == 10 ? 1.0 : 0.3), TrainingProgrammingNoiseScale = noise }, name: $"crossbar{analog.Count + 1}");
            analog.Add(layer);
            layers.Add(layer);
            if (h != 10)
            {
                layers.Add(new ReLU<float>());
            }
            width = h;
        }
        var model = new Sequential<float>([.. layers]);
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Adam<float>(model.Parameters, 1e-3),
            new TrainerOptions { Epochs = options.Epochs, BatchSize = 64, Seed = options.Seed }, new CosineSchedule((long)options.Epochs * ((train.Count + 63) / 64)));
        trainer.EpochCompleted += m => log?.Invoke($"  crossbar MLP epoch {m.Epoch}/{options.Epochs}  loss {m.TrainLoss:F4}  train acc {m.TrainAccuracy:P2}");
        trainer.Fit(train);
        double ideal = trainer.Evaluate(test).Accuracy!.Value;

        var designs = analog.Select(a => a.ToDesign()).ToList();
        ILayer<float> InstanceAt(ulong instanceSeed, double age, double kelvin)
        {
            for (int i = 0; i < analog.Count; i++)
            {
                analog[i].Instance = designs[i].Fabricate(new DeviceVariation(), instanceSeed + (ulong)i);
            }
            return model;
        }
        var ages = RobustnessProtocol.Run<float>(InstanceAt, test, options.Instances, options.Ages, options.Seed);

        var ledger = new CostLedger();
        InstanceAt(options.Seed, 86_400, ForwardContext.RoomTemperatureKelvin);
        Trainer<float>.Evaluate(model, new SoftmaxCrossEntropy<float>(), test, 64, new ForwardContext(Mode.Eval, new Rng(options.Seed)) { AgeSeconds = 86_400, Ledger = ledger });
        return new MemristorDriftResult(options.HardwareAware, ideal, ages, ledger.CoreEnergyPerInference, ledger.SystemEnergyPerInference(ledger.LatencySeconds), ledger.Entries);
    }
}
