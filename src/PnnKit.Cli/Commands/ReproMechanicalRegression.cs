using PnnKit.Networks.Reproductions;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro mechanical-regression: in-situ linear regression on the Li &amp; Mao lattice.</summary>
internal static class ReproMechanicalRegression
{
    public static int Run(CliArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        ulong seed = (ulong)args.Int("seed", 1, 0, int.MaxValue);
        var r = MechanicalRegression.Run(seed, steps: args.Int("epochs", args.Flag("quick") ? 200 : 400, 1, 1_000_000));
        if (args.Flag("json"))
        {
            Output.Json(new { r.Splits, r.Coefficients, r.TrainMseBefore, r.TrainMseAfter, r.TestMseAfter, r.TargetVariance, Curve = r.Curve.Select(c => new { c.Step, c.RelativeMse }), r.Equilibria });
            return 0;
        }
        AnsiConsole.MarkupLine("[bold]Li & Mao 2024 lattice, regression:[/] two input forces → horizontal displacements of two top nodes, trained in situ");
        AnsiConsole.MarkupLine($"target map (µm/N, rows = outputs): [[{string.Join("; ", r.Coefficients.Chunk(MechanicalRegression.InputNodes.Count).Select(row => string.Join(", ", row.Select(c => c.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))))}]]");
        AnsiConsole.MarkupLine($"training MSE {r.TrainMseBefore:G3} µm² → {r.TrainMseAfter:G3} µm² (target variance {r.TargetVariance:G3} µm²: relative {r.TrainMseBefore / r.TargetVariance:G3} → {r.TrainMseAfter / r.TargetVariance:G3}); held-out MSE {r.TestMseAfter:G3} µm²");
        AnsiConsole.MarkupLine("relative MSE by step: " + string.Join(", ", r.Curve.Select(c => $"{c.Step}: {c.RelativeMse:G2}")));
        AnsiConsole.MarkupLine($"equilibria solved (physical measurements): {r.Equilibria}");
        return 0;
    }
}
