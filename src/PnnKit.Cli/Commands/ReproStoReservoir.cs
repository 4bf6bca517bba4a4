using System.Globalization;
using PnnKit.Spintronics.Reproductions;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro sto-reservoir: one spin-torque oscillator as a time-multiplexed reservoir (Torrejon et al. 2017).</summary>
internal static class ReproStoReservoir
{
    public static int Run(CliArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Flag("sweep"))
        {
            var sweeps = new[] { SpintronicDemos.SineSquareSweep(), SpintronicDemos.NarmaSweep() };
            if (args.Flag("json"))
            {
                Output.Json(sweeps);
                return 0;
            }
            foreach (var sw in sweeps)
            {
                var grid = new Table().Title($"{sw.Chosen.Task}: validation {sw.Chosen.Metric} ({sw.Chosen.Splits!.Validation:N0} input samples) by node time and ridge λ").AddColumn("node time θ·Γ_p");
                foreach (double l in SpintronicDemos.SweepLambdas)
                {
                    grid.AddColumn($"λ = {l:0e0}");
                }
                foreach (var row in sw.Grid.GroupBy(p => p.NodeTime))
                {
                    grid.AddRow([$"{row.Key}", .. row.Select(p => p.Validation.ToString("F3", CultureInfo.InvariantCulture))]);
                }
                AnsiConsole.Write(grid);
                AnsiConsole.MarkupLine($"chosen on validation: θ = {sw.Chosen.NodeTime}/Γ_p, λ = {sw.Chosen.Lambda:0e0}; test (read once): {sw.Chosen.Reservoir.ToString("F3", CultureInfo.InvariantCulture)}");
            }
            return 0;
        }
        var rs = new[] { SpintronicDemos.SineSquare(), SpintronicDemos.Narma() };
        if (args.Flag("json"))
        {
            Output.Json(rs);
            return 0;
        }
        var rt = new Table().Title("One spin-torque oscillator as a time-multiplexed reservoir (Torrejon et al. 2017)")
            .AddColumn("task").AddColumn("metric").AddColumn("node time θ·Γ_p, ridge λ (chosen on validation)").AddColumn("reservoir: validation / test").AddColumn("linear readout on the input alone (test)");
        var et = new Table().Title("Energy per inference (one input sample through all virtual nodes)")
            .AddColumn("task").AddColumn("virtual nodes").AddColumn("oscillator bias").AddColumn("core").AddColumn("system");
        foreach (var r in rs)
        {
            rt.AddRow(r.Task, r.Metric, $"{r.NodeTime}, {r.Lambda:0e0}", $"{r.ReservoirValidation.ToString("F3", CultureInfo.InvariantCulture)} / {r.Reservoir.ToString("F3", CultureInfo.InvariantCulture)}", r.LinearOnInput.ToString("F3", CultureInfo.InvariantCulture));
            et.AddRow(r.Task, r.Nodes.ToString(CultureInfo.InvariantCulture), Output.Joules(r.OscillatorEnergyPerInferenceJoules), Output.Joules(r.CoreEnergyPerInferenceJoules), Output.Joules(r.SystemEnergyPerInferenceJoules));
        }
        AnsiConsole.Write(rt);
        AnsiConsole.Write(et);
        AnsiConsole.MarkupLine("One inference = one input sample through all virtual nodes. Core = oscillator bias I²R·θ + fp32 readout MACs; system adds one DAC and one ADC conversion per node and the readout weight reads. Not costed: GHz envelope detection, preprocessing.");
        return 0;
    }
}
