using System.Text.Json;

namespace PnnKit.Cli.Tests;

/// <summary>pnn convert, pnn robustness and pnn train --from on the PyTorch-trained LeNet-5 (models/lenet5-mnist-subset.onnx).</summary>
public sealed class ConvertTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-convert-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Model() => Repo("models", "lenet5-mnist-subset.onnx");

    private static string Repo(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PnnKit.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine([dir?.FullName ?? throw new DirectoryNotFoundException("PnnKit.sln not found above the test binaries"), .. parts]);
    }

    private JsonElement Convert(string substrate)
    {
        var (code, stdout, err) = Pnn.Run(_dir, "convert", Model(), "--to", substrate, "--data", "mnist-subset", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.GetProperty("result").Clone();
    }

    [Fact]
    public void LeNet_ConvertedToBothSubstrates_KeepsItsAccuracy_AndIsCostedOnEach()
    {
        // Test accuracy on the 2,000 test digits (seed 1) as printed today, ±1 point: PyTorch's model in fp32, on PCM
        // crossbars (8-bit DAC/ADC, programming and read noise), and on 16-mode photonic tensor cores (8-bit converters, read noise).
        var digital = Convert("digital");
        var memristive = Convert("memristive");
        var photonic = Convert("photonic");
        Assert.Equal(0.974, digital.GetProperty("test_accuracy").GetDouble(), 0.01);
        Assert.Equal(0.972, memristive.GetProperty("test_accuracy").GetDouble(), 0.01);
        Assert.Equal(0.975, photonic.GetProperty("test_accuracy").GetDouble(), 0.01);
        SplitsJson.AssertSizes(memristive, 7200, 800, 2000);
        // Every converted run carries the same 61,706 weights (batch norms folded into the convolutions).
        Assert.All(new[] { digital, memristive, photonic }, r => Assert.Equal(61_706, r.GetProperty("parameters").GetInt64()));
        // The crossbar run's energy per image is below the fp32 digital MLP cost model's; the photonic run pays its converters per tile pass.
        double System(JsonElement r) => r.GetProperty("system_energy_per_inference_joules").GetDouble();
        Assert.True(System(memristive) < System(digital), $"memristive {System(memristive):E2} J vs digital {System(digital):E2} J");
        var terms = photonic.GetProperty("cost_terms").EnumerateArray().Select(t => t.GetProperty("component").GetString()!).ToList();
        Assert.Contains(terms, t => t.EndsWith("core homodyne ADCs", StringComparison.Ordinal));
        // The run directory reads like a trained run.
        var (code, _, err) = Pnn.Run(_dir, "eval", Path.Combine(_dir, "runs", "lenet5-mnist-subset-memristive"), "--json");
        Assert.True(code == 0, err);
    }

    [Theory]
    [InlineData("memristive", "1s,1d", 0.968)]
    [InlineData("photonic", "1s", 0.968)]
    public void ConvertedLeNet_IsJudgedByRobustness_OverFabricatedInstances(string substrate, string ages, double mean)
    {
        Convert(substrate);
        var (code, stdout, err) = Pnn.Run(_dir, "robustness", "--design", Path.Combine(_dir, "runs", $"lenet5-mnist-subset-{substrate}"), "--instances", "3", "--ages", ages, "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var first = doc.RootElement.GetProperty("policies")[0].GetProperty("ages")[0];
        // Mean over 3 instances at 1 s, ±2 points: PCM programming noise, or meshes with typical residual phase and coupler errors.
        Assert.Equal(mean, first.GetProperty("mean").GetDouble(), 0.02);
        Assert.True(first.GetProperty("std").GetDouble() > 0, "fabricated instances should differ");
    }

    [Fact]
    public void TrainFrom_FineTunesTheImportedModel_OnCrossbarsWithProgrammingNoise()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "train", "--from", Model(), "--config", Repo("configs", "memristive-lenet5-finetune.yaml"), "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("epochs").GetInt32());
        Assert.Equal(0.9715, doc.RootElement.GetProperty("test_accuracy").GetDouble(), 0.01);
    }

    [Fact]
    public void Convert_DeviceConfig_SetsTheCore_AndRefusesAModelOfItsOwn()
    {
        File.WriteAllText(Path.Combine(_dir, "core8.yaml"), "data: {name: mnist-subset}\nmodel: {substrate: photonic, tile_size: 8}\n");
        var (code, stdout, err) = Pnn.Run(_dir, "convert", Model(), "--to", "photonic", "--config", "core8.yaml", "--name", "core8", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var small = doc.RootElement.GetProperty("result");
        var large = Convert("photonic");
        // 8-mode tiles: about four times the passes of 16-mode ones, so more converter energy per image; the accuracy moves little.
        long Dacs(JsonElement r) => r.GetProperty("cost_terms").EnumerateArray().Where(t => t.GetProperty("component").GetString()!.EndsWith("core input DACs", StringComparison.Ordinal)).Sum(t => t.GetProperty("uses").GetInt64());
        Assert.True(Dacs(small) > Dacs(large), $"8-mode core {Dacs(small)} DAC conversions vs 16-mode {Dacs(large)}");
        Assert.Contains("tile_size: 8", File.ReadAllText(Path.Combine(_dir, "runs", "core8", "config.yaml")), StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_dir, "own.yaml"), "model: {type: onnx, file: other.onnx, substrate: photonic}\n");
        (code, _, err) = Pnn.Run(_dir, "convert", Model(), "--to", "photonic", "--config", "own.yaml");
        Assert.Equal(2, code);
        Assert.Contains("leave model.type and model.file out", err, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_dir, "mismatch.yaml"), "model: {substrate: memristive}\n");
        (code, _, err) = Pnn.Run(_dir, "convert", Model(), "--to", "photonic", "--config", "mismatch.yaml");
        Assert.Equal(2, code);
        Assert.Contains("sets model.substrate: memristive", err, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcessorConfig_RunsLeNetOnTheIntensityCrossbar_ThroughConvertAndRobustness()
    {
        // configs/photonic-tensor-processor.yaml, on the bundled digits instead of its Fashion-MNIST: the same core
        // `pnn repro photonic-tensor-processor` uses (97.0 % there on these 2,000 digits), ±1 point.
        var (code, stdout, err) = Pnn.Run(_dir, "convert", Model(), "--to", "photonic", "--config", Repo("configs", "photonic-tensor-processor.yaml"), "--data", "mnist-subset", "--name", "ptp", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var result = doc.RootElement.GetProperty("result");
        Assert.Equal(0.969, result.GetProperty("test_accuracy").GetDouble(), 0.01);
        var terms = result.GetProperty("cost_terms").EnumerateArray().Select(t => t.GetProperty("component").GetString()!).ToList();
        Assert.Contains(terms, t => t.EndsWith("crossbar light", StringComparison.Ordinal));
        Assert.Contains(terms, t => t.EndsWith("weight loads", StringComparison.Ordinal));
        Assert.Contains("core: intensity-crossbar", File.ReadAllText(Path.Combine(_dir, "runs", "ptp", "config.yaml")), StringComparison.Ordinal);
        (code, stdout, err) = Pnn.Run(_dir, "robustness", "--design", Path.Combine(_dir, "runs", "ptp"), "--instances", "2", "--ages", "1s", "--json");
        Assert.True(code == 0, err);
        using var robust = JsonDocument.Parse(stdout);
        var first = robust.RootElement.GetProperty("policies")[0].GetProperty("ages")[0];
        // Two fabricated crossbars with typical device spread (2 % transmission, 0.5 dB extinction ratio), each calibrated by the
        // host: 96.95 % and 96.50 %, ±1 point on the mean.
        Assert.Equal(0.967, first.GetProperty("mean").GetDouble(), 0.01);
        Assert.True(first.GetProperty("std").GetDouble() > 0, "fabricated crossbars should differ");
    }

    [Fact]
    public void Convert_WithABadTarget_OrAModelThatDoesNotFitTheData_ExitsTwo()
    {
        var (code, _, err) = Pnn.Run(_dir, "convert", Model(), "--to", "spintronic");
        Assert.Equal(2, code);
        Assert.Contains("--to spintronic", err, StringComparison.Ordinal);
        (code, _, err) = Pnn.Run(_dir, "convert", Model(), "--to", "memristive", "--data", "iris");
        Assert.Equal(2, code);
        Assert.Contains("784 values per sample; data iris has 4", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "runs", "lenet5-mnist-subset-memristive")), "a refused conversion leaves no run directory");
    }
}
