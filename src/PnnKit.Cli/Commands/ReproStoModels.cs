using System.Globalization;
using PnnKit.Spintronics.Reproductions;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro sto-models: the reduced auto-oscillator model against the full macrospin LLGS model.</summary>
internal static class ReproStoModels
{
    public static int Run(CliArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var r = OscillatorModels.Run(args.Flag("quick") ? OscillatorModelsOptions.Quick : new OscillatorModelsOptions());
        if (args.Flag("json"))
        {
            Output.Json(r);
            return 0;
        }
        var t = new Table().Title($"Steady power of a spin-torque oscillator: macrospin LLGS vs reduced model (Slavin & Tiberkevich 2009), I_th = {r.ThresholdCurrentAmps * 1e3:F3} mA, fitted Q = {r.FittedQ:F3}")
            .AddColumn("I / I_th").AddColumn("LLG (1 − m_x)/2, period mean").AddColumn("reduced (ζ − 1)/(ζ + Q)");
        foreach (var p in r.Power)
        {
            t.AddRow(p.Supercriticality.ToString("F2", CultureInfo.InvariantCulture), p.Llg.ToString("F4", CultureInfo.InvariantCulture), p.Reduced.ToString("F4", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(t);
        var step = new OscillatorModelsOptions().Step;
        AnsiConsole.MarkupLine($"Largest power difference above threshold: {r.MaxPowerError:F3}.");
        AnsiConsole.MarkupLine($"Relaxation after a current step {step.From.ToString(CultureInfo.InvariantCulture)} → {step.To.ToString(CultureInfo.InvariantCulture)} I_th (1 − 1/e of the way): "
            + $"LLG {Output.Seconds(r.LlgRelaxationSeconds)}, reduced {Output.Seconds(r.ReducedRelaxationSeconds)} (small-signal 1/Γ_p = {Output.Seconds(r.LinearRelaxationSeconds)}).");
        return 0;
    }
}
