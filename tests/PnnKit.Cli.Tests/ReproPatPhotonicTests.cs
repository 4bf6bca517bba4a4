using System.Text.Json;

namespace PnnKit.Cli.Tests;

public sealed class ReproPatPhotonicTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-repro-pat-photonic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PatPhotonic_Quick_PhysicsAwareAndInSitu_ClearlyBeatInSilico_OnTheChip()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "pat-photonic", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        double model = r.GetProperty("in_silico_on_model").GetDouble();
        double silico = r.GetProperty("in_silico_on_chip").GetDouble();
        double pat = r.GetProperty("physics_aware_on_chip").GetDouble();
        double insitu = r.GetProperty("in_situ_on_chip").GetDouble();
        Assert.True(model > 0.85, $"in silico on the model {model:P1}");
        Assert.True(silico < model - 0.2, $"the unmodelled errors should break the in-silico design: {model:P1} → {silico:P1}");
        Assert.True(pat > silico + 0.2 && pat > 0.85, $"physics-aware {pat:P1} vs in silico {silico:P1}");
        Assert.True(insitu > silico + 0.2 && insitu > 0.8, $"in situ {insitu:P1} vs in silico {silico:P1}");
        Assert.True(r.GetProperty("physics_aware_queries").GetInt64() > 0);
        // The figures the quick run prints (seed 1), ±3 points; in situ with measured readings (8-bit ADCs, power-limited adjoint).
        Assert.Equal(0.985, model, 0.03);
        Assert.Equal(0.500, silico, 0.03);
        Assert.Equal(0.890, pat, 0.03);
        Assert.Equal(0.920, insitu, 0.03);
        SplitsJson.AssertSizes(r, 160, 40, 200);
        // Each method at the settings chosen on validation by --sweep (in silico on the model, the others on the chip).
        Assert.Equal(1.000, r.GetProperty("in_silico_validation").GetDouble(), 0.03);
        Assert.Equal(0.875, r.GetProperty("physics_aware_validation").GetDouble(), 0.03);
        Assert.Equal(0.950, r.GetProperty("in_situ_validation").GetDouble(), 0.03);
        Assert.Equal(25, r.GetProperty("in_situ_settings").GetProperty("output_gain").GetDouble());
        Assert.Equal(8, r.GetProperty("in_situ_readings").GetProperty("adc_bits").GetInt32());
        // The detector-noise table: noise-free, physical, 10× and 100× thermal.
        var levels = r.GetProperty("detector_noise_sweep").EnumerateArray().ToList();
        Assert.Equal([0.0, 1.0, 10.0, 100.0], levels.Select(l => l.GetProperty("level").GetDouble()));
        double[] pinned = [0.975, 0.920, 0.990, 0.885];
        for (int l = 0; l < levels.Count; l++)
        {
            Assert.Equal(pinned[l], levels[l].GetProperty("accuracy").GetDouble(), 0.03);
        }
        Assert.Equal(insitu, levels[1].GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public void PatPhotonic_QuickSweep_ChoosesEachTrainingsSettings_OnValidation()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "pat-photonic", "--quick", "--sweep", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var grid = doc.RootElement.GetProperty("grid").EnumerateArray().ToList();
        Assert.Equal(3 * 4 * 2, grid.Count);
        var chosen = doc.RootElement.GetProperty("chosen");
        foreach (var (method, field) in new[] { ("in silico", "in_silico"), ("physics-aware", "physics_aware"), ("in situ", "in_situ") })
        {
            var points = grid.Where(p => p.GetProperty("method").GetString() == method).ToList();
            double best = points.Max(p => p.GetProperty("validation_accuracy").GetDouble());
            Assert.Equal(best, chosen.GetProperty($"{field}_validation").GetDouble());
        }
    }
}
