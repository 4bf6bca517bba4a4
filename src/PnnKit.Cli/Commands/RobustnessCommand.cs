using System.Globalization;
using PnnKit.Bench.Plots;
using PnnKit.Cli.Config;
using PnnKit.Cli.Runs;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Training;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;
using PnnKit.Methods;
using PnnKit.Photonics.Components;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.TensorCore;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>One deployment policy's accuracy over ages, and what it spends per deployment.</summary>
/// <param name="Policy">none, global or per-column drift compensation, or retraining from a budget of queries.</param>
/// <param name="Ages">Accuracy statistics over the fabricated instances, per age.</param>
/// <param name="ConversionsPerCalibration">ADC conversions of one calibration (reference read) of the whole model.</param>
/// <param name="JoulesPerCalibration">Energy of one calibration (array read + ADC), J, at each age, on one instance fabricated from --seed.</param>
/// <param name="QueriesPerRetraining">Labelled examples measured on each aged instance to retrain it (exactly the budget).</param>
/// <param name="JoulesPerRetraining">Energy of those queries (array, DAC, TIA, ADC, digital sums), J, at each age, mean over the instances.</param>
/// <param name="TotalQueries">Queries the instances counted over the whole protocol (every instance at every age).</param>
internal sealed record PolicyResult(string Policy, IReadOnlyList<AgeStatistics> Ages, long ConversionsPerCalibration, IReadOnlyList<double> JoulesPerCalibration,
    long QueriesPerRetraining, IReadOnlyList<double> JoulesPerRetraining, long TotalQueries);

/// <summary>What <c>pnn robustness</c> measured.</summary>
/// <param name="ConductanceFactor">PCM conductance at the temperature over that at 300 K (1 for a digital design).</param>
/// <param name="DriftAcceleration">Seconds of drift at 300 K that one second at the temperature amounts to (1 for a digital design).</param>
/// <param name="ConductionActivationEnergy">E_c of the PCM model, eV.</param>
/// <param name="DriftActivationEnergy">E_d of the PCM model, eV.</param>
internal sealed record RobustnessResult(string Design, string Substrate, int Instances, double TemperatureKelvin, ulong Seed, IReadOnlyList<PolicyResult> Policies,
    double ConductanceFactor, double DriftAcceleration, double ConductionActivationEnergy, double DriftActivationEnergy)
{
    /// <summary>The photonic core of a photonic design (coherent, intensity-crossbar), else null.</summary>
    public string? Core { get; init; }
}

/// <summary>
/// pnn robustness --design RUN: the robustness protocol (DESIGN.md §4) on a trained run — fabricate K
/// instances from the substrate's variation model, age them, evaluate each on the test split, and
/// compare deployment policies: no drift compensation, a calibration read before each use, or
/// retraining each aged instance's read-out from a budget of labelled physical queries.
/// </summary>
internal static class RobustnessCommand
{
    private static readonly string[] Policies = ["none", "global", "per-column", "retrain"];

