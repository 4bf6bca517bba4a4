using PnnKit.Spintronics.Costs;
using PnnKit.Spintronics.Reproductions;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro pbit-factor: 8 p-bits factor 945 as an invertible multiplier (Borders et al. 2019).</summary>
internal static class ReproPbitFactor
{
    public static int Run(CliArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var f = args.Value("seed") is null ? SpintronicDemos.Factor() : SpintronicDemos.Factor(945, (ulong)args.Int("seed", 17, 0, int.MaxValue));
        if (args.Flag("json"))
        {
            Output.Json(f);
            return 0;
        }
        AnsiConsole.MarkupLine($"[bold]p-bit invertible multiplier (Borders et al. 2019):[/] {f.Number} → {f.X} × {f.Y} = {f.X * f.Y}, visited in {f.Visits} of the last {f.Counted} sweeps");
        AnsiConsole.MarkupLine($"Energy per sweep (8 updates): core {Output.Joules(f.CoreEnergyPerSweepJoules)}, system {Output.Joules(f.SystemEnergyPerSweepJoules)}; "
            + $"per solution (the {f.Sweeps}-sweep anneal): {Output.Joules(f.SystemEnergyPerSolutionJoules)} "
            + $"(p-bit alone {PBitCostModel.Default.PBitJoulesPerUpdate * 1e15:F1} fJ per update).");
        return 0;
    }
}
