using System.Text.Json;

namespace PnnKit.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(string name, string yaml)
    {
        string path = Path.Combine(_dir, name + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void BadConfig_ExitsWith2_AndAOneLineErrorNamingFileAndField()
    {
        string cfg = Config("bad", "training:\n  epochs: -3\n");
        var (code, _, err) = Pnn.Run(_dir, "train", "--config", cfg);
        Assert.Equal(2, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("bad.yaml:2", err, StringComparison.Ordinal);
        Assert.Contains("training.epochs", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "runs")));
    }

    [Fact]
    public void UnknownCommandOrOption_ExitsWith2()
    {
        Assert.Equal(2, Pnn.Run(_dir, "trian").Code);
        var (code, _, err) = Pnn.Run(_dir, "train", "--confg", "x.yaml");
        Assert.Equal(2, code);
        Assert.Contains("--config VALUE", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsEveryReproduction_TheUnknownNameErrorOffers()
    {
        var (code, help, _) = Pnn.Run(_dir, "--help");
        Assert.Equal(0, code);
        var (bad, _, err) = Pnn.Run(_dir, "repro", "no-such-repro");
        Assert.Equal(2, bad);
        string offered = err[(err.IndexOf("available: ", StringComparison.Ordinal) + "available: ".Length)..].Trim().TrimEnd('.');
        var names = offered.Split(", ");
        Assert.True(names.Length > 20, err);
        Assert.All(names, n => Assert.Contains(n, help, StringComparison.Ordinal));
    }

    [Fact]
    public void UnwritableRunDirectory_ExitsWith2_NamingThePath()
    {
        string cfg = Config("iris", "data: {name: iris}\ntraining: {epochs: 2}\n");
        string file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "x");
        var (code, _, err) = Pnn.Run(_dir, "train", "--config", cfg, "--runs-dir", Path.Combine(file, "runs"));
        Assert.Equal(2, code);
        Assert.Contains("a-file", err, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void MissingDataDirectory_ExitsWith2_NamingWhereItLooked()
    {
        string cfg = Config("mnist", "data: {name: mnist, dir: /nonexistent/pnnkit-data}\ntraining: {epochs: 1}\n");
        var (code, _, err) = Pnn.Run(_dir, "train", "--config", cfg);
        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/pnnkit-data", err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(_dir, "runs", "mnist")), "a failed start must not leave a run directory behind");
    }

    [Fact]
    public void ExistingRun_IsNotOverwritten()
    {
        string cfg = Config("iris", "data: {name: iris}\ntraining: {epochs: 2}\n");
        Assert.Equal(0, Pnn.Run(_dir, "train", "--config", cfg, "--json").Code);
        byte[] ckpt = File.ReadAllBytes(Path.Combine(_dir, "runs", "iris", "checkpoint.bin"));
        var (code, _, err) = Pnn.Run(_dir, "train", "--config", cfg);
        Assert.Equal(2, code);
        Assert.Contains("--resume", err, StringComparison.Ordinal);
        Assert.Equal(ckpt, File.ReadAllBytes(Path.Combine(_dir, "runs", "iris", "checkpoint.bin")));
    }

    [Fact]
    public void Train_WritesRunDirectory_AndEvalReproducesTheTestAccuracy()
    {
        string cfg = Config("iris", "data: {name: iris}\nmodel: {hidden: [16]}\ntraining: {epochs: 150, batch_size: 16, learning_rate: 0.01}\n");
        var (code, stdout, err) = Pnn.Run(_dir, "train", "--config", cfg, "--json");
        Assert.True(code == 0, err);
        using var train = JsonDocument.Parse(stdout);
        string run = Path.Combine(_dir, "runs", "iris");
        Assert.True(File.Exists(Path.Combine(run, "config.yaml")));
        Assert.True(File.Exists(Path.Combine(run, "result.json")));
        Assert.Equal(150, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);
        double acc = train.RootElement.GetProperty("test_accuracy").GetDouble();
        Assert.True(acc >= 0.9, $"iris test accuracy {acc}");
        // 150 flowers: 30 test (fraction 0.2), 12 of the other 120 held out for validation (fraction 0.1).
        SplitsJson.AssertSizes(train.RootElement, 108, 12, 30);
        using (var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "result.json"))))
        {
            SplitsJson.AssertSizes(written.RootElement, 108, 12, 30);
        }

        var (ecode, eout, eerr) = Pnn.Run(_dir, "eval", run, "--json");
        Assert.True(ecode == 0, eerr);
        using var eval = JsonDocument.Parse(eout);
        Assert.Equal(acc, eval.RootElement.GetProperty("test_accuracy").GetDouble());
        Assert.True(eval.RootElement.GetProperty("core_energy_per_inference_joules").GetDouble() > 0);
        SplitsJson.AssertSizes(eval.RootElement, 108, 12, 30);
    }

    [Fact]
    public void KilledRun_ResumedWithResume_EndsWithTheSameCheckpointAsAnUninterruptedRun()
    {
        // Big enough that an epoch takes a noticeable time, so the kill lands mid-run.
        const string yaml = "data: {name: mnist-subset, validation_fraction: 0.1, augment_shift: 2}\nmodel: {hidden: [256], dropout: 0.2}\ntraining: {epochs: 30, batch_size: 64, schedule: cosine}\n";
        string straight = Config("straight", yaml.Replace("data:", "name: run\ndata:", StringComparison.Ordinal));
        Assert.Equal(0, Pnn.Run(Path.Combine(_dir), "train", "--config", straight, "--runs-dir", "a").Code);

        string killed = Config("killed", yaml.Replace("data:", "name: run\ndata:", StringComparison.Ordinal));
        string runDir = Path.Combine(_dir, "b", "run");
        using (var p = Pnn.Start(_dir, "train", "--config", killed, "--runs-dir", "b"))
        {
            string metrics = Path.Combine(runDir, "metrics.jsonl");
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!(File.Exists(metrics) && File.ReadAllLines(metrics).Length >= 2) && !p.HasExited && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
            Assert.False(p.HasExited, "the run finished before it could be killed");
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
        int done = File.ReadAllLines(Path.Combine(runDir, "metrics.jsonl")).Length;
        Assert.InRange(done, 2, 29);

        var (code, _, err) = Pnn.Run(_dir, "train", "--resume", runDir);
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "a", "run", "checkpoint.bin")), File.ReadAllBytes(Path.Combine(runDir, "checkpoint.bin")));
        Assert.Equal(30, File.ReadAllLines(Path.Combine(runDir, "metrics.jsonl")).Length);
    }
}

