using PnnKit.Bench.Suite;
using PnnKit.Spintronics;

namespace PnnKit.Bench.Tests.Suite;

public sealed class BenchSuiteTests
{
    private static readonly DigitalMlpSettings Small = new([8], 30, 16, 1e-2);

    [Fact]
    public void DigitalMlp_IsCostedAtHorowitzEnergiesPerInference()
    {
        var iris = SuiteTask.Iris(1);
        var r = DigitalMlp.Train(iris, Small, 1);
        // Core: 4·8 + 8·3 MACs at 3.7 + 0.9 pJ (fp32) and 8 ReLU compares at 0.9 pJ (Horowitz 2014).
        Assert.Equal(1, r.CoreEnergyJoules / ((((4 * 8) + (8 * 3)) * 4.6e-12) + (8 * 0.9e-12)), 12);
        // System adds the weight and bias words read from SRAM (100 pJ per 64 bits) once per batch of 16 over 30 test rows.
        double words = (4 * 8) + 8 + (8 * 3) + 3;
        double batches = Math.Ceiling(iris.Test.Count / 16.0);
        Assert.Equal(1, r.SystemEnergyJoules / (r.CoreEnergyJoules + (words * 50e-12 * batches / iris.Test.Count)), 12);
        Assert.Equal((4 * 8) + 8 + (8 * 3) + 3, r.Parameters);
        Assert.True(r.Accuracy > 0.8, $"Iris accuracy {r.Accuracy}");
    }

    [Fact]
    public void Task_PutsTheDigitalRowFirst_AndSizesADigitalMlpToEachSubstrateRow()
    {
        var iris = SuiteTask.Iris(1);
        var reachable = new SuiteRow("iris", "fake", "m", 0.5, 0, null, null, null, 0.5, null, "no drift model", 1e-12, 2e-12, null, "t", null, 1, null, null, null);
        var rows = BenchSuite.Task(iris, Small, 1, [reachable, reachable with { Substrate = "perfect", DeployedAccuracy = 1 }]).ToList();
        Assert.Equal(["digital", "fake", "perfect"], rows.Select(r => r.Substrate));
        Assert.NotNull(rows[0].Static);
        // The match is the first width (1, 2, 4, …) whose own training reaches the target: retrain it and check.
        var match = rows[1].DigitalMatch!;
        var again = DigitalMlp.Train(iris, Small.WithWidth(match.Hidden), 1);
        Assert.Equal(again.Accuracy, match.Accuracy);
        Assert.True(match.Accuracy >= 0.5);
        if (match.Hidden > 1)
        {
            Assert.True(DigitalMlp.Train(iris, Small.WithWidth(match.Hidden / 2), 1).Accuracy < 0.5);
        }
        Assert.Equal(match.SystemEnergyJoules / 2e-12, rows[1].EfficiencyVsDigital!.Value, 9);
        // 100 % on 30 flowers is either reached by some width (then that width scores 100 %) or by none.
        Assert.True(rows[2].DigitalMatch is null ? rows[2].EfficiencyVsDigital is null : rows[2].DigitalMatch!.Accuracy == 1);
    }

    [Fact]
    public void SineSquareTask_FeaturesAreTheLastEightInputs_AlignedWithTheReservoirSplit()
    {
        var task = SuiteTask.SineSquare(21);
        var (u, y) = SineSquareTask.Generate(300, new Core.Random.Rng(21).Split("task"));
        int trainEnd = 150 * SineSquareTask.SamplesPerPeriod;
        Assert.Equal(trainEnd - 16, task.Train.Count);
        Assert.Equal(u.Length - trainEnd, task.Test.Count);
        for (int t = 0; t < task.Test.Count; t += 37)
        {
            int s = trainEnd + t;
            Assert.Equal((int)y[s], task.Test.Labels![t]);
            for (int k = 0; k < SineSquareTask.SamplesPerPeriod; k++)
            {
                Assert.Equal((float)u[s - k], task.Test.Features[t, k]);
            }
        }
        // Row 0 of training is sample 16: its window reaches back to sample 9.
        Assert.Equal((float)u[9], task.Train.Features[0, 7]);
    }
}

public sealed class SubstrateRowsTests
{
    [Fact]
    public void SpringRow_CopiesOfTheTrainedLatticeAreSummarisedConsistently()
    {
        var r = SubstrateRows.Spring(1, quick: true);
        Assert.Equal("iris", r.Task);
        Assert.Equal(10, r.Instances);
        Assert.True(r.InstanceWorst <= r.InstanceP5 && r.InstanceP5 <= r.InstanceMean && r.InstanceMean <= 1, $"{r.InstanceWorst} {r.InstanceP5} {r.InstanceMean}");
        Assert.Equal(r.InstanceMean, r.DeployedAccuracy);
        Assert.True(r.IdealAccuracy > 0.85, $"ideal {r.IdealAccuracy}");
        // The passive lattice draws nothing itself; actuators and the camera are converters.
        Assert.Equal(0, r.CoreEnergyJoules);
        Assert.True(r.SystemEnergyJoules > 0);
        Assert.Equal(MechanicalIrisBonds, r.Parameters);
        Assert.True(r.PhysicalQueries >= 400, $"{r.PhysicalQueries} equilibria for 400 in-situ steps");
        Assert.Null(r.AccuracyAfterOneDay);
    }

    // The 14-node lattice of rows 5/4/3/2: 4 + 3 + 2 + 1 horizontal bonds and 2·(4 + 3 + 2) between rows.
    private const int MechanicalIrisBonds = 10 + 18;
}
