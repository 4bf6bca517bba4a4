using System.Text.Json;

namespace PnnKit.Cli.Tests;

public sealed class ReproMemristorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-repro-memristor-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void MemristorHybrid_Quick_TransferLosesAccuracy_AndHybridTrainingRecovers()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "memristor-hybrid", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var runs = doc.RootElement.GetProperty("hybrid").EnumerateArray().ToList();
        Assert.Equal(["LastLayer", "AllLayers"], runs.Select(r => r.GetProperty("scope").ToString()));
        foreach (var r in runs)
        {
            double software = r.GetProperty("software_accuracy").GetDouble();
            double transferred = r.GetProperty("transferred_accuracy").GetDouble();
            double hybrid = r.GetProperty("hybrid_accuracy").GetDouble();
            Assert.True(r.GetProperty("faulty_devices").GetInt32() > 0);
            Assert.True(transferred < software - 0.005, $"transfer should cost accuracy: {software} → {transferred}");
            Assert.True(hybrid > transferred, $"hybrid training should recover: {transferred} → {hybrid}");
        }
    }

    [Fact]
    public void MemristorAdc_Quick_AdcEnergyDoublesPerBit_AndSystemExceedsCore()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "memristor-adc", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([4, 5, 6, 7, 8], rows.Select(r => r.GetProperty("adc_bits").GetInt32()));
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            double sum = r.GetProperty("array_joules").GetDouble() + r.GetProperty("dac_joules").GetDouble() + r.GetProperty("adc_joules").GetDouble()
                + r.GetProperty("tia_joules").GetDouble() + r.GetProperty("digital_joules").GetDouble();
            Assert.True(r.GetProperty("system_joules").GetDouble() >= sum, "system includes every periphery term");
            Assert.True(r.GetProperty("array_joules").GetDouble() > 0);
            Assert.True(r.GetProperty("accuracy").GetDouble() > 0.5);
            if (i > 0)
            {
                // The ADC figure of merit doubles energy per extra bit (re-reads aside, the conversion count is fixed).
                double ratio = r.GetProperty("adc_joules").GetDouble() / rows[i - 1].GetProperty("adc_joules").GetDouble();
                Assert.InRange(ratio, 1.9, 2.1);
            }
        }
    }

    [Fact]
    public void MemristorPulsed_Quick_ReportsEveryDeviceModel_AndSoftBoundsPullTowardsTheSymmetryPoint()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "memristor-pulsed", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("device").GetString()!);
        Assert.Equal(4, rows.Count);
        foreach (var r in rows.Values)
        {
            Assert.True(r.GetProperty("pulses").GetInt64() > 0);
            Assert.True(r.GetProperty("accuracy").GetDouble() > 0.5, $"{r}: pulsed training should learn");
        }
        Assert.Equal(0.3, rows["constant step"].GetProperty("drift_under_balanced_pulses").GetDouble(), 1e-9);
        Assert.True(rows["soft bounds"].GetProperty("drift_under_balanced_pulses").GetDouble() < 0.1);
    }
}
