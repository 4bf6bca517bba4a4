using System.Text.Json;

namespace PnnKit.Cli.Tests;

public sealed class EvalCostReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-eval-cost-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Eval_ReportsTopsPerWattAndTermShares_AndAmortisesACalibrationOnceRobustnessHasCostedIt()
    {
        File.WriteAllText(Path.Combine(_dir, "mem.yaml"), "name: mem-cost\ndata:\n  name: iris\nmodel:\n  substrate: memristive\n  hidden: [8]\ntraining:\n  epochs: 5\n  batch_size: 16\n  learning_rate: 0.02\n");
        Assert.Equal(0, Pnn.Run(_dir, "train", "--config", "mem.yaml", "--json").Code);
        string run = Path.Combine("runs", "mem-cost");

        var (code, stdout, err) = Pnn.Run(_dir, "eval", run, "--rate", "10", "--lifetime", "30d", "--json");
        Assert.True(code == 0, err);
        using var before = JsonDocument.Parse(stdout);
        var report = before.RootElement.GetProperty("cost_report");
        Assert.True(report.GetProperty("system_tops_per_watt").GetDouble() < report.GetProperty("core_tops_per_watt").GetDouble());
        var terms = report.GetProperty("terms").EnumerateArray().ToList();
        Assert.Equal(1, terms.Sum(t => t.GetProperty("share").GetDouble()), 9);
        Assert.Contains(terms, t => t.GetProperty("name").GetString() == "crossbar1 ADC");
        var excluded = report.GetProperty("excluded");
        Assert.Contains("pnn robustness", excluded.GetProperty("drift calibration").GetString(), StringComparison.Ordinal);
        Assert.True(excluded.TryGetProperty("retraining", out _));
        // Every parameter behind the figures is listed with its source and validity range (the ADC's among them).
        var used = before.RootElement.GetProperty("cost_parameters").EnumerateArray().ToList();
        Assert.Contains(used, q => q.GetProperty("model").GetString()!.Contains("ADC", StringComparison.OrdinalIgnoreCase));
        Assert.All(used, q => Assert.False(string.IsNullOrWhiteSpace(q.GetProperty("source").GetString()) || string.IsNullOrWhiteSpace(q.GetProperty("validity").GetString())));
        double systemBefore = report.GetProperty("system_energy").GetProperty("joules").GetDouble();

        Assert.Equal(0, Pnn.Run(_dir, "robustness", "--design", run, "--instances", "2", "--ages", "1d", "--policies", "none,global", "--json").Code);
        using var robustness = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, run, "robustness.json")));
        double perCalibration = robustness.RootElement.GetProperty("policies")[1].GetProperty("joules_per_calibration")[0].GetDouble();

        (code, stdout, err) = Pnn.Run(_dir, "eval", run, "--rate", "10", "--lifetime", "30d", "--calibrate-every", "1d", "--json");
        Assert.True(code == 0, err);
        using var after = JsonDocument.Parse(stdout);
        var calibration = after.RootElement.GetProperty("cost_report").GetProperty("terms").EnumerateArray()
            .Single(t => t.GetProperty("kind").GetString() == "amortised");
        // 30 daily calibrations over 10/s × 30 days.
        double expected = perCalibration * 30 / (10.0 * 30 * 86_400);
        Assert.Equal(expected, calibration.GetProperty("per_inference").GetProperty("joules").GetDouble(), expected * 1e-12);
        double systemAfter = after.RootElement.GetProperty("cost_report").GetProperty("system_energy").GetProperty("joules").GetDouble();
        Assert.Equal(systemBefore + expected, systemAfter, systemAfter * 1e-9);

        // The report shows eval's figures, with the amortised term.
        var (rc, _, rerr) = Pnn.Run(_dir, "report", run);
        Assert.True(rc == 0, rerr);
        string md = File.ReadAllText(Path.Combine(_dir, run, "report.md"));
        Assert.Contains("drift calibration (global, every 1d)", md, StringComparison.Ordinal);
        Assert.Contains("TOPS/W, system", md, StringComparison.Ordinal);
        Assert.Contains("retraining", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--rate", "0", "--rate")]
    [InlineData("--lifetime", "forever", "--lifetime")]
    [InlineData("--calibrate-every", "1d,2d", "--calibrate-every")]
    public void BadDeployment_ExitsWith2_NamingTheOption(string option, string value, string expected)
    {
        File.WriteAllText(Path.Combine(_dir, "d.yaml"), "name: d\ndata:\n  name: iris\nmodel:\n  hidden: [4]\ntraining:\n  epochs: 1\n");
        Assert.Equal(0, Pnn.Run(_dir, "train", "--config", "d.yaml", "--json").Code);
        var (code, _, err) = Pnn.Run(_dir, "eval", Path.Combine("runs", "d"), option, value);
        Assert.Equal(2, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }
}
