using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using PnnKit.Cli.Config;
using PnnKit.Cli.Runs;
using PnnKit.Cluster;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Training;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;
using PnnKit.Methods;
using PnnKit.Photonics.Components;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.TensorCore;

namespace PnnKit.Cli.Commands;

/// <summary>What a robustness sweep evaluates: the design (an absolute run path, so any silo on this file system finds it) and the protocol's settings.</summary>
/// <param name="Design">The trained run's folder, absolute.</param>
/// <param name="Policies">The policies evaluated, in order ("none" alone for digital and photonic designs).</param>
/// <param name="Budget">Labelled queries per retraining.</param>
internal sealed record RobustnessSpec(string Design, int Instances, double[] Ages, double Kelvin, string[] Policies, ulong Seed, int Budget);

/// <summary>One item's result: the instance's accuracy, and for the retrain policy what retraining it cost.</summary>
internal sealed record RobustnessItemResult(double Accuracy, double RetrainJoules, long Queries);

/// <summary>
/// The robustness protocol as work items (DESIGN.md §4): one item is one policy × age × instance, evaluated by
/// <see cref="RobustnessProtocol.EvaluateInstance"/> with streams seeded from (--seed, instance), so its result is the
/// same on any silo; <see cref="Reduce"/> turns the results, in item order, into the per-policy tables.
/// </summary>
internal sealed class RobustnessSweep : IWorkItemEvaluator
{
    public const string KindName = "robustness";

    /// <summary>
    /// The photonic instances: typical static errors (residual phase 0.05 rad, couplers 2 %, insertion loss 0.2 ± 0.02 dB per MZI,
    /// 12-bit heater DACs) on a chip whose thermal crosstalk has been calibrated out (MeshCalibration's crosstalk model does this;
    /// left in, 3 % of every neighbour's phase is an uncalibrated chip), with each tile's receiver gain calibrated.
    /// </summary>
    private static readonly MeshVariation CalibratedChip = PhotonicPresets.MziSiThermoOptic.Model with { NeighbourCrosstalk = 0, ThermalCrosstalk = null };

    // Loaded designs by spec: an item mutates its model (fabricates onto it), so each thread takes its own copy from the pool.
    private readonly ConcurrentDictionary<string, ConcurrentBag<LoadedDesign>> _pools = new();

    public string Kind => KindName;

    /// <summary>The items, policy-major, then age, then instance: the order <see cref="Reduce"/> reads.</summary>
    public static Sweep Plan(RobustnessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var keys = new List<string>(spec.Policies.Length * spec.Ages.Length * spec.Instances);
        for (int p = 0; p < spec.Policies.Length; p++)
        {
            for (int a = 0; a < spec.Ages.Length; a++)
            {
                for (int k = 0; k < spec.Instances; k++)
                {
                    keys.Add(FormattableString.Invariant($"{p}/{a}/{k}"));
                }
            }
        }
        return new Sweep(KindName, JsonSerializer.Serialize(spec), keys);
    }

    public string Evaluate(string spec, string key)
    {
        var s = JsonSerializer.Deserialize<RobustnessSpec>(spec) ?? throw new ArgumentException("Empty robustness spec.", nameof(spec));
        var parts = key.Split('/');
        if (parts.Length != 3)
        {
            throw new ArgumentException($"Robustness item keys are POLICY/AGE/INSTANCE, got '{key}'.", nameof(key));
        }
        int p = int.Parse(parts[0], CultureInfo.InvariantCulture), a = int.Parse(parts[1], CultureInfo.InvariantCulture), k = int.Parse(parts[2], CultureInfo.InvariantCulture);
        var pool = _pools.GetOrAdd(spec, _ => []);
        var design = pool.TryTake(out var d) ? d : new LoadedDesign(s.Design);
        try
        {
            return JsonSerializer.Serialize(design.Evaluate(s, s.Policies[p], s.Ages[a], k));
        }

        finally
        {
            pool.Add(design);
        }
    }

