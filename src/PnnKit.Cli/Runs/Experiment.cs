using PnnKit.Bench.Runs;
using PnnKit.Cli.Config;
using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Training;

namespace PnnKit.Cli.Runs;

/// <summary>Final figures of a run, written to result.json and printed with --json; <c>Splits</c> gives the train / validation / test sizes.</summary>
internal sealed record RunResult(
    string Name, string RunDirectory, string Data, int Epochs, int TrainCount, int TestCount,
    double TestLoss, double? TestAccuracy, double? ValidationAccuracy,
    double CoreEnergyPerInferenceJoules, double SystemEnergyPerInferenceJoules, double LatencySeconds,
    long Parameters, IReadOnlyList<CostEntry> CostTerms, InferenceCostReport? CostReport = null, IReadOnlyList<CostParameterUse>? CostParameters = null, SplitSizes? Splits = null)
{
    /// <summary>What a run trained against a device used of it (null in silico).</summary>
    public DeviceUse? Device { get; init; }
}

/// <summary>
/// A device run's use of its device, this process's training and test evaluation (a resumed run counts its own part):
/// examples measured (of them, gradients), detector readings of the gradients, calls and retries, the device's time
/// and metered energy, and the wall time spent waiting on it.
/// </summary>
internal sealed record DeviceUse(string Address, string Method, long Examples, long GradientExamples, long Readings, long Calls, long Retries, double DeviceSeconds, double WallSeconds, double EnergyJoules)
{
    /// <summary>A replay: recorded queries the replay did not ask (0 when it retraced the whole run); null for a device.</summary>
    public long? Unreplayed { get; init; }
}

/// <summary>One default parameter of a cost model that charged the evaluation, with where it comes from and where it holds.</summary>
internal sealed record CostParameterUse(string Model, string Name, double Value, string Unit, string Source, string Validity);

/// <summary>Runs a configured experiment: data, model, training with checkpoints, test evaluation, costs.</summary>
internal static class Experiment
{
    /// <summary>Trains from scratch in a new run directory, or continues <paramref name="resume"/>.</summary>
    public static RunResult Train(ExperimentConfig config, RunDirectory run, bool resume, Action<EpochMetrics>? onEpoch, Action<int, int, int>? onBatch, ExperimentData.Splits? data = null,
        ITrainingChip<float>? device = null, CancellationToken cancellation = default)
    {
        var splits = data ?? ExperimentData.Load(config);
        var model = device is null ? ModelFactory.Model(config, splits.Train.FeatureCount, splits.Outputs) : PhotonicMesh.DeviceModel(config, splits.Train.FeatureCount, splits.Outputs, device.Layer);
        var optimizer = ModelFactory.Optimizer(config, model.Parameters);
        int stepsPerEpoch = (splits.Train.Count + config.BatchSize - 1) / config.BatchSize;
        var options = new TrainerOptions { Epochs = config.Epochs, BatchSize = config.BatchSize, Seed = (ulong)config.Seed, EarlyStoppingPatience = config.Patience };
        var trainer = new Trainer<float>(model, ModelFactory.Loss(config), optimizer, options, ModelFactory.Schedule(config, stepsPerEpoch))
        {
            Augment = config.AugmentShift > 0 ? ExperimentData.ShiftAugmentation(config, splits.Train) : null,
        };
        if (resume && File.Exists(run.CheckpointFile))
        {
            trainer.State = Checkpoint.Load(run.CheckpointFile, model, optimizer);
        }
        trainer.EpochCompleted += m =>
        {
            Checkpoint.Save(run.CheckpointFile, model, optimizer, trainer.State);
            device?.Checkpoint($"epoch {m.Epoch}");
            run.WriteMetrics(trainer.State.History);
            onEpoch?.Invoke(m);
        };
        if (onBatch is not null)
        {
            trainer.BatchCompleted += onBatch;
        }
        try
        {
            trainer.Fit(splits.Train, splits.Validation, cancellation);
        }
        catch (PnnKit.Devices.DeviceException e)
        {
            // Nothing measured is lost: every finished epoch is in the checkpoint; the broken one is repeated on resume.
            throw new PnnKit.Devices.DeviceException($"{e.Message} Training stopped in epoch {trainer.State.EpochsDone + 1}; {run.CheckpointFile} holds the {trainer.State.EpochsDone} finished epoch(s): " +
                $"pnn train --resume {run.Path} continues once the device answers.", e);
        }
        var (deployment, amortised, excluded) = DeploymentCosts.Of(run, config.Substrate, DeploymentCosts.DefaultRate, DeploymentCosts.DefaultLifetime, DeploymentCosts.DefaultCalibrationInterval);
        var result = Evaluate(config, run, model, splits, trainer.State, deployment, amortised, excluded);
        if (device is not null)
        {
            result = result with { Device = device.Use(config.Method) };
        }
        run.WriteResult(result);
        Record(config, run, result);
        return result;
    }

