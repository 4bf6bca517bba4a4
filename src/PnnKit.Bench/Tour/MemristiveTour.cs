using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Training;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;
using PnnKit.Methods;

namespace PnnKit.Bench.Tour;

/// <summary>What the memristive section of the tour measured.</summary>
/// <param name="Instances">Fabricated crossbars evaluated.</param>
/// <param name="IdealAccuracy">Test accuracy of the trained design read without device errors.</param>
/// <param name="Ages">Robustness statistics per age, with global drift compensation.</param>
/// <param name="CoreEnergyPerInferenceJoules">Array reads only.</param>
/// <param name="SystemEnergyPerInferenceJoules">Array, DAC, ADC, TIA and digital partial sums.</param>
/// <param name="CostTerms">The ledger's terms.</param>
public sealed record MemristiveTourResult(int Instances, double IdealAccuracy, IReadOnlyList<AgeStatistics> Ages, double CoreEnergyPerInferenceJoules, double SystemEnergyPerInferenceJoules, IReadOnlyList<CostEntry> CostTerms);

/// <summary>
/// The tour's memristive section: an MLP 784-256-10 on PCM crossbars (8-bit DAC/ADC, aihwkit's PCM
/// statistics), trained hardware-aware (programming noise sampled in every forward), programmed onto
/// fabricated instances and read at 1 s, 1 day and 1 year with global drift compensation.
/// </summary>
public static class MemristiveTour
{
    /// <summary>Runs the section; <paramref name="instances"/> crossbars per age.</summary>
    public static MemristiveTourResult Run(int epochs = 8, int instances = 5, ulong seed = 1, Action<string>? log = null)
    {
        var (train, test) = DataCatalog.LoadTrainTest<float>("mnist-subset");
        var rng = new Rng(seed).Split("memristive-init");
        // Weight ranges near the trained weights' spread, so device noise is small against them.
        var hidden = new AnalogLinear<float>(784, 256, rng, new AnalogConfig { Mapping = new WeightMapping(weightMax: 0.3), TrainingProgrammingNoiseScale = 1 }, name: "crossbar1");
        var output = new AnalogLinear<float>(256, 10, rng, new AnalogConfig { Mapping = new WeightMapping(weightMax: 1.0), TrainingProgrammingNoiseScale = 1 }, name: "crossbar2");
        var model = new Sequential<float>(hidden, new ReLU<float>(), output);
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Adam<float>(model.Parameters, 1e-3),
            new TrainerOptions { Epochs = epochs, BatchSize = 64, Seed = seed }, new CosineSchedule((long)epochs * ((train.Count + 63) / 64)));
        trainer.EpochCompleted += m => log?.Invoke($"  memristive epoch {m.Epoch}/{epochs}  loss {m.TrainLoss:F4}  train acc {m.TrainAccuracy:P2}");
        trainer.Fit(train);
        double ideal = trainer.Evaluate(test).Accuracy!.Value;

        var designs = (hidden.ToDesign(), output.ToDesign());
        ILayer<float> InstanceAt(ulong instanceSeed, double age, double kelvin)
        {
            hidden.Instance = designs.Item1.Fabricate(new DeviceVariation(), instanceSeed);
            output.Instance = designs.Item2.Fabricate(new DeviceVariation(), instanceSeed ^ 0x5bd1e995UL);
            return model;
        }
        var ages = RobustnessProtocol.Run<float>(InstanceAt, test, instances, [1, 86_400, 365 * 86_400], seed);

        var ledger = new CostLedger();
        InstanceAt(seed, 86_400, ForwardContext.RoomTemperatureKelvin);
        Trainer<float>.Evaluate(model, new SoftmaxCrossEntropy<float>(), test, 64, new ForwardContext(Mode.Eval, new Rng(seed)) { AgeSeconds = 86_400, Ledger = ledger });
        return new MemristiveTourResult(instances, ideal, ages, ledger.CoreEnergyPerInference, ledger.SystemEnergyPerInference(ledger.LatencySeconds), ledger.Entries);
    }
}
