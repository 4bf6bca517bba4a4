using PnnKit.Core.Reproductions;
using PnnKit.Photonics.InSitu;

namespace PnnKit.Bench.Reproductions;

/// <summary>The report parts every in-situ photonic reproduction prints (insitu-photonic, pat-photonic, dfa).</summary>
public static class InSituReports
{
    /// <summary>One line saying how the in-situ readings were made.</summary>
    public static ReproReport Readings(this ReproReport report, InSituOptions m)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(m);
        string source = m.AdjointPowerPerMode is double p ? $"adjoint source normalized to {p} mW per mode" : "adjoint source not power-limited";
        return report.Line($"In-situ readings: tap noise σ_th = {m.ThermalNoiseStd:E2} mW and shot {m.ShotNoiseFactor:E2}·I (1 A/W, 20 pA/√Hz TIA, 10 GHz), {m.AdcBits}-bit ADCs, {source}, generated with {m.SourceAmplitudeErrorStd:P0} amplitude and {m.SourcePhaseErrorStd} rad phase errors.");
    }

    /// <summary>The detector-noise table: a row per level, a column per run.</summary>
    public static ReproReport NoiseTable(this ReproReport report, IReadOnlyList<(string Name, IReadOnlyList<DetectorNoiseRow> Rows)> runs)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(runs);
        var sweep = report.Table("Accuracy after in-situ training against detector noise (the same chip and training at every level; no choice is made on it, so no validation split)")
            .AddColumn("readings").AddColumn("thermal σ, mW");
        foreach (var (name, _) in runs)
        {
            sweep.AddColumn(name);
        }
        for (int i = 0; i < runs[0].Rows.Count; i++)
        {
            var level = runs[0].Rows[i];
            sweep.AddRow([level.Label, level.Level == 0 ? "0" : $"{level.ThermalNoiseStd:E1}", .. runs.Select(r => $"{r.Rows[i].Accuracy:P2}")]);
        }
        return report;
    }
}
