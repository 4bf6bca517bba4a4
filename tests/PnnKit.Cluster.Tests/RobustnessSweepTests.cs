using PnnKit.Cli.Commands;

namespace PnnKit.Cluster.Tests;

public sealed class RobustnessSweepTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-cluster-robustness-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void RobustnessItems_OnAnInProcessSilo_EqualTheSingleProcessLoop_InAnyOrder()
    {
        string run = Pnn.TrainMemristive(_dir, "mem-iris");
        var spec = new RobustnessSpec(run, 4, [1, 365 * 86_400], 300, ["none", "global", "retrain"], 7, 32);
        var sweep = RobustnessSweep.Plan(spec);
        Assert.Equal(3 * 2 * 4, sweep.Items.Count);
        var local = SweepRunner.Local(sweep, new RobustnessSweep());
        // Each item is seeded from (seed, instance) alone: evaluated backwards on one model copy, every result is the same.
        var backwards = SweepRunner.Local(sweep with { Items = [.. sweep.Items.Reverse()] }, new RobustnessSweep()).Reverse().ToList();
        Assert.Equal(local, backwards);
        var onSilo = SweepRunner.InProcess(sweep, [new RobustnessSweep()]);
        Assert.Equal(local, onSilo);
        // Not all equal: drift and retraining change the accuracies, so equality above is not trivial.
        Assert.True(local.Distinct().Count() > 3, string.Join(" ", local));
    }
}
