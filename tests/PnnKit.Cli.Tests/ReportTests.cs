using System.Text.Json;
using System.Text.RegularExpressions;

namespace PnnKit.Cli.Tests;

public sealed partial class ReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-report-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [GeneratedRegex("<img [^>]*src=\"data:image/png;base64,")]
    private static partial Regex EmbeddedPng();

    [Fact]
    public void Report_OfATrainedRobustnessRun_WithSuiteRows_WritesHtmlWithEveryPlot_AndMarkdown()
    {
        File.WriteAllText(Path.Combine(_dir, "iris.yaml"), "name: iris-report\ndata:\n  name: iris\nmodel:\n  hidden: [8]\ntraining:\n  epochs: 20\n  batch_size: 16\n  learning_rate: 0.02\n");
        Assert.Equal(0, Pnn.Run(_dir, "train", "--config", "iris.yaml", "--json").Code);
        string run = Path.Combine("runs", "iris-report");
        var (rc, _, rerr) = Pnn.Run(_dir, "robustness", "--design", run, "--instances", "2", "--ages", "1s,1d", "--json");
        Assert.True(rc == 0, rerr);
        // Suite rows as another command writes them: the report reads them tolerantly.
        File.WriteAllText(Path.Combine(_dir, run, "suite.json"), """
            [{"task":"iris","substrate":"digital","ideal_accuracy":0.97,"mean_accuracy":0.97,"p5_accuracy":0.97,"accuracy_1_day":0.97,"core_energy_joules":1e-9,"system_energy_joules":5e-9,"latency_seconds":1e-7,"method":"backprop","queries":0,"parameters":67},
             {"task":"iris","substrate":"memristive","ideal_accuracy":0.93,"mean_accuracy":0.9,"p5_accuracy":0.85,"accuracy_1_day":0.88,"core_energy_joules":2e-10,"system_energy_joules":3e-9,"latency_seconds":4e-7,"method":"hardware-aware","queries":0,"parameters":67}]
            """);

        var (code, stdout, err) = Pnn.Run(_dir, "report", run, "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        string html = File.ReadAllText(Path.Combine(_dir, doc.RootElement.GetProperty("html").GetString()!));
        // Accuracy over age, over instances, energy terms, one Pareto front (one task).
        Assert.Equal(4, EmbeddedPng().Count(html));
        Assert.Contains("iris-report", html, StringComparison.Ordinal);
        Assert.Contains("memristive", html, StringComparison.Ordinal);
        string md = File.ReadAllText(Path.Combine(_dir, doc.RootElement.GetProperty("markdown").GetString()!));
        Assert.Equal(4, doc.RootElement.GetProperty("images").GetArrayLength());
        foreach (var image in doc.RootElement.GetProperty("images").EnumerateArray())
        {
            string path = Path.Combine(_dir, image.GetString()!);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(path)[..4]);
            Assert.Contains($"]({Path.GetFileName(path)})", md, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Report_OfADirectoryWithNothingInIt_ExitsWith2_NamingIt()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "empty"));
        var (code, _, err) = Pnn.Run(_dir, "report", "empty");
        Assert.Equal(2, code);
        Assert.Contains("empty", err, StringComparison.Ordinal);
        Assert.Contains("result.json", err, StringComparison.Ordinal);
        Assert.Equal(2, Pnn.Run(_dir, "report").Code);
    }
}