    /// <summary>
    /// Labelled queries per retraining unless --retrain-budget says otherwise, capped at the training
    /// examples available: on the MNIST crossbar MLP, 64 queries fit 20 numbers worse than leaving the
    /// read-out alone, 256 recover a year's drift (README, pnn robustness figures).
    /// </summary>
    private const int DefaultRetrainBudget = 256;

    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "robustness", ["design", "instances", "ages", "temperature", "policies", "seed", "retrain-budget", "cluster"], ["json"]);
        args.AtMostPositionals(0, "pnn robustness --design RUNDIR [options]");
        string design = args.Require("design");
        int instances = args.Int("instances", 50, 1, 100_000);
        double[] ages = ParseAges(args.Value("ages") ?? "1s,1h,1d,30d,1y");
        // The array is programmed (and its drift reference read) at 300 K, then held and read at --temperature.
        string kelvinText = args.Value("temperature") ?? "300";
        if (!double.TryParse(kelvinText, NumberStyles.Float, CultureInfo.InvariantCulture, out double kelvin)
            || !(kelvin >= PcmNoiseModel.MinTemperature && kelvin <= PcmNoiseModel.MaxTemperature))
        {
            throw new UsageException($"pnn robustness: --temperature must be in [{PcmNoiseModel.MinTemperature}, {PcmNoiseModel.MaxTemperature}] K (the PCM temperature model's range), got '{kelvinText}'.");
        }
        var policies = (args.Value("policies") ?? "none,global").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (policies.Length == 0 || policies.FirstOrDefault(p => !Policies.Contains(p)) is { } bad)
        {
            throw new UsageException($"pnn robustness: --policies takes a comma list of {string.Join(", ", Policies)}; got '{args.Value("policies")}'.");
        }
        bool retrain = policies.Contains("retrain");
        if (!retrain && args.Value("retrain-budget") is not null)
        {
            throw new UsageException("pnn robustness: --retrain-budget applies only with the retrain policy (--policies ...,retrain).");
        }
        int? budgetOption = args.Value("retrain-budget") is null ? null : args.Int("retrain-budget", DefaultRetrainBudget, 1, int.MaxValue);
        string? clusterFile = args.Value("cluster");
        var run = RunDirectory.Open(design);
        var config = ExperimentConfig.Load(run.ConfigFile);
        if (config.Model == "mesh")
        {
            throw new ConfigException($"{run.Path}: pnn robustness fabricates MLP designs (digital, memristive); for photonic meshes see pnn repro insitu-photonic and mesh-calibration.");
        }
        if (!File.Exists(run.CheckpointFile))
        {
            throw new ConfigException($"{run.Path}: no checkpoint.bin yet; train the run first.");
        }
        if (config.Substrate is "digital" or "photonic" && (args.Value("temperature") is not null || args.Value("policies") is not null))
        {
            throw new UsageException(config.Substrate == "digital"
                ? $"pnn robustness: {run.Path} is a digital design: it has no drift or temperature dependence, so --temperature and --policies do not apply."
                : $"pnn robustness: {run.Path} runs on photonic tensor cores, whose model has static fabrication errors but no drift or temperature dependence, so --temperature and --policies do not apply.");
        }
        ulong seed = (ulong)args.Int("seed", config.Seed, 0, int.MaxValue);

        // The client loads the design too: for the budget's range and the calibration cost, which needs no sweep.
        var loaded = new RobustnessSweep.LoadedDesign(run.Path);
        var splits = loaded.Splits;
        int budget = budgetOption ?? Math.Min(DefaultRetrainBudget, splits.Train.Count);
        if (retrain && budget > splits.Train.Count)
        {
            throw new UsageException($"pnn robustness: --retrain-budget must be in [1, {splits.Train.Count}] (the labelled training examples of {config.Data}), got {budget}.");
        }
        var analog = loaded.Analog;
        var designs = loaded.Designs;

        // One calibration (reference read of every tile) costs the same whichever compensation uses it.
        var calibration = (Conversions: 0L, Joules: new List<double>());
        var probes = designs.Select((d, i) => d.Fabricate(loaded.Variation, seed + (ulong)i)).ToList();
        foreach (double age in ages)
        {
            double j = 0;
            calibration.Conversions = 0;
            for (int i = 0; i < analog.Count; i++)
            {
                var cost = DriftCalibrationCost.Of(probes[i].At(age, kelvin), analog[i].Layout.RowBlocks,
                    analog[i].Config.ArrayCost, analog[i].Config.AdcCost, analog[i].Config.AdcBits ?? AdcBitsWhenUnquantized);
                calibration.Conversions += cost.Conversions;
                j += cost.Joules;
            }
            calibration.Joules.Add(j);
        }

        // Digital designs have one policy (nothing drifts); photonic ones fabricate static errors only, read without compensation.
        string[] evaluated = config.Substrate is "digital" or "photonic" ? ["none"] : policies;
        var spec = new RobustnessSpec(Path.GetFullPath(run.Path), instances, ages, kelvin, evaluated, seed, budget);
        var itemResults = Sweeps.Run(RobustnessSweep.Plan(spec), clusterFile, "robustness");
        var results = RobustnessSweep.Reduce(spec, itemResults, (calibration.Conversions, calibration.Joules));
        var pcm = designs.FirstOrDefault()?.Noise ?? MemristivePresets.PcmJoshi2020.Model;
        bool analogModel = designs.Count > 0;
        var result = new RobustnessResult(run.Path, config.Substrate, instances, kelvin, seed, results,
            analogModel ? pcm.ConductanceFactor(kelvin) : 1, analogModel ? pcm.DriftAcceleration(kelvin) : 1, pcm.ConductionActivationEnergy, pcm.DriftActivationEnergy)
        {
            Core = config.Substrate == "photonic" ? config.Core : null,
        };
        run.WriteJson("robustness.json", result);
        AccuracyOverAge.Save(Path.Combine(run.Path, "robustness.png"), $"{config.Name}: {instances} instances",
            [.. results.Select(p => (p.Policy, p.Ages))]);
        if (args.Flag("json"))
        {
            Output.Json(result);
            return 0;
        }
        Print(result);
        return 0;
    }

    /// <summary>An ADC is costed at 8 bits when the config leaves outputs unquantized (aihwkit's default out_res ≈ 8 bits).</summary>
    private const int AdcBitsWhenUnquantized = 8;

    private static void Print(RobustnessResult r)
    {
        var table = new Table().Title($"{r.Design} ({r.Substrate}): test accuracy over {r.Instances} fabricated instances at {r.TemperatureKelvin} K")
            .AddColumn("policy").AddColumn("age").AddColumn("mean").AddColumn("std").AddColumn("p5").AddColumn("worst").AddColumn("spent per deployment");
        foreach (var p in r.Policies)
        {
            for (int a = 0; a < p.Ages.Count; a++)
            {
                var s = p.Ages[a];
                table.AddRow(a == 0 ? p.Policy : "", FormatAge(s.AgeSeconds), $"{s.Mean:P2}", $"{s.Std:P2}", $"{s.Percentile5:P2}", $"{s.Worst:P2}",
                    Spent(p, a));
            }
        }
        AnsiConsole.Write(table);
        if (r.Substrate == "digital")
        {
            AnsiConsole.MarkupLine("A digital design has no fabrication variation or drift: every instance is the same.");
        }
        else if (r.Substrate == "photonic")
        {
            AnsiConsole.MarkupLine(r.Core == "intensity-crossbar"
                ? "Intensity crossbar: each instance is one fabricated 9×3 crossbar with typical static device spread (EAM transmission 2 %, extinction ratio 0.5 dB, photodiode responsivity 2 %) that every tile runs on, calibrated by the host (every device measured, codes pre-distorted); the model has no drift, so every age reads the same instances."
                : "Photonic tensor cores: each instance realizes every tile on meshes with typical static fabrication errors (phase, coupler, loss); the model has no drift, so every age reads the same instances.");
        }
        else
        {
            AnsiConsole.MarkupLine($"Programmed and drift-referenced at {PcmNoiseModel.ReferenceTemperature} K, held and read at {r.TemperatureKelvin} K: PCM conductance × {r.ConductanceFactor:G3} "
                + $"(amorphous conduction, E_c {r.ConductionActivationEnergy} eV), drift clock × {r.DriftAcceleration:G3} (structural relaxation, E_d {r.DriftActivationEnergy} eV).");
        }
        AnsiConsole.MarkupLine($"Written to {Path.Combine(r.Design, "robustness.json")} and robustness.png.");
    }

    /// <summary>What one deployment of policy <paramref name="p"/> at age index <paramref name="a"/> costs.</summary>
    private static string Spent(PolicyResult p, int a) =>
        p.QueriesPerRetraining > 0 ? $"{p.QueriesPerRetraining} queries, {Output.Joules(p.JoulesPerRetraining[a])}"
        : p.ConversionsPerCalibration > 0 ? $"{p.ConversionsPerCalibration} conversions, {Output.Joules(p.JoulesPerCalibration[a])}"
        : "—";

    /// <summary>Ages like "1s,1h,1d,30d,1y" (units s, min, h, d, mo = 30 d, y = 365 d).</summary>
    public static double[] ParseAges(string text)
    {
        var units = new (string Suffix, double Seconds)[] { ("min", 60), ("mo", 30 * 86_400), ("s", 1), ("h", 3600), ("d", 86_400), ("y", 365 * 86_400) };
        var ages = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var unit = units.FirstOrDefault(u => part.EndsWith(u.Suffix, StringComparison.Ordinal));
            string number = unit.Suffix is null ? part : part[..^unit.Suffix.Length];
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || v <= 0)
            {
                throw new UsageException($"pnn robustness: --ages takes positive times like 1s,1h,1d,30d,1y (units s, min, h, d, mo, y); '{part}' is not one.");
            }
            ages.Add(v * (unit.Suffix is null ? 1 : unit.Seconds));
        }
        return ages.Count > 0 ? [.. ages] : throw new UsageException("pnn robustness: --ages is empty.");
    }

    private static string FormatAge(double s) => s switch
    {
        >= 365 * 86_400 => $"{s / (365 * 86_400):G3} y",
        >= 30 * 86_400 => $"{s / (30 * 86_400):G3} mo",
        >= 86_400 => $"{s / 86_400:G3} d",
        >= 3600 => $"{s / 3600:G3} h",
        _ => $"{s:G3} s",
    };
}
