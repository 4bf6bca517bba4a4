using PnnKit.Bench.Reproductions;
using PnnKit.Photonics.InSitu;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>
/// The in-situ report parts as the commands not yet on the reproduction contract print them (pnn repro dfa); insitu-photonic
/// itself is <see cref="InSituPhotonicReproduction"/>, whose report uses <see cref="InSituReports"/>. Delete this once dfa moves.
/// </summary>
internal static class ReproInSituPhotonic
{
    /// <summary>One line saying how the in-situ readings were made.</summary>
    internal static void WriteReadings(InSituOptions m)
    {
        string source = m.AdjointPowerPerMode is double p ? $"adjoint source normalized to {p} mW per mode" : "adjoint source not power-limited";
        AnsiConsole.MarkupLine(Markup.Escape($"In-situ readings: tap noise σ_th = {m.ThermalNoiseStd:E2} mW and shot {m.ShotNoiseFactor:E2}·I (1 A/W, 20 pA/√Hz TIA, 10 GHz), {m.AdcBits}-bit ADCs, {source}, generated with {m.SourceAmplitudeErrorStd:P0} amplitude and {m.SourcePhaseErrorStd} rad phase errors."));
    }

    /// <summary>The detector-noise table: a row per level, a column per run.</summary>
    internal static void WriteNoiseTable(IReadOnlyList<(string Name, IReadOnlyList<DetectorNoiseRow> Rows)> runs)
    {
        var sweep = new Table().Title("Accuracy after in-situ training against detector noise (the same chip and training at every level; no choice is made on it, so no validation split)")
            .AddColumn("readings").AddColumn("thermal σ, mW");
        foreach (var (name, _) in runs)
        {
            sweep.AddColumn(Markup.Escape(name));
        }
        for (int i = 0; i < runs[0].Rows.Count; i++)
        {
            var level = runs[0].Rows[i];
            sweep.AddRow([level.Label, level.Level == 0 ? "0" : $"{level.ThermalNoiseStd:E1}", .. runs.Select(r => $"{r.Rows[i].Accuracy:P2}")]);
        }
        AnsiConsole.Write(sweep);
    }
}