    /// <summary>The per-policy results from the item results in <see cref="Plan"/>'s order; calibration costs come from the caller.</summary>
    public static List<PolicyResult> Reduce(RobustnessSpec spec, IReadOnlyList<string> results, (long Conversions, IReadOnlyList<double> Joules) calibration)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(results);
        var items = results.Select(r => JsonSerializer.Deserialize<RobustnessItemResult>(r)!).ToArray();
        int perPolicy = spec.Ages.Length * spec.Instances;
        double[] none = [.. spec.Ages.Select(_ => 0.0)];
        var policies = new List<PolicyResult>();
        for (int p = 0; p < spec.Policies.Length; p++)
        {
            var slice = items.AsSpan(p * perPolicy, perPolicy).ToArray();
            var stats = spec.Ages.Select((age, a) => RobustnessProtocol.Summarize(age, [.. slice.Skip(a * spec.Instances).Take(spec.Instances).Select(i => i.Accuracy)])).ToList();
            string policy = spec.Policies[p];
            policies.Add(policy switch
            {
                // A repeated age averages over all its retrainings.
                "retrain" => new PolicyResult(policy, stats, 0, none, spec.Budget,
                    [.. spec.Ages.Select(age => spec.Ages.Select((x, a) => (x, a)).Where(t => t.x == age).SelectMany(t => slice.Skip(t.a * spec.Instances).Take(spec.Instances)).Average(i => i.RetrainJoules))],
                    slice.Sum(i => i.Queries)),
                "global" or "per-column" => new PolicyResult(policy, stats, calibration.Conversions, calibration.Joules, 0, none, 0),
                _ => new PolicyResult(policy, stats, 0, none, 0, none, 0),
            });
        }
        return policies;
    }

    /// <summary>A trained run loaded once: its config, data, model with the checkpoint, and its crossbar layers.</summary>
    internal sealed class LoadedDesign
    {
        public LoadedDesign(string design)
        {
            Run = RunDirectory.Open(design);
            Config = ExperimentConfig.Load(Run.ConfigFile);
            Splits = ExperimentData.Load(Config);
            Model = ModelFactory.Model(Config, Splits.Train.FeatureCount, Splits.Outputs);
            Checkpoint.Load(Run.CheckpointFile, Model, ModelFactory.Optimizer(Config, Model.Parameters));
            // Every crossbar, wherever it sits (residual blocks, AnalogConv2d.Inner); for the MLPs ModelFactory builds, its AnalogLinear layers in order.
            Analog = [.. AnalogLayers.Of<float>(Model)];
            Designs = [.. Analog.Select(a => a.ToDesign())];
        }

        public RunDirectory Run { get; }

        public ExperimentConfig Config { get; }

        public ExperimentData.Splits Splits { get; }

        public Sequential<float> Model { get; }

        public List<AnalogLinear<float>> Analog { get; }

        public List<CrossbarDesign> Designs { get; }

        public DeviceVariation Variation { get; } = new();

        /// <summary>One item: instance <paramref name="k"/> under <paramref name="policy"/> read at <paramref name="age"/>.</summary>
        public RobustnessItemResult Evaluate(RobustnessSpec s, string policy, double age, int k)
        {
            double joules = 0;
            long queries = 0;
            ILayer<float> InstanceAt(ulong instanceSeed, double at, double temperature)
            {
                if (Config.Substrate == "photonic")
                {
                    // Every core's tiles realized on meshes with typical static errors; nothing ages, so every age reads the same copies.
                    PhotonicLayers.Fabricate(Model, CalibratedChip, instanceSeed);
                    IntensityCrossbarLayers.Fabricate(Model, IntensityCrossbarVariation.Typical, instanceSeed);
                    return Model;
                }
                var compensation = policy switch { "global" => DriftCompensation.Global, "per-column" => DriftCompensation.PerColumn, _ => DriftCompensation.None };
                for (int i = 0; i < Analog.Count; i++)
                {
                    Analog[i].Instance = Designs[i].Fabricate(Variation, instanceSeed + (ulong)i);
                    Analog[i].Compensation = compensation;
                }
                if (policy != "retrain")
                {
                    return Model;
                }
                // Retraining sees the aged instance only through its read-out, and pays for every query.
                var ledger = new CostLedger();
                var aged = new DeployedInstance<float>(Model, Splits.Train.FeatureCount, Splits.Outputs, at, temperature, instanceSeed, "aged instance");
                var fit = BudgetedRetraining.FitOutputCorrection<float>(aged, [], Splits.Train, s.Budget, instanceSeed, ledger);
                joules = ledger.Entries.Sum(e => e.EnergyJoules);
                queries = aged.QueryCount;
                return new Sequential<float>([.. Model.Layers, fit.Correction]);
            }
            double accuracy = RobustnessProtocol.EvaluateInstance<float>(InstanceAt, Splits.Test, k, age, s.Seed, s.Kelvin, Config.BatchSize);
            return new RobustnessItemResult(accuracy, joules, queries);
        }
    }
}
