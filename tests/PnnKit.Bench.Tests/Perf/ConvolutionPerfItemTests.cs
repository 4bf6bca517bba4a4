using PnnKit.Bench.Perf;

namespace PnnKit.Bench.Tests.Perf;

/// <summary>
/// The LeNet-5 epoch and ResNet-8 forward items: their quick forms run and name their rows, and a
/// PyTorch figure is judged against each item's target constant (no wall-clock assertions: a stand-in
/// interpreter gives PyTorch's times).
/// </summary>
public class ConvolutionPerfItemTests
{
    private static PerfContext Quick(params int[] threads) =>
        new(new PerfOptions { Quick = true, WarmUp = 0, Repetitions = 1, Threads = threads, IncludePythonBaselines = false }, TextWriter.Null);

    [Fact]
    public void LeNetEpochItem_ReportsOneEpochTimePerThreadCount_WithoutPython()
    {
        var results = new LeNetEpochPerfItem(samples: 256, batch: 64).Run(Quick(1, 2)).ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal("ms", r.Unit);
            Assert.True(r.Value > 0 && double.IsFinite(r.Value!.Value));
            Assert.Null(r.Pass);
        });
        Assert.Equal("LeNet-5 epoch (256 samples 1×28×28, batch 64), 1 thread", results[0].Name);
        Assert.EndsWith(", 2 threads", results[1].Name, StringComparison.Ordinal);
    }

    [Fact]
    public void LeNetEpochItem_Quick_TrainsOnTheQuickSampleCount()
    {
        var quick = new LeNetEpochPerfItem(samples: 8000, quickSamples: 96).Run(Quick(1)).Single();
        Assert.StartsWith("LeNet-5 epoch (96 samples", quick.Name, StringComparison.Ordinal);
        var full = new PerfContext(new PerfOptions { WarmUp = 0, Repetitions = 1, Threads = [1], IncludePythonBaselines = false }, TextWriter.Null);
        Assert.StartsWith("LeNet-5 epoch (64 samples", new LeNetEpochPerfItem(samples: 64, quickSamples: 32).Run(full).Single().Name, StringComparison.Ordinal);
    }

    [Fact]
    public void ResNet8ForwardItem_ReportsOneBatchTimePerThreadCount_WithoutPython()
    {
        var results = new ResNet8ForwardPerfItem(batch: 4).Run(Quick(1, 2)).ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal("ms", r.Unit);
            Assert.True(r.Value > 0 && double.IsFinite(r.Value!.Value));
            Assert.Null(r.Pass);
        });
        Assert.Equal("ResNet-8 forward (batch 4 × 3×32×32, eval), 1 thread", results[0].Name);
    }

    [Fact]
    public void ResNet8Model_MapsCifarImagesToTenLogits()
    {
        var model = ResNet8ForwardPerfItem.Model(new Core.Random.Rng(2));
        var x = new Core.Tensors.Tensor<float>(2, 3, 32, 32);
        var y = model.Forward(x, Core.Layers.ForwardContext.Eval());
        Assert.Equal([2, 10], y.Shape.ToArray());
        // 3 stem + 3 blocks of 2 convolutions, 2 of them with a 1×1 projection, + the linear layer; BN γ, β each.
        Assert.Equal(1 + 6 + 2 + 1, model.Parameters.Count(p => p.Name == "weight"));
    }

    public static TheoryData<string> Items => ["lenet", "resnet"];

    private static (IPerfItem Item, double Target) Make(string which) => which == "lenet"
        ? (new LeNetEpochPerfItem(samples: 64, batch: 64), LeNetEpochPerfItem.TorchTarget)
        : (new ResNet8ForwardPerfItem(batch: 2), ResNet8ForwardPerfItem.TorchTarget);

    [Theory]
    [MemberData(nameof(Items))]
    public void TorchRow_IsJudgedAgainstTheItemsTarget(string which)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the stand-in interpreters are shell scripts
        }
        var (item, target) = Make(which);
        // A PyTorch that takes 1000 s passes; one that takes a nanosecond fails.
        foreach (var (seconds, pass) in new[] { ("1000.0", true), ("1e-9", false) })
        {
            string python = PerfVerdictTests.FakeInterpreter($"echo '{{\"torch\": \"stand-in\", \"threads\": 1, \"min\": {seconds}, \"median\": {seconds}}}'");
            var context = new PerfContext(new PerfOptions { Quick = true, WarmUp = 0, Repetitions = 1, Threads = [1], Python = python }, TextWriter.Null);
            var row = item.Run(context).Single();
            Assert.Equal($"≤ {target:F1}", row.Target);
            // Relative: against a nanosecond PyTorch the ratio is ~1e8, where 9 decimal places are below double precision.
            double expected = row.Value!.Value * 1e-3 / double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(expected, row.Ratio!.Value, tolerance: 1e-12 * expected);
            Assert.Equal(row.Ratio <= target, row.Pass);
            Assert.Equal(pass, row.Pass);
            Assert.Contains("PyTorch min", row.Detail, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void WithoutTorch_TheRowKeepsOurFigure_AndSaysHowToInstallIt(string which)
    {
        var (item, _) = Make(which);
        var context = new PerfContext(new PerfOptions { Quick = true, WarmUp = 0, Repetitions = 1, Threads = [1], Python = "/nonexistent/python3" }, TextWriter.Null);
        var row = item.Run(context).Single();
        Assert.True(row.IsSkipped);
        Assert.Equal("PyTorch not installed (apt-get install python3-torch)", row.Reason);
        Assert.True(row.Value > 0);
        Assert.Null(row.Ratio);
        Assert.Null(row.Pass);
        var table = new StringWriter();
        new PerfReport([row], context.Notes).WriteTable(table);
        Assert.Contains("skipped: PyTorch not installed (apt-get install python3-torch)", table.ToString(), StringComparison.Ordinal);
    }
}
