using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Training;
using PnnKit.Methods;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Networks;

namespace PnnKit.Bench.Reproductions;

/// <summary>Test accuracies of the photonic feedback-alignment run: backprop and DFA in silico, DFA in situ on a fabricated chip.</summary>
/// <param name="Task">Two-class point set.</param>
/// <param name="Backprop">Backprop through the design's meshes (analytic adjoint).</param>
/// <param name="Dfa">DFA on the design: each mesh's phase update from the output error through a fixed random matrix.</param>
/// <param name="ChipBeforeTraining">The DFA design deployed on the fabricated chip, before any training on it.</param>
/// <param name="ChipDfaInSitu">DFA trained on the chip, each mesh's phase gradient measured with light from its DFA error.</param>
/// <param name="Readings">Detector readings the in-situ DFA training took.</param>
/// <param name="InSituReadings">How those readings were made (noise, ADC, adjoint source).</param>
/// <param name="DetectorNoiseSweep">DFA in situ on the same chip at each detector-noise level (no choice is made on it).</param>
/// <param name="Splits">Train / validation / test points: <see cref="InSituPhotonic.Data"/>'s split; nothing is chosen here (the gain and steps are
/// <see cref="InSituPhotonicOptions"/>' defaults, chosen on validation by <see cref="InSituPhotonic.Sweep"/>), so validation goes unused.</param>
public sealed record FeedbackAlignmentPhotonicResult(SplitSizes Splits, string Task, double Backprop, double Dfa, double ChipBeforeTraining, double ChipDfaInSitu, long Readings, InSituOptions InSituReadings, IReadOnlyList<DetectorNoiseRow> DetectorNoiseSweep);

/// <summary>
/// Direct feedback alignment on light: the three-mesh network of <see cref="InSituPhotonic"/> (4-port
/// Clements meshes, photodetection and re-modulation between them). DFA sends the output error to
/// each hidden mesh's next input through a fixed random matrix, back through the detector and
/// modulator between them, and the mesh turns it into phase gradients — analytically in silico, or by
/// the in-situ protocol (forward, adjoint and interference readings) on a fabricated chip, so no
/// backward pass through the later meshes is needed.
/// </summary>
public static class FeedbackAlignmentPhotonic
{
    /// <summary>
    /// Runs on moons with <paramref name="epochs"/> epochs per training (the in-situ one gets half), the in-situ
    /// readings made as <paramref name="readings"/> says (default <see cref="InSituOptions.Measured"/>), and the in-situ
    /// training repeated at each of <paramref name="detectorNoiseLevels"/> (default 0, 1, 10, 100; see <see cref="InSituPhotonicOptions.DetectorNoiseLevels"/>).
    /// </summary>
    public static FeedbackAlignmentPhotonicResult Run(ulong seed = 1, int epochs = 100, int samples = 2000, Action<string>? log = null,
        InSituOptions? readings = null, IReadOnlyList<double>? detectorNoiseLevels = null)
    {
        if (epochs < 2 || samples < 20)
        {
            throw new ArgumentOutOfRangeException(nameof(epochs), $"Need epochs ≥ 2 and samples ≥ 20; got {epochs}, {samples}.");
        }
        readings ??= InSituOptions.Measured;
        detectorNoiseLevels ??= new InSituPhotonicOptions().DetectorNoiseLevels;
        if (detectorNoiseLevels.Any(l => !(l >= 0 && double.IsFinite(l))))
        {
            throw new ArgumentOutOfRangeException(nameof(detectorNoiseLevels), "Detector-noise levels must be finite and ≥ 0 (0: noise-free).");
        }
        var defaults = new InSituPhotonicOptions { Task = "moons", Samples = samples, Seed = seed };
        var (data, _) = InSituPhotonic.Data(defaults);
        var (train, test) = (data.Train, data.Test);
        int features = train.Features.RowLength;
        var loss = new SoftmaxCrossEntropy<double>();

        double Fit(ILayer<double> model, int epochsHere, double learningRate, string label)
        {
            int steps = (train.Count + defaults.BatchSize - 1) / defaults.BatchSize;
            var trainer = new Trainer<double>(model, loss, new Adam<double>(model.Parameters, learningRate),
                new TrainerOptions { Epochs = epochsHere, BatchSize = defaults.BatchSize, Seed = seed }, new CosineSchedule((long)steps * epochsHere));
            trainer.Fit(train);
            double accuracy = Trainer<double>.Evaluate(model, loss, test, 100).Accuracy!.Value;
            log?.Invoke($"  {label}: test accuracy {accuracy:P2}");
            return accuracy;
        }

        // Same initial phases for every run.
        List<ClementsMesh<double>> Design() => InSituPhotonic.Meshes<double>(new Rng(seed).Split("photonic"));
        static List<MziMesh<double>> Mzi(IEnumerable<ClementsMesh<double>> meshes) => [.. meshes.Cast<MziMesh<double>>()];
        double backprop = Fit(MeshClassifier.Build(Mzi(Design()), features, defaults.OutputGain, inputDacBits: defaults.InputDacBits), epochs, defaults.DesignLearningRate, "backprop, in silico");
        var designMeshes = Design();
        var dfaModel = new DirectFeedbackAlignment<double>(MeshClassifier.Build(Mzi(designMeshes), features, defaults.OutputGain, inputDacBits: defaults.InputDacBits), new Rng(seed).Split("feedback"));
        double dfa = Fit(dfaModel, epochs, defaults.DesignLearningRate, "DFA, in silico");

        // The DFA design on a fabricated chip (the in-situ reproduction's error levels), then DFA in situ there.
        Sequential<double> OnChip(InSituOptions r) =>
            MeshClassifier.Build(InSituPhotonic.Fabricate(designMeshes, defaults, new Rng(seed).Split("photonic").Split("fabrication")), features, defaults.OutputGain, inSitu: true, options: r, inputDacBits: defaults.InputDacBits);
        var onChip = OnChip(readings);
        double before = Trainer<double>.Evaluate(onChip, loss, test, 100).Accuracy!.Value;
        log?.Invoke($"  DFA design on the fabricated chip: test accuracy {before:P2}");
        double inSitu = Fit(new DirectFeedbackAlignment<double>(onChip, new Rng(seed).Split("feedback")), epochs / 2, defaults.InSituLearningRate, "DFA in situ on the chip");
        long count = onChip.Layers.OfType<InSituMesh<double>>().Sum(m => m.MeasurementCount);
        var sweep = detectorNoiseLevels.Select(level =>
        {
            var r = DetectorNoiseRow.Readings(readings, level);
            double accuracy = r == readings ? inSitu : Fit(new DirectFeedbackAlignment<double>(OnChip(r), new Rng(seed).Split("feedback")), epochs / 2, defaults.InSituLearningRate, $"DFA in situ, detector noise {level}×");
            return DetectorNoiseRow.Of(level, r, accuracy);
        }).ToList();
        return new FeedbackAlignmentPhotonicResult(data.Sizes, defaults.Task, backprop, dfa, before, inSitu, count, readings, sweep);
    }
}
