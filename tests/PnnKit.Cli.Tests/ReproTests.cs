using System.Text.Json;

namespace PnnKit.Cli.Tests;

public sealed class ReproTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-repro-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void MemristorDrift_Quick_ReportsHardwareAwareAndPlainOverAges()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "memristor-drift", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var runs = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(["hardware-aware", "plain", "software-mapped"], runs.Select(r => r.GetProperty("training").GetString()));
        double[] dayMeans = [0.8117, 0.8073, 0.8475]; // after a day, as printed today (±3 points)
        for (int k = 0; k < runs.Count; k++)
        {
            var ages = runs[k].GetProperty("ages").EnumerateArray().ToList();
            Assert.Equal(2, ages.Count);
            Assert.Equal(3, ages[0].GetProperty("accuracies").GetArrayLength());
            Assert.Equal(dayMeans[k], ages[1].GetProperty("mean").GetDouble(), 0.03);
        }
    }

    [Fact]
    public void MechanicalInSitu_LearnsIris_AndRecoversFromACutBond()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "mechanical-insitu", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        // Ten splits of 96 / 24 / 30 flowers (seeds 1–10); the cut is chosen on validation. Means as printed today, ±3 points.
        Assert.Equal([1UL, 2, 3, 4, 5, 6, 7, 8, 9, 10], r.GetProperty("seeds").EnumerateArray().Select(e => e.GetUInt64()));
        Assert.Equal(24, r.GetProperty("splits").GetProperty("validation").GetInt32());
        // Every reading through 10 nm of displacement-sensor noise (the default): 85.0 / 13.3 / 70.7 %; ideal readings beside
        // (the former figures, 83.7 / 12.7 / 70.7 %). Outputs differ by ~0.2 µm, so 10 nm flips only the closest flowers.
        Assert.Equal(1e-8, r.GetProperty("sensor_noise").GetDouble(), 1e-15);
        Assert.Equal(0.850, r.GetProperty("intact_test_mean").GetDouble(), 0.03);
        Assert.Equal(0.050, r.GetProperty("intact_test_std").GetDouble(), 0.02);
        Assert.Equal(0.133, r.GetProperty("damaged_test_mean").GetDouble(), 0.03);
        Assert.Equal(0.707, r.GetProperty("recovered_test_mean").GetDouble(), 0.03);
        var ideal = r.GetProperty("ideal");
        Assert.Equal(0.837, ideal.GetProperty("intact_test_mean").GetDouble(), 0.03);
        Assert.Equal(0.127, ideal.GetProperty("damaged_test_mean").GetDouble(), 0.03);
        Assert.Equal(0.707, ideal.GetProperty("recovered_test_mean").GetDouble(), 0.03);
        foreach (var run in r.GetProperty("runs").EnumerateArray())
        {
            Assert.DoesNotContain(run.GetProperty("cut_bond").GetInt32(), run.GetProperty("critical_bonds").EnumerateArray().Select(b => b.GetInt32()));
            Assert.True(run.GetProperty("damaged_validation_accuracy").GetDouble() < run.GetProperty("intact_validation_accuracy").GetDouble());
        }
    }

    [Fact]
    public void Taichi_ReadsItsInstancesOption_AndRefusesOneOutOfRange()
    {
        // The fabricated-copies count is parsed before any training (the run itself is minutes; the API tests cover what it changes).
        var (code, _, err) = Pnn.Run(_dir, "repro", "taichi", "--quick", "--instances", "101");
        Assert.Equal(2, code);
        Assert.Contains("--instances must be an integer in [0, 100], got '101'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void CoupledLearning_SixteenEdges_OnValidationSplits_AndEachCutSpikesTheLoss()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "coupled-learning", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.Equal(16, r.GetProperty("edges").GetInt32());
        Assert.Equal(3, r.GetProperty("seeds").GetArrayLength());
        Assert.Equal(24, r.GetProperty("splits").GetProperty("validation").GetInt32());
        // Seeds 1–3 as printed today (96.7, 93.3, 86.7 % of 30 flowers), ±3 points on the mean.
        Assert.Equal(0.922, r.GetProperty("mean_test_accuracy").GetDouble(), 0.03);
        Assert.Equal(0.867, r.GetProperty("min_test_accuracy").GetDouble(), 0.034);
        var first = r.GetProperty("first");
        var damage = first.GetProperty("damage").EnumerateArray().Select(p => (Step: p.GetProperty("step").GetInt32(), Loss: p.GetProperty("loss").GetDouble())).ToList();
        var atFirstCut = damage.Where(p => p.Step == 0).ToList();
        Assert.True(atFirstCut[1].Loss > atFirstCut[0].Loss, "the first cut should raise the loss");
        Assert.True(damage.First(p => p.Step == 100).Loss < atFirstCut[1].Loss, "learning should bring the loss back down");
        // Lab effects: digital-potentiometer edges (default, first) and continuous ones, on 16 edges and on 64 nodes with interior nodes.
        var lab = r.GetProperty("lab_effects").EnumerateArray().ToList();
        Assert.Equal(["digital potentiometer", "continuous", "digital potentiometer", "continuous"], lab.Select(l => l.GetProperty("update").GetString()));
        Assert.Equal(0.922, lab[1].GetProperty("mean_test_accuracy").GetDouble(), 0.012); // the same run as mean_test_accuracy
        Assert.Equal(0.978, lab[3].GetProperty("mean_test_accuracy").GetDouble(), 0.012);
        Assert.True(lab[0].GetProperty("mean_test_accuracy").GetDouble() < lab[1].GetProperty("mean_test_accuracy").GetDouble(), "potentiometer steps and comparator offsets cost accuracy");
        // Potentiometers with the comparator dead band chosen on validation (20 mV on 16 edges, 3 mV on 64 nodes): 80.0 and
        // 74.4 % today (without a band, the former rows: 53.3 and 63.3 %), ± one test flower of the mean.
        Assert.Equal(0.800, lab[0].GetProperty("mean_test_accuracy").GetDouble(), 0.012);
        Assert.Equal(0.744, lab[2].GetProperty("mean_test_accuracy").GetDouble(), 0.012);
    }

    [Fact]
    public void CoupledLearning_Sweep_ChoosesTheDefaultLayoutOnValidation()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "coupled-learning", "--sweep", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var layouts = doc.RootElement.GetProperty("layouts").EnumerateArray().ToList();
        Assert.Equal(1 + 153, layouts.Count); // all 18 edges and every two-edge drop
        // The best mean validation accuracy over seeds 1–6 is the default layout's: without 3–6 and 4–7 (97.9 %).
        Assert.Equal([3, 6, 4, 7], layouts[0].GetProperty("dropped").EnumerateArray().SelectMany(e => e.EnumerateArray().Select(n => n.GetInt32())));
        Assert.Equal(0.979, layouts[0].GetProperty("mean_validation_accuracy").GetDouble(), 0.007);
        var all = layouts.Single(l => l.GetProperty("dropped").GetArrayLength() == 0);
        Assert.Equal(0.938, all.GetProperty("mean_validation_accuracy").GetDouble(), 0.007);
    }

    [Fact]
    public void SpintronicDemos_RunFromTheCli()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "pbit-factor", "--json");
        Assert.True(code == 0, err);
        using (var doc = JsonDocument.Parse(stdout))
        {
            foreach (string p in new[] { "fabricated", "ideal" }) // sMTJ p-bits (the default), then ideal ones
            {
                Assert.Equal(945, doc.RootElement.GetProperty(p).GetProperty("x").GetInt64() * doc.RootElement.GetProperty(p).GetProperty("y").GetInt64());
            }
        }
        (code, stdout, err) = Pnn.Run(_dir, "repro", "sto-reservoir", "--json");
        Assert.True(code == 0, err);
        using var res = JsonDocument.Parse(stdout);
        // 300 K (thermal noise, the default) first, then 0 K; then the NARMA-10 baselines.
        var results = res.RootElement.GetProperty("results");
        var sine = results[0];
        Assert.Equal(300, sine.GetProperty("temperature").GetDouble());
        Assert.Equal(0.7025, sine.GetProperty("reservoir").GetDouble(), 0.01);
        Assert.Equal(0.533, sine.GetProperty("linear_on_input").GetDouble(), 0.03);
        Assert.Equal(0.768, results[1].GetProperty("reservoir").GetDouble(), 0.01); // NARMA-10 NMSE at 300 K
        Assert.True(results[2].GetProperty("reservoir").GetDouble() > 0.99); // sine/square at 0 K
        Assert.Equal(0.681, results[3].GetProperty("reservoir").GetDouble(), 0.01); // NARMA-10 NMSE at 0 K
        var baselines = res.RootElement.GetProperty("narma_baselines");
        Assert.Equal(0.142, baselines[0].GetProperty("test").GetDouble(), 0.003); // linear tapped-delay ridge, 40 delays
        Assert.Equal(0.177, baselines[1].GetProperty("test").GetDouble(), 0.003); // echo-state network, 40 units
    }

    [Fact]
    public void UnknownReproduction_ExitsWith2_ListingTheKnownOnes()
    {
        var (code, _, err) = Pnn.Run(_dir, "repro", "d2nn-huge");
        Assert.Equal(2, code);
        Assert.Contains("insitu-photonic", err, StringComparison.Ordinal);
    }
}
