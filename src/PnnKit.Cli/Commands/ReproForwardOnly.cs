using PnnKit.Bench.Repro;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro forward-only: SPSA-trained 6-mode, 3-layer photonic network on six vowels (Bandyopadhyay et al. 2024).</summary>
internal static class ReproForwardOnly
{
    public static int Run(CliArgs args, ulong seed, bool json)
    {
        bool quick = args.Flag("quick");
        var baseOptions = quick ? ForwardOnlyVowelsOptions.Quick : new ForwardOnlyVowelsOptions();
        var options = baseOptions with { Steps = args.Int("epochs", baseOptions.Steps, 1, 10_000_000), Seed = seed };
        // Each chip: its own seed for data, design, fabrication and noise.
        int chips = args.Int("instances", quick ? 1 : 5, 1, 1000);
        var log = json ? null : (Action<string>)Console.Error.WriteLine;
        if (args.Flag("sweep"))
        {
            var sweep = ForwardOnlyVowels.Sweep(options, log: log);
            if (json)
            {
                Output.Json(sweep);
                return 0;
            }
            var grid = new Table().Title($"validation accuracy of chip {seed} ({sweep.Chosen.Splits.Validation} held-out vowels) by input amplitude and output gain").AddColumn("input amplitude");
            foreach (double k in ForwardOnlyVowels.SweepOutputGains)
            {
                grid.AddColumn($"output gain {k}");
            }
            foreach (var row in sweep.Grid.GroupBy(p => p.InputAmplitude))
            {
                grid.AddRow([$"{row.Key}", .. row.Select(p => $"{p.ValidationAccuracy:P1}")]);
            }
            AnsiConsole.Write(grid);
            var c = sweep.Chosen;
            var best = sweep.Grid.MaxBy(p => p.ValidationAccuracy)!;
            AnsiConsole.MarkupLine($"chosen on validation: input amplitude {best.InputAmplitude}, output gain {best.OutputGain}; that chip, its test split read once: train {c.TrainAccuracy:P1}, validation {c.ValidationAccuracy:P1}, test {c.TestAccuracy:P1}");
            return 0;
        }
        var runs = Enumerable.Range(0, chips).Select(i => ForwardOnlyVowels.Run(options with { Seed = seed + (ulong)i }, log)).ToList();
        // Full runs also compare the estimators at an equal query budget on the first chip.
        var comparison = quick ? [] : ForwardOnlyVowels.CompareEstimators(options, [0.5, 2], log);
        if (json)
        {
            Output.Json(new { Chips = runs, Comparison = comparison });
            return 0;
        }
        var r0 = runs[0];
        var t = new Table().Title($"Forward-only (SPSA) training of a fabricated 6-mode, 3-layer coherent network with electro-optic NOFUs on six vowels ({string.Join(", ", r0.Vowels)}), {r0.Splits}")
            .AddColumn("seed").AddColumn("before training").AddColumn("train").AddColumn("validation").AddColumn("test").AddColumn("backprop on an ideal digital model");
        for (int i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            t.AddRow($"{seed + (ulong)i}", $"{r.InitialTestAccuracy:P1}", $"{r.TrainAccuracy:P1}", $"{r.ValidationAccuracy:P1}", $"{r.TestAccuracy:P1}", r.DigitalBaselineTestAccuracy is { } d ? $"{d:P1}" : "—");
        }
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"test accuracy over {runs.Count} chip(s): mean {runs.Average(r => r.TestAccuracy):P1}, min {runs.Min(r => r.TestAccuracy):P1} (Bandyopadhyay et al. report 92.5 % on recorded vowels)");
        AnsiConsole.MarkupLine($"physical queries: {r0.QueriesPerStep:N0} inferences per step for {r0.Controls} phases (central finite differences would need {r0.FiniteDifferenceQueriesPerStep:N0}); {r0.TrainingQueries:N0} in {r0.Steps:N0} steps per chip");
        AnsiConsole.MarkupLine($"energy: {Output.Joules(r0.EnergyPerQueryJoules)} per query (system, at 10 GS/s; heater power counted over one symbol, not over the settling after each phase update), {Output.Joules(r0.TrainingEnergyJoules)} for one chip's training");
        if (comparison.Count > 0)
        {
            var c = new Table().Title($"Estimators at an equal budget of physical queries, chip {seed}").AddColumn("estimator").AddColumn("learning rate").AddColumn("steps").AddColumn("queries / step").AddColumn("queries").AddColumn("train").AddColumn("validation").AddColumn("test");
            foreach (var r in comparison)
            {
                c.AddRow(Label(r.Estimator), $"{r.LearningRate}", $"{r.Steps:N0}", $"{r.QueriesPerStep:N0}", $"{r.TrainingQueries:N0}", $"{r.TrainAccuracy:P1}", $"{r.ValidationAccuracy:P1}", $"{r.TestAccuracy:P1}");
            }
            AnsiConsole.Write(c);
        }
        return 0;
    }

    private static string Label(GradientEstimator e) => e switch
    {
        GradientEstimator.Spsa => "SPSA",
        GradientEstimator.WeightPerturbation => "weight perturbation",
        _ => "finite differences",
    };
}
