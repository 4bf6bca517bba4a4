using System.Text.Json;
using PnnKit.Cli.Config;

namespace PnnKit.Cli.Tests;

/// <summary>model.type: mesh configs: validation, training from the CLI, evaluation and exact resume.</summary>
public sealed class PhotonicConfigTests : IDisposable
{
    // A reduced photonic-moons.yaml: the repro's network and optimizer, fewer points and epochs.
    private const string Moons = """
        name: moons
        data: {name: moons, count: 600, test_fraction: 0.5, validation_fraction: 0}
        model: {type: mesh, substrate: photonic, modes: 4, layers: 3, activation: photodetector, encoding: constant-power}
        training: {epochs: EPOCHS, batch_size: 20, learning_rate: 0.05, schedule: SCHEDULE}

        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-photonic-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string yaml, string name = "exp")
    {
        string path = Path.Combine(_dir, name + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string MoonsYaml(int epochs, string schedule) =>
        Moons.Replace("EPOCHS", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("SCHEDULE", schedule, StringComparison.Ordinal);

    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PnnKit.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("PnnKit.sln not found above the test binaries"), relative);
    }

    [Theory]
    [InlineData("photonic-moons", "moons", "photodetector", "constant-power", 4, 3)]
    [InlineData("photonic-circles", "circles", "photodetector", "constant-power", 4, 3)]
    [InlineData("photonic-rings", "rings", "photodetector", "constant-power", 4, 3)]
    [InlineData("photonic-mnist-mesh", "mnist-subset", "electro-optic", "fourier-64", 64, 2)]
    public void ShippedConfigs_Load_AndTheirResolvedYamlReadsBackTheSame(string file, string data, string activation, string encoding, int modes, int layers)
    {
        var c = ExperimentConfig.Load(RepoFile(Path.Combine("configs", file + ".yaml")));
        Assert.Equal(("mesh", "photonic", data, activation, encoding, modes, layers), (c.Model, c.Substrate, c.Data, c.Activation, c.Encoding, c.Modes, c.MeshLayers));
        string resolved = Write(c.ToYaml(), file);
        Assert.Equal(c.ToYaml(), ExperimentConfig.Load(resolved).ToYaml());
    }

    [Theory]
    [InlineData("model: {type: mesh, hidden: [16]}\ndata: {name: moons}\n", "model.hidden", "mlp only")]
    [InlineData("model: {type: mesh, activation: relu}\ndata: {name: moons}\n", "model.activation", "photodetector, electro-optic")]
    [InlineData("model: {type: mesh, modes: 3}\ndata: {name: moons}\n", "model.modes", "[4, 256]")]
    [InlineData("model: {type: mesh, activation: electro-optic, modes: 32}\n", "model.modes", "[64, 64]")]
    [InlineData("model: {type: mesh, layers: 0}\ndata: {name: moons}\n", "model.layers", "[1, 16]")]
    [InlineData("model: {type: mesh, encoding: fourier-64}\ndata: {name: moons}\n", "model.encoding", "constant-power")]
    [InlineData("model: {type: mesh, encoding: qam}\ndata: {name: moons}\n", "model.encoding", "constant-power, fourier-64")]
    [InlineData("model: {type: mesh, substrate: memristive}\ndata: {name: moons}\n", "model.substrate", "photonic")]
    [InlineData("model: {type: mesh, output_gain: 0}\ndata: {name: moons}\n", "model.output_gain", "(0, 1000]")]
    [InlineData("model: {type: mesh}\ndata: {name: iris}\n", "data.name", "moons, circles, rings, xor, spirals")]
    [InlineData("model: {type: mesh, activation: electro-optic}\ndata: {name: moons}\n", "data.name", "mnist-subset, mnist, fashion-mnist")]
    [InlineData("model: {type: mesh}\ndata: {name: moons, augment_shift: 1}\n", "data.augment_shift", "mlp only")]
    [InlineData("model: {type: mlp, modes: 4}\ndata: {name: moons}\n", "model.modes", "mesh only")]
    [InlineData("model: {substrate: photonic}\ndata: {name: moons}\n", "model.substrate", "digital, memristive")]
    [InlineData("model: {type: mesh, phases: 3}\ndata: {name: moons}\n", "model.phases", "encoding")]
    public void BadMeshConfig_NamesTheFieldAndTheAllowedValues(string yaml, string field, string allowed)
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentConfig.Load(Write(yaml)));
        Assert.Contains("exp.yaml", e.Message, StringComparison.Ordinal);
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
        Assert.Contains(allowed, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model: {substrate: photonic, core: mesh}\n", "model.core", "coherent, intensity-crossbar")]
    [InlineData("model: {substrate: memristive, core: intensity-crossbar}\n", "model.core", "substrate: photonic only")]
    [InlineData("model: {substrate: photonic, core: intensity-crossbar, tile_size: 8}\n", "model.tile_size", "core: coherent only")]
    [InlineData("model: {substrate: photonic, adc_bits: 6}\n", "model.adc_bits", "core: intensity-crossbar only")]
    [InlineData("model: {substrate: photonic, core: intensity-crossbar, dac_bits: 17}\n", "model.dac_bits", "[0, 16]")]
    [InlineData("model: {substrate: photonic, core: intensity-crossbar, extinction_ratio_db: 0}\n", "model.extinction_ratio_db", "(0, 100]")]
    [InlineData("model: {substrate: photonic, core: intensity-crossbar, symbol_rate_hz: 10}\n", "model.symbol_rate_hz", "[1000000, 1000000000000]")]
    public void BadCrossbarConfig_NamesTheFieldAndTheAllowedValues(string yaml, string field, string allowed)
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentConfig.Load(Write(yaml), Path.Combine(_dir, "model.onnx")));
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
        Assert.Contains(allowed, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcessorConfig_SelectsTheIntensityCrossbar_WithItsSettings_AndRoundTripsThroughTheRunsYaml()
    {
        var c = ExperimentConfig.Load(Repo("configs", "photonic-tensor-processor.yaml"), Path.Combine(_dir, "model.onnx"));
        Assert.Equal(("photonic", "intensity-crossbar", "fashion-mnist"), (c.Substrate, c.Core, c.Data));
        Assert.Equal(PnnKit.Photonics.TensorCore.IntensityCrossbarConfig.Default, c.Crossbar);
        var changed = ExperimentConfig.Load(Write("model: {substrate: photonic, core: intensity-crossbar, adc_bits: 6, extinction_ratio_db: 10, detector_noise: false}\n"), Path.Combine(_dir, "model.onnx"));
        Assert.Equal((6, 10.0, false), (changed.Crossbar.AdcBits, changed.Crossbar.ExtinctionRatioDb, changed.Crossbar.DetectorNoise));
        File.WriteAllBytes(Path.Combine(_dir, "model.onnx"), []);
        var back = ExperimentConfig.Load(Write(changed.ToYaml(), "roundtrip"));
        Assert.Equal(changed.Crossbar, back.Crossbar);
        Assert.Equal("intensity-crossbar", back.Core);
    }

    private static string Repo(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PnnKit.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine([dir?.FullName ?? throw new DirectoryNotFoundException("PnnKit.sln not found above the test binaries"), .. parts]);
    }

    [Fact]
    public void BadMeshConfig_ExitsWith2_WithOneLineNamingTheField()
    {
        string cfg = Write("model: {type: mesh, activation: relu}\ndata: {name: moons}\n", "bad");
        var (code, _, err) = Pnn.Run(_dir, "train", "--config", cfg);
        Assert.Equal(2, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("bad.yaml", err, StringComparison.Ordinal);
        Assert.Contains("model.activation", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "runs")));
    }

    [Fact]
    public void MeshOnMoons_Trains_AndEvalReproducesAccuracyAndCharges()
    {
        // 40 epochs: well above the ~87 % a linear boundary gets on moons, so a broken mesh fails.
        var (code, stdout, err) = Pnn.Run(_dir, "train", "--config", Write(MoonsYaml(40, "cosine")), "--json");
        Assert.True(code == 0, err);
        using var train = JsonDocument.Parse(stdout);
        double acc = train.RootElement.GetProperty("test_accuracy").GetDouble();
        Assert.True(acc >= 0.95, $"moons mesh test accuracy {acc}");
        // 3 meshes × (6 MZIs × 2 phases + 4 output phases).
        Assert.Equal(48, train.RootElement.GetProperty("parameters").GetInt64());

        var (ecode, eout, eerr) = Pnn.Run(_dir, "eval", Path.Combine(_dir, "runs", "moons"), "--json");
        Assert.True(ecode == 0, eerr);
        using var eval = JsonDocument.Parse(eout);
        Assert.Equal(acc, eval.RootElement.GetProperty("test_accuracy").GetDouble());
        Assert.True(eval.RootElement.GetProperty("system_energy_per_inference_joules").GetDouble() > 0);
        var components = eval.RootElement.GetProperty("cost_terms").EnumerateArray().Select(t => t.GetProperty("component").GetString()).ToList();
        Assert.Contains(components, n => n!.Contains("laser", StringComparison.Ordinal));
        Assert.Contains(components, n => n!.Contains("modulator", StringComparison.Ordinal));

        // Fabricating a mesh design is not what pnn robustness does (yet): refused, not silently ideal.
        var (rcode, _, rerr) = Pnn.Run(_dir, "robustness", "--design", Path.Combine(_dir, "runs", "moons"));
        Assert.Equal(2, rcode);
        Assert.Contains("photonic", rerr, StringComparison.Ordinal);
    }

    [Fact]
    public void MeshOnMnistFourier_LearnsInOneEpoch_AndChargesTheInputModulators()
    {
        // One epoch of photonic-mnist-mesh.yaml's network: far above the 10 % of chance when the adjoint is right.
        string cfg = Write("""
            name: digits
            data: {name: mnist-subset, validation_fraction: 0}
            model: {type: mesh, substrate: photonic, modes: 64, layers: 2, activation: electro-optic, encoding: fourier-64, output_gain: 5}
            training: {epochs: 1, batch_size: 32, learning_rate: 0.01}
            """);
        var (code, stdout, err) = Pnn.Run(_dir, "train", "--config", cfg, "--json");
        Assert.True(code == 0, err);
        using var train = JsonDocument.Parse(stdout);
        double acc = train.RootElement.GetProperty("test_accuracy").GetDouble();
        Assert.True(acc >= 0.8, $"MNIST mesh test accuracy after one epoch {acc}");
        var terms = train.RootElement.GetProperty("cost_terms").EnumerateArray().ToList();
        var iq = terms.Single(t => t.GetProperty("component").GetString() == "input IQ modulators");
        // Two amplitude modulators per waveguide, 64 waveguides, every test digit.
        Assert.Equal(2 * 64 * 2000, iq.GetProperty("uses").GetInt64());
    }

    [Fact]
    public void ResumedMeshRun_EndsWithTheSameCheckpointAsAnUninterruptedRun()
    {
        // Constant schedule, so a run stopped after 4 epochs and continued to 8 follows the same steps
        // as one run of 8: the checkpoint must hold every phase, the optimizer's moments and the trainer state.
        Assert.Equal(0, Pnn.Run(_dir, "train", "--config", Write(MoonsYaml(8, "constant"), "straight"), "--runs-dir", "a").Code);
        Assert.Equal(0, Pnn.Run(_dir, "train", "--config", Write(MoonsYaml(4, "constant"), "stopped"), "--runs-dir", "b").Code);
        string run = Path.Combine(_dir, "b", "moons");
        File.WriteAllText(Path.Combine(run, "config.yaml"), File.ReadAllText(Path.Combine(run, "config.yaml")).Replace("epochs: 4", "epochs: 8", StringComparison.Ordinal));
        byte[] stopped = File.ReadAllBytes(Path.Combine(run, "checkpoint.bin"));

        var (code, _, err) = Pnn.Run(_dir, "train", "--resume", run);
        Assert.True(code == 0, err);
        byte[] straight = File.ReadAllBytes(Path.Combine(_dir, "a", "moons", "checkpoint.bin"));
        Assert.NotEqual(stopped, straight);
        Assert.Equal(straight, File.ReadAllBytes(Path.Combine(run, "checkpoint.bin")));
        Assert.Equal(8, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);
    }
}
