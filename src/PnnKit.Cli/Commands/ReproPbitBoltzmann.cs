using System.Globalization;
using PnnKit.Spintronics.Costs;
using PnnKit.Spintronics.Reproductions;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro pbit-boltzmann: p-bit Gibbs sampling of a small Ising model against exact enumeration.</summary>
internal static class ReproPbitBoltzmann
{
    public static int Run(CliArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = args.Flag("quick") ? BoltzmannOptions.Quick : new BoltzmannOptions();
        if (args.Value("seed") is not null)
        {
            options = options with { Seed = (ulong)args.Int("seed", 11, 0, int.MaxValue) };
        }
        var r = BoltzmannSampling.Run(options);
        if (args.Flag("json"))
        {
            Output.Json(r);
            return 0;
        }
        var t = new Table().Title($"p-bit Gibbs sampling of a {r.Spins}-spin Ising spin glass (β = {r.Beta.ToString(CultureInfo.InvariantCulture)}) against exact enumeration of its {1 << r.Spins} states")
            .AddColumn("sweeps").AddColumn("KL(sampled ‖ exact), nats").AddColumn("< 0.01");
        foreach (var p in r.Curve)
        {
            t.AddRow(p.Sweeps.ToString("N0", CultureInfo.InvariantCulture), p.Kl.ToString("E2", CultureInfo.InvariantCulture), p.Kl < 0.01 ? "yes" : "no");
        }
        AnsiConsole.Write(t);
        var c = PBitCostModel.Default;
        AnsiConsole.MarkupLine($"Energy per sweep ({r.Spins} updates): core {Output.Joules(r.CoreEnergyPerSweepJoules)}, system {Output.Joules(r.SystemEnergyPerSweepJoules)} "
            + $"(p-bit alone {c.PBitJoulesPerUpdate * 1e15:F1} fJ per update; the digital synapse and its DAC dominate).");
        return 0;
    }
}
