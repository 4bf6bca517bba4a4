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
    public void Tour_PrintsTheShortSuite_AcrossSubstrates_AndSavesItForRunsCompare()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "tour", "--json", "--runs-dir", _dir);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("task").GetString() + "/" + r.GetProperty("substrate").GetString());
        Assert.Equal(["iris/digital", "iris/resistor network", "mnist-subset/digital", "mnist-subset/memristive", "moons/digital", "moons/photonic", "sine-square/digital", "sine-square/spintronic"], rows.Keys);
        double Acc(string key, string field) => rows[key].GetProperty(field).GetDouble();
        Assert.True(Acc("iris/digital", "ideal_accuracy") >= 0.93, "Iris digital");
        Assert.True(Acc("mnist-subset/digital", "ideal_accuracy") >= 0.95, "MNIST digital");
        Assert.True(Acc("mnist-subset/memristive", "accuracy_after_one_day") > 0.85, "memristive after a day");
        Assert.True(Acc("moons/photonic", "instance_mean") < Acc("moons/photonic", "ideal_accuracy") - 0.05, "deployment should lose accuracy");
        Assert.True(Acc("moons/photonic", "deployed_accuracy") >= 0.9, "in-situ training should recover it");
        Assert.True(rows["moons/photonic"].GetProperty("physical_queries").GetInt64() > 0, "in-situ training reads detectors");
        foreach (var (key, r) in rows)
        {
            Assert.True(r.GetProperty("system_energy_joules").GetDouble() >= r.GetProperty("core_energy_joules").GetDouble(), key);
            // --json leaves out absent figures (a digital row has no match; a substrate may have none).
            if (r.TryGetProperty("digital_match", out var match))
            {
                Assert.True(match.GetProperty("accuracy").GetDouble() >= r.GetProperty("deployed_accuracy").GetDouble(), key);
            }
        }
        // 784·256 + 256·10 MACs at 4.6 pJ and 256 ReLU compares at 0.9 pJ (Horowitz 2014) per inference.
        Assert.Equal((((784 * 256) + (256 * 10)) * 4.6e-12) + (256 * 0.9e-12), Acc("mnist-subset/digital", "core_energy_joules"), 1e-15);
        Assert.True(File.Exists(doc.RootElement.GetProperty("suite_file").GetString()));
        Assert.Contains("<img", File.ReadAllText(doc.RootElement.GetProperty("report").GetString()!), StringComparison.Ordinal);
        var methods = doc.RootElement.GetProperty("methods").EnumerateArray().ToList();
        Assert.Contains(methods, m => m.GetProperty("training").GetString()!.StartsWith("SAM", StringComparison.Ordinal));

        var (listCode, list, listErr) = Pnn.Run(_dir, "runs", "list", "--json", "--store", Path.Combine(_dir, "pnnkit.db"));
        Assert.True(listCode == 0, listErr);
        using var stored = JsonDocument.Parse(list);
        var memristive = stored.RootElement.EnumerateArray().Single(r => r.GetProperty("metric").GetString() == "mnist-subset/memristive/deployed_accuracy");
        Assert.Equal(Acc("mnist-subset/memristive", "deployed_accuracy"), memristive.GetProperty("value").GetDouble());
        Assert.StartsWith("tour-", memristive.GetProperty("run").GetString(), StringComparison.Ordinal);
    }
}
