using PnnKit.Networks.Reproductions;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro diode-xor: a diode–resistor network learns XOR by in-situ gradients.</summary>
internal static class ReproDiodeXor
{
    public static int Run(CliArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        ulong seed = (ulong)args.Int("seed", (int)DiodeXor.DefaultSeed, 0, int.MaxValue);
        var r = DiodeXor.Run(seed, steps: args.Int("epochs", args.Flag("quick") ? 150 : 300, 1, 1_000_000));
        if (args.Flag("json"))
        {
            Output.Json(new { r.CorrectBefore, r.CorrectAfter, r.LossBefore, r.LossAfter, Margins = r.Margins.Select(m => new { m.X1, m.X2, m.Margin }), r.Steps, r.Equilibria });
            return 0;
        }
        AnsiConsole.MarkupLine("[bold]Nonlinear resistor network (4 diodes, 12 trained resistors) learning XOR[/] by in-situ gradients");
        AnsiConsole.MarkupLine($"truth-table rows correct: {r.CorrectBefore}/4 at start, {r.CorrectAfter}/4 after {r.Steps} steps; cross-entropy {r.LossBefore:F3} → {r.LossAfter:F3}");
        AnsiConsole.MarkupLine("output margins V(right) − V(wrong): " + string.Join(", ", r.Margins.Select(m => $"{m.X1} xor {m.X2}: {m.Margin:F3} V")));
        AnsiConsole.MarkupLine($"equilibria solved: {r.Equilibria}");
        return 0;
    }
}
