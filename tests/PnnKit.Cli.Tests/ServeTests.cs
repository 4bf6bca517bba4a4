using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PnnKit.Cli.Tests;

/// <summary>`pnn serve` and a reproduction trained against it over the device protocol on 127.0.0.1.</summary>
public sealed partial class ServeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-serve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Config(string name) => Pnn.Repo("configs", "devices", name);

    // Starts `pnn serve` on a free port and returns it once the server prints its devices.
    private static (Process Server, int Port) Serve(string dir, string device, string tokenFile)
    {
        var p = Pnn.Start(dir, "serve", "--device", device, "--port", "0", "--token-file", tokenFile);
        int port = 0;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            string? line = p.StandardOutput.ReadLine();
            if (line is null)
            {
                throw new InvalidOperationException($"pnn serve exited: {p.StandardError.ReadToEnd()}");
            }
            var m = Served().Match(line);
            if (m.Success)
            {
                port = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            if (line.StartsWith("token:", StringComparison.Ordinal))
            {
                return (p, port);
            }
        }
        p.Kill(entireProcessTree: true);
        throw new TimeoutException("pnn serve did not start in a minute");
    }

    [GeneratedRegex(@"^serving grpc://127\.0\.0\.1:(\d+)/")]
    private static partial Regex Served();

    [Fact]
    public void PatPhotonic_TrainedAgainstPnnServe_GivesExactlyTheInProcessFigures()
    {
        string token = Path.Combine(_dir, "device.token");
        var (server, port) = Serve(_dir, Config("pat-photonic-chip.yaml"), token);
        try
        {
            Assert.True(File.Exists(token));
            var remote = Pnn.Run(_dir, "repro", "pat-photonic", "--quick", "--json", "--device", $"grpc://127.0.0.1:{port}/mesh", "--token-file", token);
            Assert.True(remote.Code == 0, remote.Err);
            var local = Pnn.Run(_dir, "repro", "pat-photonic", "--quick", "--json");
            Assert.True(local.Code == 0, local.Err);
            using var r = JsonDocument.Parse(remote.Out);
            using var l = JsonDocument.Parse(local.Out);
            // The served chip is the one the reproduction fabricates, its detector noise drawn from the same streams: equal, not close.
            foreach (string field in new[] { "physics_aware_on_chip", "physics_aware_on_model", "physics_aware_validation", "physics_aware_queries", "in_silico_on_chip", "in_situ_on_chip" })
            {
                Assert.Equal(l.RootElement.GetProperty(field).GetRawText(), r.RootElement.GetProperty(field).GetRawText());
            }

            var wrong = Path.Combine(_dir, "wrong.token");
            File.WriteAllText(wrong, "not-the-server-token-0000");
            var refused = Pnn.Run(_dir, "repro", "pat-photonic", "--quick", "--device", $"grpc://127.0.0.1:{port}/mesh", "--token-file", wrong);
            Assert.Equal(2, refused.Code);
            Assert.Contains("Unauthenticated", refused.Err, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
    }

    [Fact]
    public void InSituPhotonic_TrainedByTheGradientsAServedChipMeasures_GivesExactlyTheInProcessFigures()
    {
        // The repro's chip served with noise-free readings: the served gradients are the in-process protocol's, so equal, not close.
        string device = Path.Combine(_dir, "chip.yaml");
        File.WriteAllText(device, File.ReadAllText(Config("insitu-photonic-chip.yaml")).Replace("readings: measured", "readings: noise-free", StringComparison.Ordinal));
        string token = Path.Combine(_dir, "device.token");
        var (server, port) = Serve(_dir, device, token);
        try
        {
            var remote = Pnn.Run(_dir, "repro", "insitu-photonic", "--quick", "--json", "--device", $"grpc://127.0.0.1:{port}/chip", "--token-file", token);
            Assert.True(remote.Code == 0, remote.Err);
            var local = Pnn.Run(_dir, "repro", "insitu-photonic", "--quick", "--json", "--readings", "noise-free");
            Assert.True(local.Code == 0, local.Err);
            using var r = JsonDocument.Parse(remote.Out);
            using var l = JsonDocument.Parse(local.Out);
            Assert.Equal(l.RootElement.GetArrayLength(), r.RootElement.GetArrayLength());
            for (int i = 0; i < l.RootElement.GetArrayLength(); i++)
            {
                foreach (string field in new[] { "design_accuracy", "deployed_accuracy", "recovered_accuracy", "validation_accuracy" })
                {
                    Assert.Equal(l.RootElement[i].GetProperty(field).GetRawText(), r.RootElement[i].GetProperty(field).GetRawText());
                }
                // A served chip meters its own training; the in-process one is priced by the repro.
                Assert.False(r.RootElement[i].TryGetProperty("training", out var t) && t.ValueKind != JsonValueKind.Null);
                Assert.Equal(JsonValueKind.Object, l.RootElement[i].GetProperty("training").ValueKind);
            }
            // The retrained chip recovers from its fabrication errors (moons: 50 % deployed), so the equality is not of two failures.
            Assert.True(r.RootElement[0].GetProperty("recovered_accuracy").GetDouble() > 0.95, remote.Out[..200]);
            var refused = Pnn.Run(_dir, "repro", "insitu-photonic", "--quick", "--readings", "measured", "--device", $"grpc://127.0.0.1:{port}/chip", "--token-file", token);
            Assert.Equal(2, refused.Code);
            Assert.Contains("reads as its device file says", refused.Err, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
    }

    [Fact]
    public async Task TrainInSitu_OnAServedChip_SurvivesTheServerDyingMidEpoch_AndResumesToTheUninterruptedRun()
    {
        // A noise-free chip, so a resumed run can be compared exactly with one that was never interrupted.
        string device = Path.Combine(_dir, "chip.yaml");
        File.WriteAllText(device, File.ReadAllText(Config("insitu-photonic-chip.yaml")).Replace("readings: measured", "readings: noise-free", StringComparison.Ordinal));
        string config = Path.Combine(_dir, "moons.yaml");
        File.WriteAllText(config, File.ReadAllText(Pnn.Repo("configs", "photonic-moons-insitu.yaml"))
            .Replace("count: 2000", "count: 400", StringComparison.Ordinal).Replace("epochs: 20", "epochs: 6", StringComparison.Ordinal));
        string token = Path.Combine(_dir, "device.token");
        var (server, port) = Serve(_dir, device, token);
        string address = $"grpc://127.0.0.1:{port}/chip";
        var training = Pnn.Start(_dir, "train", "--config", config, "--runs-dir", "cut", "--device", address, "--token-file", token, "--json");
        var stdout = training.StandardOutput.ReadToEndAsync();
        // The server dies (a dropped connection, a crashed instrument PC) once two epochs are checkpointed.
        string? line;
        var err = new System.Text.StringBuilder();
        while ((line = training.StandardError.ReadLine()) is not null)
        {
            err.AppendLine(line);
            if (line.StartsWith("epoch 2/6", StringComparison.Ordinal))
            {
                server.Kill(entireProcessTree: true);
                server.WaitForExit();
            }
        }
        await training.WaitForExitAsync();
        Assert.NotEqual(0, training.ExitCode);
        string run = Path.Combine(_dir, "cut", "photonic-moons-insitu");
        Assert.Contains("stopped answering", err.ToString(), StringComparison.Ordinal);
        Assert.Contains($"pnn train --resume {Path.Combine("cut", "photonic-moons-insitu")}", err.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "checkpoint.bin")), err.ToString());
        Assert.InRange(File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length, 2, 5);

        // The device comes back (on another port: --device overrides the address the run saved); the run resumes from its
        // checkpoint, and a fresh run trains alongside.
        (server, port) = Serve(_dir, device, token);
        address = $"grpc://127.0.0.1:{port}/chip";
        try
        {
            var resumed = Pnn.Run(_dir, "train", "--resume", run, "--device", address, "--token-file", token, "--json");
            Assert.True(resumed.Code == 0, resumed.Err);
            var whole = Pnn.Run(_dir, "train", "--config", config, "--runs-dir", "whole", "--device", address, "--token-file", token, "--json");
            Assert.True(whole.Code == 0, whole.Err);
            using var r = JsonDocument.Parse(resumed.Out);
            using var w = JsonDocument.Parse(whole.Out);
            Assert.Equal(6, r.RootElement.GetProperty("epochs").GetInt32());
            Assert.Equal(w.RootElement.GetProperty("test_accuracy").GetRawText(), r.RootElement.GetProperty("test_accuracy").GetRawText());
            Assert.Equal(w.RootElement.GetProperty("test_loss").GetRawText(), r.RootElement.GetProperty("test_loss").GetRawText());
            Assert.Equal(File.ReadAllLines(Path.Combine(_dir, "whole", "photonic-moons-insitu", "metrics.jsonl")), File.ReadAllLines(Path.Combine(run, "metrics.jsonl")));
            // The device's use is counted in the result and the run store.
            var d = w.RootElement.GetProperty("device");
            Assert.Equal("in-situ", d.GetProperty("method").GetString());
            Assert.True(d.GetProperty("gradient_examples").GetInt64() > 0 && d.GetProperty("energy_joules").GetDouble() > 0, d.GetRawText());
            var runs = Pnn.Run(_dir, "runs", "list", "--json", "--store", Path.Combine(_dir, "whole", "pnnkit.db"));
            Assert.Contains("device_gradient_examples", runs.Out, StringComparison.Ordinal);
            Assert.True(w.RootElement.GetProperty("test_accuracy").GetDouble() > 0.8, whole.Out);

            // Offline, the recordings retrace both runs exactly: the interrupted one too (its lost partial epoch is superseded).
            foreach (var (name, expected) in new[] { ("whole", w), ("cut", r) })
            {
                var replayed = Pnn.Run(_dir, "train", "--replay", Path.Combine(_dir, name, "photonic-moons-insitu"), "--runs-dir", $"replay-{name}", "--json");
                Assert.True(replayed.Code == 0, replayed.Err);
                using var p = JsonDocument.Parse(replayed.Out);
                Assert.Equal(expected.RootElement.GetProperty("test_accuracy").GetRawText(), p.RootElement.GetProperty("test_accuracy").GetRawText());
                Assert.Equal(expected.RootElement.GetProperty("test_loss").GetRawText(), p.RootElement.GetProperty("test_loss").GetRawText());
                Assert.Equal(0, p.RootElement.GetProperty("device").GetProperty("unreplayed").GetInt64());
            }
            var recording = Pnn.Run(_dir, "runs", "recording", run, "--json");
            Assert.True(recording.Code == 0, recording.Err);
            Assert.Contains("\"sessions\":2", recording.Out, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
        _ = await stdout;
    }

    [Theory]
    [InlineData("device:\n  kind: photonic-mesh\n  variation: bogus\n", "device.variation: 'bogus' is not allowed; use one of: none, typical, mzi-si-thermo-optic, pat-photonic")]
    [InlineData("device:\n  modes: 1\n", "device.modes: must be in [2, 256], got 1")]
    [InlineData("device:\n  colour: red\n", "device.colour: unknown key")]
    [InlineData("devices: {}\n", "devices: unknown key")]
    [InlineData("device:\n  kind: attenuator-bank\n  port: 0\n", "device.port: must be in [1, 65535], got 0")]
    [InlineData("device:\n  kind: photonic-mesh-insitu\n  readings: noisy\n", "device.readings: 'noisy' is not allowed; use one of: measured, noise-free")]
    [InlineData("device:\n  kind: attenuator-bank\n  modes: 4\n", "device.modes: unknown key; allowed keys here: kind, name, host, port, timeout_ms")]
    public void Serve_RefusesAMalformedDeviceFile_NamingTheField(string yaml, string expected)
    {
        string file = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(file, yaml);
        var (code, _, err) = Pnn.Run(_dir, "serve", "--device", file, "--port", "0", "--token-file", Path.Combine(_dir, "t"));
        Assert.Equal(2, code);
        Assert.Contains(file, err, StringComparison.Ordinal);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("photonic-moons.yaml", true, "--device needs training.method: physics-aware, in-situ or spsa")]
    [InlineData("photonic-moons-insitu.yaml", false, "training.method: in-situ trains a device: give --device grpc://HOST:PORT/NAME")]
    public void Train_DeviceAndMethod_MustComeTogether_AndAMismatchLeavesNoRunBehind(string config, bool withDevice, string message)
    {
        string[] args = ["train", "--config", Pnn.Repo("configs", config), "--runs-dir", "runs"];
        var (code, _, err) = Pnn.Run(_dir, withDevice ? [.. args, "--device", "grpc://127.0.0.1:1/chip", "--token-file", "t"] : args);
        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "runs")), "a refused run left a run directory");
    }

    [Fact]
    public void Repro_WithAMalformedDeviceAddress_SaysTheForm()
    {
        var (code, _, err) = Pnn.Run(_dir, "repro", "pat-photonic", "--quick", "--device", "127.0.0.1:5077", "--token-file", "x");
        Assert.Equal(2, code);
        Assert.Contains("must read grpc://host:port/device", err, StringComparison.Ordinal);
    }
}