public sealed class RunsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-runs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TrainedRuns_AreRecordedInTheStore_AndCompared()
    {
        File.WriteAllText(Path.Combine(_dir, "a.yaml"), "data: {name: iris}\ntraining: {epochs: 3}\n");
        File.WriteAllText(Path.Combine(_dir, "b.yaml"), "data: {name: iris}\ntraining: {epochs: 30}\n");
        Assert.Equal(0, Pnn.Run(_dir, "train", "--config", "a.yaml", "--json").Code);
        Assert.Equal(0, Pnn.Run(_dir, "train", "--config", "b.yaml", "--json").Code);
        var (code, stdout, err) = Pnn.Run(_dir, "runs", "compare", "a", "b", "--json");
        Assert.True(code == 0, err);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        var epochs = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("metric").GetString() == "epochs");
        Assert.Equal(3, epochs.GetProperty("a").GetDouble());
        Assert.Equal(30, epochs.GetProperty("b").GetDouble());
        Assert.Equal(2, Pnn.Run(_dir, "runs", "compare", "a", "nope").Code);
    }
}

public sealed class DataCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-data-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void List_AndInfo_DescribeTheBundledSets()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "data", "info", "mnist-subset", "--json");
        Assert.True(code == 0, err);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(8000, doc.RootElement.GetProperty("train").GetInt32());
        Assert.Equal(2000, doc.RootElement.GetProperty("test").GetInt32());
        var (lcode, lout, _) = Pnn.Run(_dir, "data", "list", "--json");
        Assert.Equal(0, lcode);
        Assert.Contains("fashion-mnist", lout, StringComparison.Ordinal);
    }

    [Fact]
    public void Cifar10_IsListed_InfoPrintsItFromADataDir_AndWithoutDataExits2NamingTheFetchCommand()
    {
        // Two records per batch file, in the CIFAR-10 binary layout (label byte, then 3,072 pixel bytes).
        string batches = Path.Combine(_dir, "cifar", "cifar-10-batches-bin");
        Directory.CreateDirectory(batches);
        foreach (string f in new[] { "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin" })
        {
            var bytes = new byte[2 * 3073];
            bytes[0] = 3;
            bytes[3073] = 9;
            File.WriteAllBytes(Path.Combine(batches, f), bytes);
        }
        var (lcode, lout, _) = Pnn.Run(_dir, "data", "list");
        Assert.Equal(0, lcode);
        Assert.Contains("cifar-10", lout, StringComparison.Ordinal);

        var (code, stdout, err) = Pnn.Run(_dir, "data", "info", "cifar-10", "--data-dir", Path.Combine(_dir, "cifar"));
        Assert.True(code == 0, err);
        Assert.Contains("cifar-10: CIFAR-10, 50,000 train / 10,000 test", stdout, StringComparison.Ordinal);
        Assert.Contains("10 train / 2 test examples, 3072 features, 10 classes", stdout, StringComparison.Ordinal);
        Assert.Contains("train examples per class: 0, 0, 0, 5, 0, 0, 0, 0, 0, 5", stdout, StringComparison.Ordinal);

        string empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;
        var (ecode, _, eerr) = Pnn.Run(_dir, "data", "info", "cifar-10", "--data-dir", empty);
        Assert.Equal(2, ecode);
        Assert.Contains("pnn data fetch cifar-10 --to DIR", eerr, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(empty, "cifar-10-batches-bin"), eerr, StringComparison.Ordinal);
    }

    [Fact]
    public void Fetch_FromAnUnreachableMirror_ExitsWith2_AndKeepsNothingHalfWritten()
    {
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        var (code, _, err) = Pnn.Run(_dir, "data", "fetch", "mnist", "--to", Path.Combine(_dir, "mnist"), "--mirror", "http://127.0.0.1:9/");
        Assert.Equal(2, code);
        Assert.Contains("127.0.0.1", err, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(Path.Combine(_dir, "mnist")) ? Directory.GetFiles(Path.Combine(_dir, "mnist"), "*.gz") : []);
    }
}