    /// <summary>
    /// `pnn convert`: <paramref name="model"/>, the config's imported model on its substrate, its weights as the file has them (no training), saved as the
    /// run's checkpoint so that `pnn eval` and `pnn robustness` read it like a trained run; evaluated once on the test split.
    /// </summary>
    public static RunResult Convert(ExperimentConfig config, RunDirectory run, ExperimentData.Splits splits, Sequential<float> model)
    {
        var optimizer = ModelFactory.Optimizer(config, model.Parameters);
        var state = new TrainerState();
        Checkpoint.Save(run.CheckpointFile, model, optimizer, state);
        var (deployment, amortised, excluded) = DeploymentCosts.Of(run, config.Substrate, DeploymentCosts.DefaultRate, DeploymentCosts.DefaultLifetime, DeploymentCosts.DefaultCalibrationInterval);
        var result = Evaluate(config, run, model, splits, state, deployment, amortised, excluded);
        run.WriteResult(result);
        Record(config, run, result);
        return result;
    }

    /// <summary>
    /// Multiply–accumulates per sample of every weight matrix: a dense weight once, a convolution kernel once per output
    /// pixel (the output's H'·W'), found by running one zero sample through the model.
    /// </summary>
    internal static double MacsPerSample(ILayer<float> layer, PnnKit.Core.Tensors.Tensor<float> probe, out PnnKit.Core.Tensors.Tensor<float> output)
    {
        switch (layer)
        {
            case Sequential<float> s:
                {
                    double macs = 0;
                    foreach (var l in s.Layers)
                    {
                        macs += MacsPerSample(l, probe, out probe);
                    }
                    output = probe;
                    return macs;
                }
            case Residual<float> r:
                {
                    double macs = MacsPerSample(r.Main, probe, out _) + (r.Shortcut is null ? 0 : MacsPerSample(r.Shortcut, probe, out _));
                    output = r.Forward(probe, ForwardContext.Eval());
                    return macs;
                }
            default:
                output = layer.Forward(probe, ForwardContext.Eval());
                int pixels = output.Rank == 4 ? output.Dim(2) * output.Dim(3) : 1;
                return layer.Parameters.Where(p => p.Name == "weight" && p.Value.Rank >= 2).Sum(p => (double)p.Value.Length) * pixels;
        }
    }

