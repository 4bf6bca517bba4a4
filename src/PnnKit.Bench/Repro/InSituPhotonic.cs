using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Training;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Networks;

namespace PnnKit.Bench.Repro;

/// <summary>What the in-situ photonic reproduction measured on one task.</summary>
/// <param name="Task">moons, circles or rings.</param>
/// <param name="DesignAccuracy">Ideal design trained in silico.</param>
/// <param name="DeployedAccuracy">The same phases on a fabricated instance.</param>
/// <param name="RecoveredAccuracy">After in-situ training on that instance (gradients from intensities).</param>
/// <param name="CoreEnergyPerInferenceJoules">Optical core only.</param>
/// <param name="SystemEnergyPerInferenceJoules">With laser, modulators, detectors, TIAs, ADCs and heater holding power.</param>
/// <param name="CostTerms">The ledger's terms, summed over <paramref name="Inferences"/> inferences.</param>
/// <param name="Inferences">Inferences the terms were charged for.</param>
public sealed record InSituPhotonicResult(string Task, double DesignAccuracy, double DeployedAccuracy, double RecoveredAccuracy, double CoreEnergyPerInferenceJoules, double SystemEnergyPerInferenceJoules, IReadOnlyList<CostEntry> CostTerms, long Inferences);

/// <summary>
/// In-situ backpropagation with light (Hughes et al., Optica 2018; Pai et al., Science 2023): three
/// 4-port Clements meshes with photodetector nonlinearities on a 2-D task, trained in silico, deployed
/// on a fabricated instance with static phase and coupler errors, then retrained in situ with
/// gradients measured from intensities only.
/// </summary>
public static class InSituPhotonic
{
    /// <summary>The tasks of the paper's demonstrations.</summary>
    public static readonly string[] Tasks = ["moons", "circles", "rings"];

    /// <summary>Runs on <paramref name="task"/> (moons, circles or rings).</summary>
    public static InSituPhotonicResult Run(string task = "moons", ulong seed = 1)
    {
        if (!Tasks.Contains(task, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Task '{task}' is not one of {string.Join(", ", Tasks)}.", nameof(task));
        }
        var all = DataCatalog.Load<double>(task, synthetic: new SyntheticOptions { Count = 800, Seed = seed });
        var (train, test) = Splits.TrainTest(all, 0.5, seed);
        // Features to [−1, 1], the modulators' drive range.
        var scaler = FeatureScaler.FitMinMax(train.Features, -1, 1);
        (train, test) = (scaler.Transform(train), scaler.Transform(test));

        var rng = new Rng(seed).Split("photonic");
        var designs = Enumerable.Range(0, 3).Select(l => new ClementsMesh<double>(4, rng.Split((ulong)l), name: $"mesh{l}")).ToList();
        var loss = new SoftmaxCrossEntropy<double>();
        var options = new TrainerOptions { Epochs = 60, BatchSize = 20, Seed = seed };
        var silico = MeshClassifier.Build<double>([.. designs.Cast<MziMesh<double>>()], 2, outputGain: 10);
        new Trainer<double>(silico, loss, new Adam<double>(silico.Parameters, 0.05), options).Fit(train);
        double design = Trainer<double>.Evaluate(silico, loss, test, 100).Accuracy!.Value;

        // A fabricated copy with static phase errors of 0.4 rad and 5 % coupler imbalance (large on purpose).
        var errors = rng.Split("fabrication");
        var instances = designs.Select(d => (MziMesh<double>)d.WithErrors(new MeshErrors
        {
            ThetaOffset = [.. Enumerable.Range(0, 6).Select(_ => 0.4 * errors.Normal())],
            PhiOffset = [.. Enumerable.Range(0, 6).Select(_ => 0.4 * errors.Normal())],
            Coupler1Ratio = [.. Enumerable.Range(0, 6).Select(_ => 0.5 + (0.05 * errors.Normal()))],
            Coupler2Ratio = [.. Enumerable.Range(0, 6).Select(_ => 0.5 + (0.05 * errors.Normal()))],
        })).ToList();
        var deployed = MeshClassifier.Build(instances, 2, outputGain: 10, inSitu: true);
        double before = Trainer<double>.Evaluate(deployed, loss, test, 100).Accuracy!.Value;
        new Trainer<double>(deployed, loss, new Adam<double>(deployed.Parameters, 0.02), options with { Epochs = 30 }).Fit(train);

        var ledger = new CostLedger();
        double after = Trainer<double>.Evaluate(deployed, loss, test, 100, new ForwardContext(Mode.Eval, new Rng(seed)) { Ledger = ledger }).Accuracy!.Value;
        return new InSituPhotonicResult(task, design, before, after, ledger.CoreEnergyPerInference, ledger.SystemEnergyPerInference(ledger.LatencySeconds), ledger.Entries, ledger.Inferences);
    }
}
