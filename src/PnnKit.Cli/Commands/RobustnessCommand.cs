using System.Globalization;
using PnnKit.Bench.Plots;
using PnnKit.Cli.Config;
using PnnKit.Cli.Runs;
using PnnKit.Core.Layers;
using PnnKit.Core.Training;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;
using PnnKit.Methods;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>One deployment policy's accuracy over ages, and what its calibrations spend.</summary>
/// <param name="Policy">none, global or per-column drift compensation.</param>
/// <param name="Ages">Accuracy statistics over the fabricated instances, per age.</param>
/// <param name="ConversionsPerCalibration">ADC conversions of one calibration (reference read) of the whole model.</param>
/// <param name="JoulesPerCalibration">Energy of one calibration (array read + ADC), J, at each age, on one instance fabricated from --seed.</param>
internal sealed record PolicyResult(string Policy, IReadOnlyList<AgeStatistics> Ages, long ConversionsPerCalibration, IReadOnlyList<double> JoulesPerCalibration);

/// <summary>What <c>pnn robustness</c> measured.</summary>
internal sealed record RobustnessResult(string Design, string Substrate, int Instances, double TemperatureKelvin, ulong Seed, IReadOnlyList<PolicyResult> Policies);

/// <summary>
/// pnn robustness --design RUN: the robustness protocol (DESIGN.md §4) on a trained run — fabricate K
/// instances from the substrate's variation model, age them, evaluate each on the test split, and
/// compare deployment policies (no drift compensation, or a calibration read before each use).
/// </summary>
internal static class RobustnessCommand
{
    private static readonly string[] Policies = ["none", "global", "per-column"];

    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "robustness", ["design", "instances", "ages", "temperature", "policies", "seed"], ["json"]);
        string design = args.Require("design");
        int instances = args.Int("instances", 50, 1, 100_000);
        double[] ages = ParseAges(args.Value("ages") ?? "1s,1h,1d,30d,1y");
        string kelvinText = args.Value("temperature") ?? "300";
        if (!double.TryParse(kelvinText, NumberStyles.Float, CultureInfo.InvariantCulture, out double kelvin) || !(kelvin >= 200 && kelvin <= 400))
        {
            throw new UsageException($"pnn robustness: --temperature must be in [200, 400] K, got '{kelvinText}'.");
        }
        var policies = (args.Value("policies") ?? "none,global").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (policies.Length == 0 || policies.FirstOrDefault(p => !Policies.Contains(p)) is { } bad)
        {
            throw new UsageException($"pnn robustness: --policies takes a comma list of {string.Join(", ", Policies)}; got '{args.Value("policies")}'.");
        }
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
        ulong seed = (ulong)args.Int("seed", config.Seed, 0, int.MaxValue);

        var splits = ExperimentData.Load(config);
        var model = ModelFactory.Model(config, splits.Train.FeatureCount, splits.Outputs);
        Checkpoint.Load(run.CheckpointFile, model.NamedParameters(), ModelFactory.Optimizer(config, model.Parameters));
        var analog = model.Layers.OfType<AnalogLinear<float>>().ToList();
        var designs = analog.Select(a => a.ToDesign()).ToList();
        var variation = new DeviceVariation();

        // One calibration (reference read of every tile) costs the same whichever compensation uses it.
        var calibration = (Conversions: 0L, Joules: new List<double>());
        var probes = designs.Select((d, i) => d.Fabricate(variation, seed + (ulong)i)).ToList();
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

        var results = new List<PolicyResult>();
        foreach (string policy in config.Substrate == "digital" ? ["none"] : policies)
        {
            var compensation = policy switch { "global" => DriftCompensation.Global, "per-column" => DriftCompensation.PerColumn, _ => DriftCompensation.None };
            ILayer<float> InstanceAt(ulong instanceSeed, double age, double temperature)
            {
                for (int i = 0; i < analog.Count; i++)
                {
                    analog[i].Instance = designs[i].Fabricate(variation, instanceSeed + (ulong)i);
                    analog[i].Compensation = compensation;
                }
                return model;
            }
            var stats = RobustnessProtocol.Run<float>(InstanceAt, splits.Test, instances, ages, seed, kelvin, config.BatchSize);
            results.Add(compensation == DriftCompensation.None
                ? new PolicyResult(policy, stats, 0, [.. ages.Select(_ => 0.0)])
                : new PolicyResult(policy, stats, calibration.Conversions, calibration.Joules));
        }
        var result = new RobustnessResult(run.Path, config.Substrate, instances, kelvin, seed, results);
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
            .AddColumn("policy").AddColumn("age").AddColumn("mean").AddColumn("std").AddColumn("p5").AddColumn("worst").AddColumn("one calibration");
        foreach (var p in r.Policies)
        {
            for (int a = 0; a < p.Ages.Count; a++)
            {
                var s = p.Ages[a];
                table.AddRow(a == 0 ? p.Policy : "", FormatAge(s.AgeSeconds), $"{s.Mean:P2}", $"{s.Std:P2}", $"{s.Percentile5:P2}", $"{s.Worst:P2}",
                    p.ConversionsPerCalibration == 0 ? "—" : $"{p.ConversionsPerCalibration} conversions, {Output.Joules(p.JoulesPerCalibration[a])}");
            }
        }
        AnsiConsole.Write(table);
        if (r.Substrate == "digital")
        {
            AnsiConsole.MarkupLine("A digital design has no fabrication variation or drift: every instance is the same.");
        }
        AnsiConsole.MarkupLine($"Written to {Path.Combine(r.Design, "robustness.json")} and robustness.png.");
    }

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
