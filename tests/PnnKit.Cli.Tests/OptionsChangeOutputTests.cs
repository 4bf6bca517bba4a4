using System.Text.Json;
using PnnKit.Cli.Commands;

namespace PnnKit.Cli.Tests;

/// <summary>
/// DESIGN §6b: an option that changes nothing does not exist. Each option of each command either changes what
/// the command prints (or its format, for --json), or is refused with a usage error naming what the command takes.
/// </summary>
public sealed class OptionsChangeOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-options-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Train(string name, string substrate)
    {
        string extra = substrate == "memristive" ? "  substrate: memristive\n  training_noise: 1.0\n" : "";
        File.WriteAllText(Path.Combine(_dir, name + ".yaml"), $"name: {name}\ndata:\n  name: iris\nmodel:\n{extra}  hidden: [16]\ntraining:\n  epochs: 60\n  batch_size: 16\n  learning_rate: 0.01\n");
        var (code, _, err) = Pnn.Run(_dir, "train", "--config", name + ".yaml", "--json");
        Assert.True(code == 0, err);
        return Path.Combine("runs", name);
    }

    private JsonElement Json(params string[] args)
    {
        var (code, stdout, err) = Pnn.Run(_dir, args);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.Clone();
    }

    private static double Mean(JsonElement robustness, int policy, int age) =>
        robustness.GetProperty("policies")[policy].GetProperty("ages")[age].GetProperty("mean").GetDouble();

    [Fact]
    public void Robustness_Temperature_HotterArrayConductsMoreAndDriftsFaster_AndGlobalCompensationUndoesTheConductanceChange()
    {
        string run = Train("hot", "memristive");
        string[] common = ["robustness", "--design", run, "--instances", "6", "--ages", "1s,1y", "--policies", "none,global", "--json"];
        var room = Json([.. common, "--temperature", "300"]);
        var hot = Json([.. common, "--temperature", "358"]);
        Assert.Equal(JsonSerializer.Serialize(room.GetProperty("policies")), JsonSerializer.Serialize(Json(common).GetProperty("policies"))); // 300 K is the default
        Assert.Equal(1.0, room.GetProperty("conductance_factor").GetDouble());
        Assert.Equal(8.06, hot.GetProperty("conductance_factor").GetDouble(), 0.01); // exp(0.333 eV/k · (1/300 − 1/358))
        Assert.Equal(1.21e4, hot.GetProperty("drift_acceleration").GetDouble(), 0.01e4); // exp(1.5 eV/k · (1/300 − 1/358))

        // The calibration read measures the conductances: larger when hot, and falling faster with age (faster drift).
        double[] Read(JsonElement r) => [.. r.GetProperty("policies")[1].GetProperty("joules_per_calibration").EnumerateArray().Select(j => j.GetDouble())];
        double[] readRoom = Read(room), readHot = Read(hot);
        Assert.True(readHot[0] > 1.4 * readRoom[0], $"calibration read at 1 s: {readHot[0]} J at 358 K vs {readRoom[0]} J at 300 K");
        Assert.True(readHot[1] / readHot[0] < readRoom[1] / readRoom[0] - 0.1, $"drift over a year: {readHot[1] / readHot[0]} at 358 K vs {readRoom[1] / readRoom[0]} at 300 K");

        // Accuracy (Iris, 30 test flowers; ±1 flower). Without compensation the 8× conductance of a hot array costs
        // accuracy at once (96.7 → 73.3 %); over a year drift pulls the conductances back down (82.2 %, vs 66.1 % at
        // 300 K, where drift alone shrinks them). Global compensation, referenced at 300 K, undoes both: 96.7 / 96.1 %.
        Assert.Equal(0.967, Mean(room, 0, 0), 0.034);
        Assert.Equal(0.733, Mean(hot, 0, 0), 0.034);
        Assert.Equal(0.661, Mean(room, 0, 1), 0.034);
        Assert.Equal(0.822, Mean(hot, 0, 1), 0.034);
        Assert.Equal(0.967, Mean(hot, 1, 0), 0.034);
        Assert.Equal(0.961, Mean(hot, 1, 1), 0.034);
        Assert.Equal(Mean(room, 1, 1), Mean(hot, 1, 1), 0.034);
    }

    [Fact]
    public void Robustness_Instances_Ages_Policies_Seed_EachChangeTheResult()
    {
        string run = Train("opts", "memristive");
        string[] common = ["robustness", "--design", run, "--json"];
        var baseline = Json([.. common, "--instances", "2", "--ages", "1d", "--policies", "none"]);
        Assert.Equal(2, baseline.GetProperty("policies")[0].GetProperty("ages")[0].GetProperty("accuracies").GetArrayLength());
        var more = Json([.. common, "--instances", "3", "--ages", "1d", "--policies", "none"]);
        Assert.Equal(3, more.GetProperty("policies")[0].GetProperty("ages")[0].GetProperty("accuracies").GetArrayLength());
        var ages = Json([.. common, "--instances", "2", "--ages", "1s,1d", "--policies", "none"]);
        Assert.Equal(2, ages.GetProperty("policies")[0].GetProperty("ages").GetArrayLength());
        var policies = Json([.. common, "--instances", "2", "--ages", "1d", "--policies", "none,per-column"]);
        Assert.Equal("per-column", policies.GetProperty("policies")[1].GetProperty("policy").GetString());
        var seeded = Json([.. common, "--instances", "2", "--ages", "1d", "--policies", "none", "--seed", "99"]);
        Assert.Equal(99UL, seeded.GetProperty("seed").GetUInt64());
        Assert.NotEqual(JsonSerializer.Serialize(baseline.GetProperty("policies")), JsonSerializer.Serialize(seeded.GetProperty("policies")));
        // --json changes the format: the table instead names the temperature model.
        var (code, table, err) = Pnn.Run(_dir, "robustness", "--design", run, "--instances", "2", "--ages", "1d", "--policies", "none", "--temperature", "358");
        Assert.True(code == 0, err);
        Assert.Contains("at 358 K", table, StringComparison.Ordinal);
        Assert.Contains("E_c 0.333 eV", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Robustness_OnADigitalDesign_RefusesTemperatureAndPolicies()
    {
        string run = Train("dig", "digital");
        foreach (var (option, value) in new[] { ("--temperature", "358"), ("--policies", "none,global") })
        {
            var (code, _, err) = Pnn.Run(_dir, "robustness", "--design", run, "--instances", "1", "--ages", "1d", option, value);
            Assert.Equal(2, code);
            Assert.Contains("digital design", err, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("sto-reservoir", "--seed", "3", "takes --json, --sweep.")]
    [InlineData("sto-reservoir", "--quick", null, "takes --json, --sweep.")]
    [InlineData("sto-models", "--seed", "3", "--json, --quick")]
    [InlineData("mechanical-insitu", "--quick", null, "--epochs, --json, --seed, --seeds")]
    [InlineData("pbit-factor", "--epochs", "5", "--json, --seed")]
    [InlineData("mesh-calibration", "--epochs", "5", "--json, --quick, --seed")]
    [InlineData("diode-xor", "--instances", "5", "--epochs, --json, --quick, --seed")]
    [InlineData("memristor-adc", "--seeds", "5", "--epochs, --json, --quick, --seed")]
    [InlineData("pat-photonic", "--twin", "nominal", "--epochs, --json, --quick, --seed")]
    [InlineData("mesh-mnist", "--checkpoint", "ckpt", "--dataset")]
    [InlineData("wave-rnn", "--instances", "2", "--baseline-only")]
    public void Repro_RefusesAnOptionTheReproductionDoesNotRead_NamingTheOnesItTakes(string name, string option, string? value, string takes)
    {
        string[] args = value is null ? ["repro", name, option] : ["repro", name, option, value];
        var (code, _, err) = Pnn.Run(_dir, args);
        Assert.Equal(2, code);
        Assert.Contains($"pnn repro {name}: {option} does not apply here", err, StringComparison.Ordinal);
        Assert.Contains(takes, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Repro_OptionTable_CoversEveryReproduction_AndOnlyOptionsTheParserKnows()
    {
        string[] known = ["instances", "epochs", "seed", "seeds", "dataset", "checkpoint", "twin", "sam", "device", "token-file", "readings", "cifar", "cifar-model", "quick", "baseline-only", "boundary", "sweep", "cluster", "temperature", "phase-shifter"];
        Assert.Equal(28, ReproCommand.Names.Length);
        foreach (var (name, options) in ReproCommand.Options)
        {
            Assert.All(options, o => Assert.Contains(o, known));
        }
    }

    [Theory]
    [InlineData("--cifar-model", "m.onnx", "--cifar-model needs --cifar DIR")]
    [InlineData("--cifar", "somewhere", "--cifar needs --cifar-model FILE")]
    public void Repro_PhotonicTensorProcessor_CifarOptions_ComeAsAPair(string option, string value, string message)
    {
        // Each alone is refused (the pair adds the CIFAR-10 row: PhotonicTensorProcessorTests runs it on a generated fixture).
        var (code, _, err) = Pnn.Run(_dir, "repro", "photonic-tensor-processor", option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Repro_Seed_Epochs_Quick_ChangeTheCheapReproductions()
    {
        string Out(params string[] args) => JsonSerializer.Serialize(Json(["repro", .. args, "--json"]));
        // pbit-factor: --seed changes the anneal's sweeps.
        Assert.NotEqual(Out("pbit-factor"), Out("pbit-factor", "--seed", "5"));
        // diode-xor: --epochs is the number of in-situ steps; --quick halves them; --seed draws another network.
        string xor = Out("diode-xor", "--epochs", "20");
        Assert.Contains("\"steps\":20", xor, StringComparison.Ordinal);
        Assert.NotEqual(xor, Out("diode-xor", "--epochs", "20", "--seed", "5"));
        Assert.Contains("\"steps\":150", Out("diode-xor", "--quick"), StringComparison.Ordinal);
        // mechanical-regression: the same for the spring lattice.
        Assert.NotEqual(Out("mechanical-regression", "--epochs", "20"), Out("mechanical-regression", "--epochs", "20", "--seed", "5"));
        // mechanical-insitu: --seeds is how many splits are averaged, --seed the first one, --epochs the training steps.
        string lattice = Out("mechanical-insitu", "--seeds", "1", "--epochs", "50");
        Assert.NotEqual(lattice, Out("mechanical-insitu", "--seeds", "2", "--epochs", "50"));
        Assert.NotEqual(lattice, Out("mechanical-insitu", "--seeds", "1", "--epochs", "50", "--seed", "2"));
        Assert.NotEqual(lattice, Out("mechanical-insitu", "--seeds", "1", "--epochs", "60"));
    }

    [Theory]
    [InlineData("list", "--data-dir", "somewhere", "--json")]
    [InlineData("info", "--to", "somewhere", "--data-dir, --json")]
    [InlineData("fetch", "--json", null, "--mirror, --to")]
    public void Data_RefusesAnOptionTheSubcommandDoesNotRead(string sub, string option, string? value, string takes)
    {
        List<string> args = ["data", sub];
        if (sub != "list")
        {
            args.Add("iris");
        }
        args.Add(option);
        if (value is not null)
        {
            args.Add(value);
        }
        var (code, _, err) = Pnn.Run(_dir, [.. args]);
        Assert.Equal(2, code);
        Assert.Contains($"pnn data {sub}: {option} does not apply here", err, StringComparison.Ordinal);
        Assert.Contains(takes, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_DataDir_IsReadForImageSets_AndRefusedForBundledOnes()
    {
        var (code, _, err) = Pnn.Run(_dir, "data", "info", "iris", "--data-dir", "somewhere");
        Assert.Equal(2, code);
        Assert.Contains("--data-dir does not apply: iris is bundled", err, StringComparison.Ordinal);
        (code, _, err) = Pnn.Run(_dir, "data", "info", "mnist", "--data-dir", Path.Combine(_dir, "no-data-here"));
        Assert.Equal(2, code);
        Assert.Contains("no-data-here", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_Json_ChangesTheFormat()
    {
        var (code, text, err) = Pnn.Run(_dir, "data", "info", "iris");
        Assert.True(code == 0, err);
        Assert.StartsWith("iris:", text, StringComparison.Ordinal);
        Assert.Equal("iris", Json("data", "info", "iris", "--json").GetProperty("name").GetString());
    }

    [Fact]
    public void Train_ResumeWithRunsDir_IsRefused()
    {
        var (code, _, err) = Pnn.Run(_dir, "train", "--resume", "runs/x", "--runs-dir", "elsewhere");
        Assert.Equal(2, code);
        Assert.Contains("--runs-dir applies only with --config", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_RunsDir_PutsTheRunThere()
    {
        File.WriteAllText(Path.Combine(_dir, "tiny.yaml"), "name: tiny\ndata:\n  name: iris\nmodel:\n  hidden: [4]\ntraining:\n  epochs: 2\n");
        var r = Json("train", "--config", "tiny.yaml", "--runs-dir", "elsewhere", "--json");
        Assert.True(Directory.Exists(Path.Combine(_dir, "elsewhere", "tiny")));
        Assert.Contains("elsewhere", r.GetProperty("run_directory").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_RateLifetimeCalibrateEvery_ChangeTheAmortisedCost_AndCalibrateEveryWithoutACalibrationIsRefused()
    {
        string run = Train("evalopt", "memristive");
        var (code, _, err) = Pnn.Run(_dir, "eval", run, "--calibrate-every", "1d");
        Assert.Equal(2, code);
        Assert.Contains("--calibrate-every has no calibration to amortise", err, StringComparison.Ordinal);
        Assert.Equal(0, Pnn.Run(_dir, "robustness", "--design", run, "--instances", "1", "--ages", "1d", "--policies", "none,global", "--json").Code);
        string Eval(params string[] extra) => JsonSerializer.Serialize(Json(["eval", run, .. extra, "--json"]).GetProperty("cost_report"));
        string daily = Eval("--rate", "10", "--lifetime", "30d", "--calibrate-every", "1d");
        Assert.NotEqual(daily, Eval("--rate", "10", "--lifetime", "30d", "--calibrate-every", "1h"));
        Assert.NotEqual(daily, Eval("--rate", "100", "--lifetime", "30d", "--calibrate-every", "1d"));
        Assert.NotEqual(daily, Eval("--rate", "10", "--lifetime", "1y", "--calibrate-every", "1d"));
    }

    [Fact]
    public void BenchPerf_PythonWithNoPython_IsRefused()
    {
        var (code, _, err) = Pnn.Run(_dir, "bench", "perf", "--no-python", "--python", "/usr/bin/python3");
        Assert.Equal(2, code);
        Assert.Contains("--python PATH", err, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchPerf_Threads_Only_Json_AreHonoured()
    {
        // Only the FMA peak item (milliseconds); the thread count is in each figure's name.
        string[] fma = ["bench", "perf", "--quick", "--no-python", "--only", "fma"];
        var one = Json([.. fma, "--threads", "1", "--json"]).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToList();
        var two = Json([.. fma, "--threads", "2", "--json"]).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToList();
        Assert.NotEmpty(one);
        Assert.All(one, n => Assert.Contains("FMA peak", n, StringComparison.Ordinal));
        Assert.All(one, n => Assert.EndsWith(", 1 thread", n, StringComparison.Ordinal));
        Assert.All(two, n => Assert.EndsWith(", 2 threads", n, StringComparison.Ordinal));
        var (code, table, err) = Pnn.Run(_dir, [.. fma, "--threads", "1"]);
        Assert.True(code == 0, err);
        Assert.StartsWith("figure", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_Store_And_Report_Out_AreHonoured()
    {
        Train("stored", "digital");
        string store = Path.Combine(_dir, "runs", "pnnkit.db");
        string moved = Path.Combine(_dir, "moved.db");
        File.Move(store, moved);
        Assert.Equal(2, Pnn.Run(_dir, "runs", "list").Code); // the default store is gone
        var rows = Json("runs", "list", "--store", moved, "--json");
        Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("run").GetString() == "stored");
        var report = Json("report", Path.Combine("runs", "stored"), "--out", "rep", "--json");
        Assert.StartsWith(Path.Combine("rep", "report"), report.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "rep", "report.html")));
    }

    [Theory]
    [InlineData("help", "--json")]
    [InlineData("train", "stray", "--config", "x.yaml")]
    [InlineData("robustness", "stray", "--design", "runs/x")]
    [InlineData("tour", "stray")]
    [InlineData("data", "list", "stray")]
    [InlineData("runs", "list", "stray")]
    public void StrayArguments_AreRefused_NotIgnored(params string[] args)
    {
        var (code, _, err) = Pnn.Run(_dir, args);
        Assert.Equal(2, code);
        Assert.Contains(args[0] == "help" ? "'--json'" : args[0] == "runs" ? "give list, or compare A B" : "'stray'", err, StringComparison.Ordinal);
    }
}