    /// <summary>The run store beside the run directories: runs/pnnkit.db.</summary>
    public static string StorePath(RunDirectory run) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(run.Path))!, "pnnkit.db");

    private static void Record(ExperimentConfig config, RunDirectory run, RunResult r)
    {
        string hash = System.Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(config.ToYaml())));
        using var store = RunStore.Open(StorePath(run));
        store.Record(config.Name, GitInfo.Commit(), hash, config.Seed,
        [
            ("test_accuracy", r.TestAccuracy ?? double.NaN, ""),
            ("test_loss", r.TestLoss, ""),
            ("core_energy_per_inference", r.CoreEnergyPerInferenceJoules, "J"),
            ("system_energy_per_inference", r.SystemEnergyPerInferenceJoules, "J"),
            ("latency", r.LatencySeconds, "s"),
            ("epochs", r.Epochs, ""),
            ("parameters", r.Parameters, ""),
            .. r.Device is not { } d ? [] : new (string, double, string)[]
            {
                ("device_examples", d.Examples, ""),
                ("device_gradient_examples", d.GradientExamples, ""),
                ("device_calls", d.Calls, ""),
                ("device_retries", d.Retries, ""),
                ("device_seconds", d.DeviceSeconds, "s"),
                ("device_wall_seconds", d.WallSeconds, "s"),
                ("device_energy", d.EnergyJoules, "J"),
            },
        ]);
    }

    /// <summary>
    /// Loads the run's checkpoint and evaluates it on the test split; <paramref name="amortised"/> terms
    /// (calibration, retraining) are spread over <paramref name="deployment"/> in the cost report.
    /// </summary>
    public static RunResult Evaluate(RunDirectory run, Deployment? deployment = null, IReadOnlyList<AmortisedCost>? amortised = null, IReadOnlyDictionary<string, string>? excluded = null)
    {
        var config = ExperimentConfig.Load(run.ConfigFile);
        if (config.OnDevice)
        {
            throw new ConfigException($"{run.Path}: trained on a device (training.method: {config.Method}); its test figures, measured on the device, are in {run.ResultFile}.");
        }
        if (!File.Exists(run.CheckpointFile))
        {
            throw new ConfigException($"{run.Path}: no checkpoint.bin yet; train the run first.");
        }
        var splits = ExperimentData.Load(config);
        var model = ModelFactory.Model(config, splits.Train.FeatureCount, splits.Outputs);
        var state = Checkpoint.Load(run.CheckpointFile, model, ModelFactory.Optimizer(config, model.Parameters));
        return Evaluate(config, run, model, splits, state, deployment, amortised, excluded);
    }

    private static RunResult Evaluate(ExperimentConfig config, RunDirectory run, Sequential<float> model, ExperimentData.Splits splits, TrainerState state,
        Deployment? deployment = null, IReadOnlyList<AmortisedCost>? amortised = null, IReadOnlyDictionary<string, string>? excluded = null)
    {
        var ledger = new CostLedger();
        foreach (var (term, reason) in excluded ?? new Dictionary<string, string>())
        {
            ledger.Exclude(term, reason);
        }
        var ctx = new ForwardContext(Mode.Eval, new Rng((ulong)config.Seed).Split("eval")) { Ledger = ledger };
        var test = Trainer<float>.Evaluate(model, ModelFactory.Loss(config), splits.Test, config.BatchSize, ctx);
        // Two operations (multiply, add) per MAC: an MLP uses every weight matrix once per sample; an imported CNN a kernel once per output pixel.
        double operations = config.Model == "onnx"
            ? 2.0 * MacsPerSample(model, new PnnKit.Core.Tensors.Tensor<float>(1, splits.Train.FeatureCount), out _)
            : 2.0 * model.Parameters.Where(p => p.Value.Rank == 2).Sum(p => (double)p.Value.Length);
        var report = InferenceCostReport.From(ledger, operations > 0 ? operations : null, deployment, amortised);
        return new RunResult(
            config.Name, run.Path, config.Data, state.EpochsDone, splits.Train.Count, splits.Test.Count,
            test.Loss, test.Accuracy, state.History.LastOrDefault()?.ValidationAccuracy,
            ledger.CoreEnergyPerInference, report.SystemEnergy.Joules, ledger.LatencySeconds,
            model.Parameters.Sum(p => (long)p.Value.Length), ledger.Entries, report,
            [.. ledger.Models.SelectMany(m => m.Parameters.Select(q => new CostParameterUse(m.Component, q.Name, q.Value, q.Unit, q.Source, q.Validity)))], splits.Sizes);
    }
}
