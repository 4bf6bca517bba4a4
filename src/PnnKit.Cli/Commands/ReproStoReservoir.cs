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
        var rs = new[] { SpintronicDemos.SineSquare(), SpintronicDemos.Narma() };
        if (args.Flag("json"))
        {
            Output.Json(rs);
            return 0;
        }
        var rt = new Table().Title("One spin-torque oscillator as a time-multiplexed reservoir (Torrejon et al. 2017)")
            .AddColumn("task").AddColumn("metric").AddColumn("reservoir").AddColumn("linear readout on the input alone");
        var et = new Table().Title("Energy per inference (one input sample through all virtual nodes)")
            .AddColumn("task").AddColumn("virtual nodes").AddColumn("oscillator bias").AddColumn("core").AddColumn("system");
        foreach (var r in rs)
        {
            rt.AddRow(r.Task, r.Metric, r.Reservoir.ToString("F3", CultureInfo.InvariantCulture), r.LinearOnInput.ToString("F3", CultureInfo.InvariantCulture));
            et.AddRow(r.Task, r.Nodes.ToString(CultureInfo.InvariantCulture), Output.Joules(r.OscillatorEnergyPerInferenceJoules), Output.Joules(r.CoreEnergyPerInferenceJoules), Output.Joules(r.SystemEnergyPerInferenceJoules));
        }
        AnsiConsole.Write(rt);
        AnsiConsole.Write(et);
        AnsiConsole.MarkupLine("One inference = one input sample through all virtual nodes. Core = oscillator bias I²R·θ + fp32 readout MACs; system adds one DAC and one ADC conversion per node and the readout weight reads. Not costed: GHz envelope detection, preprocessing.");
        return 0;
    }
}
