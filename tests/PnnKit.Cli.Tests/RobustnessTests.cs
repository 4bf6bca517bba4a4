using System.Text.Json;
using PnnKit.Cli.Commands;

namespace PnnKit.Cli.Tests;

public sealed class RobustnessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-robustness-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string TrainIris(string name, string substrate)
    {
        string extra = substrate == "memristive" ? "  substrate: memristive\n  training_noise: 1.0\n" : "";
        File.WriteAllText(Path.Combine(_dir, name + ".yaml"), $"name: {name}\ndata:\n  name: iris\nmodel:\n{extra}  hidden: [16]\ntraining:\n  epochs: 60\n  batch_size: 16\n  learning_rate: 0.01\n");
        var (code, _, err) = Pnn.Run(_dir, "train", "--config", name + ".yaml", "--json");
        Assert.True(code == 0, err);
        return Path.Combine("runs", name);
    }

    [Fact]
    public void MemristiveDesign_DriftsWithoutCompensation_AndCalibrationRecoversIt_ReproduciblyFromTheSeed()
    {
        string run = TrainIris("mem-iris", "memristive");
        string[] args = ["robustness", "--design", run, "--instances", "8", "--ages", "1s,1y", "--policies", "none,global", "--json"];
        var (code, stdout, err) = Pnn.Run(_dir, args);
        Assert.True(code == 0, err);
        var (code2, stdout2, _) = Pnn.Run(_dir, args);
        Assert.Equal(0, code2);
        Assert.Equal(stdout, stdout2); // every instance and read derives from the seed
        Assert.True(File.Exists(Path.Combine(_dir, run, "robustness.json")));
        byte[] png = File.ReadAllBytes(Path.Combine(_dir, run, "robustness.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 5000, "the accuracy-over-age plot should hold drawn lines, not an empty canvas");

        using var doc = JsonDocument.Parse(stdout);
        var policies = doc.RootElement.GetProperty("policies");
        double Mean(int policy, int age) => policies[policy].GetProperty("ages")[age].GetProperty("mean").GetDouble();
        Assert.Equal(8, policies[0].GetProperty("ages")[0].GetProperty("accuracies").GetArrayLength());
        // A year of PCM drift without compensation costs accuracy; a calibration read restores most of it.
        Assert.True(Mean(0, 1) < Mean(0, 0) - 0.1, $"uncompensated drift should hurt: {Mean(0, 0)} → {Mean(0, 1)}");
        Assert.True(Mean(1, 1) > Mean(0, 1) + 0.1, $"global compensation should recover: {Mean(1, 1)} vs {Mean(0, 1)}");
        Assert.Equal(0, policies[0].GetProperty("conversions_per_calibration").GetInt64());
        Assert.True(policies[1].GetProperty("joules_per_calibration")[1].GetDouble() > 0);
    }

    [Fact]
    public void DigitalDesign_HasNoSpreadOverInstances()
    {
        string run = TrainIris("dig-iris", "digital");
        var (code, stdout, err) = Pnn.Run(_dir, "robustness", "--design", run, "--instances", "3", "--ages", "1d", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var age = doc.RootElement.GetProperty("policies")[0].GetProperty("ages")[0];
        Assert.Equal(0, age.GetProperty("std").GetDouble());
        Assert.True(age.GetProperty("mean").GetDouble() > 0.9);
    }

    [Theory]
    [InlineData("--ages", "1d,-3h", "'-3h'")]
    [InlineData("--policies", "none,sometimes", "none, global, per-column, retrain")]
    [InlineData("--instances", "0", "--instances")]
    [InlineData("--temperature", "5", "[200, 400] K")]
    public void BadArguments_ExitWith2_NamingTheOption(string option, string value, string expected)
    {
        var (code, _, err) = Pnn.Run(_dir, "robustness", "--design", "runs/not-trained-yet", option, value);
        Assert.Equal(2, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Ages_TakeUnits()
    {
        Assert.Equal([1, 60, 3600, 86_400, 30 * 86_400, 365 * 86_400, 2.5], RobustnessCommand.ParseAges("1s,1min,1h,1d,1mo,1y,2.5"));
        Assert.Throws<UsageException>(() => RobustnessCommand.ParseAges("1 week"));
    }

    [Fact]
    public void MissingDesign_ExitsWith2_NamingIt()
    {
        var (code, _, err) = Pnn.Run(_dir, "robustness", "--design", "runs/nothing-here");
        Assert.Equal(2, code);
        Assert.Contains("runs/nothing-here", err, StringComparison.Ordinal);
    }
}

public sealed class ReproPatTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-pat-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PhysicsAwareTraining_BeatsInSilicoTraining_OnTheInstanceTheModelDoesNotKnow()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "pat", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        double Get(string name) => doc.RootElement.GetProperty(name).GetDouble();
        // Trained on the nominal model, the network works there and fails on the real pendula ...
        Assert.True(Get("in_silico_on_twin") > Get("in_silico_on_system") + 0.1, stdout);
        // ... while physics-aware training, measuring the real pendula, works on them.
        Assert.True(Get("physics_aware_on_system") > Get("in_silico_on_system") + 0.1, stdout);
        Assert.True(doc.RootElement.GetProperty("physical_queries").GetInt64() > 0);
        // The quick run's figures, pinned for the data set it found (fashion-mnist when installed; ±3 points on 500 test images).
        // The bundled-subset figures of a reduced run are pinned in PhysicsAwareGapTests.
        SplitsJson.AssertSizes(doc.RootElement, 1500, 0, 500);
        if (doc.RootElement.GetProperty("data").GetString() == "fashion-mnist")
        {
            Assert.Equal(0.706, Get("in_silico_on_twin"), 0.03);
            Assert.Equal(0.488, Get("in_silico_on_system"), 0.03);
            Assert.Equal(0.684, Get("physics_aware_on_system"), 0.03);
            Assert.Equal(0.594, Get("physics_aware_on_twin"), 0.03);
        }
        // Each layer's twin is checked on held-out measurements of the instance (300 pairs × 2 in --quick);
        // calibrating the nonlinearity predicts them better than the nominal model.
        var twins = doc.RootElement.GetProperty("twins").EnumerateArray().ToList();
        Assert.Equal(2, twins.Count);
        Assert.All(twins, t => Assert.Equal(600, t.GetProperty("measurements").GetInt64()));
        Assert.All(twins, t => Assert.True(t.GetProperty("calibrated_held_out_error").GetDouble() < t.GetProperty("nominal_held_out_error").GetDouble(), stdout));
    }

    [Theory]
    [InlineData("--twin", "neural", "--twin takes nominal or calibrated")]
    [InlineData("--sam", "-1", "--sam takes a SAM radius")]
    public void BadOptions_ExitWith2_NamingThem(string option, string value, string expected)
    {
        var (code, _, err) = Pnn.Run(_dir, "repro", "pat", option, value);
        Assert.Equal(2, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }
}

public sealed class ReproSamTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-sam-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SamSweep_ChoosesTheRadiusOnValidation_PinsThePrintedAccuracies_ReproduciblyFromTheSeed()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "sam", "--quick", "--json");
        Assert.True(code == 0, err);
        Assert.Equal(stdout, Pnn.Run(_dir, "repro", "sam", "--quick", "--json").Out);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        // 2,000 of the 7,200 training digits left after holding out 10 % (800) for validation; the 2,000 test digits.
        SplitsJson.AssertSizes(root, 2000, 800, 2000);
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([0.0, 0.1], rows.Select(r => r.GetProperty("rho").GetDouble()));
        // The chosen radius is the best validation mean, whatever the test columns say.
        var best = rows.MaxBy(r => r.GetProperty("validation_mean").GetDouble());
        Assert.Equal(best.GetProperty("rho").GetDouble(), root.GetProperty("chosen_rho").GetDouble());
        Assert.Equal(0.0, root.GetProperty("chosen_rho").GetDouble());
        // What the quick run printed per radius: software (test, ±2 points), the 4 instances' validation and test means (±3 points).
        (double Software, double Validation, double Test)[] printed = [(0.817, 0.6931, 0.6759), (0.8145, 0.6747, 0.6535)];
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            Assert.Equal(printed[i].Software, r.GetProperty("software_accuracy").GetDouble(), 0.02);
            Assert.Equal(printed[i].Validation, r.GetProperty("validation_mean").GetDouble(), 0.03);
            Assert.Equal(printed[i].Test, r.GetProperty("mean").GetDouble(), 0.03);
            Assert.True(r.GetProperty("worst").GetDouble() <= r.GetProperty("mean").GetDouble());
        }
    }
}
