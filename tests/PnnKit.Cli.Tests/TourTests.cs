using System.Text.Json;
using PnnKit.Cli.Commands;
using PnnKit.Cli.Config;

namespace PnnKit.Cli.Tests;

public sealed class TourTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-tour-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Repo([System.Runtime.CompilerServices.CallerFilePath] string here = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    [Fact]
    public void ShippedBaselineConfigs_AreTheToursBaselines()
    {
        var mnist = ExperimentConfig.Load(Path.Combine(Repo(), "configs", "digital-mnist-mlp.yaml"));
        Assert.Equal(TourCommand.MnistBaseline with { Hidden = [], WeightMax = [] }, mnist with { Hidden = [], WeightMax = [] });
        Assert.Equal(TourCommand.MnistBaseline.Hidden, mnist.Hidden);
        var iris = ExperimentConfig.Load(Path.Combine(Repo(), "configs", "digital-iris-mlp.yaml"));
        Assert.Equal(TourCommand.IrisBaseline with { Hidden = [], WeightMax = [] }, iris with { Hidden = [], WeightMax = [] });
    }

    [Fact]
    [Trait("Category", "Long")]
    public void Tour_TrainsTheDigitalBaselines_ToTheirTargetAccuracies_WithCostedEnergy()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "tour", "--json", "--runs-dir", _dir);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("data").GetString()!);
        double iris = results["iris"].GetProperty("test_accuracy").GetDouble();
        double mnist = results["mnist-subset"].GetProperty("test_accuracy").GetDouble();
        Assert.True(iris >= 0.93, $"Iris test accuracy {iris}");
        Assert.True(mnist >= 0.95, $"MNIST subset test accuracy {mnist}");
        Assert.Equal(2000, results["mnist-subset"].GetProperty("test_count").GetInt32());
        var mem = doc.RootElement.GetProperty("memristive");
        double day = mem.GetProperty("ages").EnumerateArray().Single(a => a.GetProperty("age_seconds").GetDouble() == 86_400).GetProperty("mean").GetDouble();
        Assert.True(day > 0.85, $"memristive accuracy at 1 day {day}");
        Assert.True(mem.GetProperty("system_energy_per_inference_joules").GetDouble() > mem.GetProperty("core_energy_per_inference_joules").GetDouble());
        var pho = doc.RootElement.GetProperty("photonic");
        Assert.True(pho.GetProperty("design_accuracy").GetDouble() >= 0.9);
        Assert.True(pho.GetProperty("deployed_accuracy").GetDouble() < pho.GetProperty("design_accuracy").GetDouble() - 0.05, "deployment should lose accuracy");
        Assert.True(pho.GetProperty("recovered_accuracy").GetDouble() >= 0.9, "in-situ training should recover it");
        // 784·256 + 256·10 MACs at 4.6 pJ and 256 ReLU compares at 0.9 pJ (Horowitz 2014) per inference.
        Assert.Equal((((784 * 256) + (256 * 10)) * 4.6e-12) + (256 * 0.9e-12), results["mnist-subset"].GetProperty("core_energy_per_inference_joules").GetDouble(), 1e-15);
    }
}
