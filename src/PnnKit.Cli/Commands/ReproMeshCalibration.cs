using PnnKit.Bench.Repro;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro mesh-calibration: calibrating fabricated Clements meshes from intensity readings only; fidelity before and after.</summary>
internal static class ReproMeshCalibration
{
    public static int Run(CliArgs args, ulong seed)
    {
        var options = (args.Flag("quick") ? MeshCalibrationReportOptions.Quick : new MeshCalibrationReportOptions()) with { Seed = seed };
        var rows = MeshCalibrationReport.Run(options);
        if (args.Flag("json"))
        {
            Output.Json(rows);
            return 0;
        }
        var t = new Table().Title("Mesh calibration from output intensities only: fit a digital twin's coupler ratios and phase offsets, re-program through it (random target unitary; fidelity up to output phases)")
            .AddColumn("N").AddColumn("fabricated errors").AddColumn("twin fits crosstalk").AddColumn("fidelity before").AddColumn("after").AddColumn("intensity readings").AddColumn("fit residual");
        foreach (var r in rows)
        {
            t.AddRow($"{r.Modes}", Markup.Escape(r.Errors), r.TwinFitsCrosstalk ? $"yes (estimate {r.EstimatedCrosstalk:F4})" : "no", $"{r.FidelityBefore:F4}", $"{r.FidelityAfter:F4}", $"{r.Readings:N0}", $"{r.FitResidual:E1}");
        }
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine("The measured global transmission is divided out; loss differences between paths and heater-DAC rounding are not modelled by the twin.");
        return 0;
    }
}
