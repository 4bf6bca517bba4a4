using System.Text.Json;

namespace PnnKit.Cli.Tests;

public sealed class ReproMemristorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-repro-memristor-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Accuracies are pinned to what the quick run printed (2,000 test digits, 0.05 points each; ±2 points).
    private const double Tolerance = 0.02;

    [Fact]
    public void MemristorHybrid_Quick_TransferLosesAccuracy_AndHybridTrainingRecovers()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "memristor-hybrid", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var runs = doc.RootElement.GetProperty("hybrid").EnumerateArray().ToList();
        Assert.Equal(["LastLayer", "AllLayers"], runs.Select(r => r.GetProperty("scope").ToString()));
        double[] hybridPrinted = [0.882, 0.887]; // last layer, all layers
        for (int i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            SplitsJson.AssertSizes(r, 8000, 0, 2000);
            Assert.Equal(0.8855, r.GetProperty("software_accuracy").GetDouble(), Tolerance);
            Assert.Equal(0.874, r.GetProperty("transferred_accuracy").GetDouble(), Tolerance);
            Assert.Equal(hybridPrinted[i], r.GetProperty("hybrid_accuracy").GetDouble(), Tolerance);
            Assert.Equal(800, r.GetProperty("hybrid_samples").GetInt32());
        }
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
        SplitsJson.AssertSizes(doc.RootElement, 7200, 800, 500);
        Assert.Equal(0.884, doc.RootElement.GetProperty("software_accuracy").GetDouble(), 0.03);
        // Printed by the quick run: test (500 digits, ±3 points) and validation (800 digits, ±2.5 points) per resolution.
        double[] test = [0.846, 0.876, 0.88, 0.882, 0.882], validation = [0.87875, 0.88875, 0.8975, 0.8925, 0.89875];
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(test[i], rows[i].GetProperty("accuracy").GetDouble(), 0.03);
            Assert.Equal(validation[i], rows[i].GetProperty("validation_accuracy").GetDouble(), 0.025);
        }
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            double sum = r.GetProperty("array_joules").GetDouble() + r.GetProperty("dac_joules").GetDouble() + r.GetProperty("adc_joules").GetDouble()
                + r.GetProperty("tia_joules").GetDouble() + r.GetProperty("digital_joules").GetDouble();
            Assert.True(r.GetProperty("system_joules").GetDouble() >= sum, "system includes every periphery term");
            Assert.True(r.GetProperty("array_joules").GetDouble() > 0);
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
        Assert.Equal(5, rows.Count);
        SplitsJson.AssertSizes(doc.RootElement, 1000, 0, 2000);
        Assert.Equal(0.7075, doc.RootElement.GetProperty("digital_accuracy").GetDouble(), Tolerance);
        // Test accuracy each device model reached in the quick run (784-16-10, 1,000 digits, one epoch); every row but the
        // last reads the hidden layer's errors back through the array (the transposed read), the last computes them digitally.
        var printed = new Dictionary<string, double>
        {
            ["ideal (constant step, no spread)"] = 0.7025,
            ["constant step"] = 0.671,
            ["soft bounds"] = 0.5605,
            ["exp step (PCM/ReRAM-like, asymmetric)"] = 0.6525,
            ["constant step, exact digital backward"] = 0.6795,
        };
        foreach (var (device, r) in rows)
        {
            Assert.True(r.GetProperty("pulses").GetInt64() > 0);
            Assert.Equal(printed[device], r.GetProperty("accuracy").GetDouble(), Tolerance);
        }
        Assert.Equal(0.3, rows["constant step"].GetProperty("drift_under_balanced_pulses").GetDouble(), 1e-9);
        Assert.True(rows["soft bounds"].GetProperty("drift_under_balanced_pulses").GetDouble() < 0.1);
    }
}
