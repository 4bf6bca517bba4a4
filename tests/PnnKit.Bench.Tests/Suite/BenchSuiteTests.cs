using PnnKit.Bench.Suite;
using PnnKit.Spintronics;

namespace PnnKit.Bench.Tests.Suite;

public sealed class BenchSuiteTests
{
    private static readonly DigitalMlpSettings Small = new([8], 30, 16, 1e-2);

    [Fact]
    public void DigitalMlp_IsCostedAtHorowitzEnergiesPerInference_AtEachDeployedPrecision()
    {
        var iris = SuiteTask.Iris(1);
        var all = DigitalMlp.Train(iris, Small, 1);
        Assert.Equal(["fp32", "fp16", "int8"], all.Select(r => r.PrecisionName));
        var r = all[0];
        const int macs = (4 * 8) + (8 * 3);
        // Core: 4·8 + 8·3 MACs at 3.7 + 0.9 pJ (fp32) and 8 ReLU compares at 0.9 pJ (Horowitz 2014).
        Assert.Equal(1, r.CoreEnergyJoules / ((macs * 4.6e-12) + (8 * 0.9e-12)), 12);
        // System adds the weight and bias words read from SRAM (100 pJ per 64 bits) once per batch of 16 over 30 test rows.
        double words = (4 * 8) + 8 + (8 * 3) + 3;
        double batches = Math.Ceiling(iris.Test.Count / 16.0);
        Assert.Equal(1, r.SystemEnergyJoules / (r.CoreEnergyJoules + (words * 50e-12 * batches / iris.Test.Count)), 12);
        Assert.Equal((4 * 8) + 8 + (8 * 3) + 3, r.Parameters);
        // fp16: 1.1 + 0.4 pJ per MAC, 0.4 pJ per compare, 2-byte words.
        Assert.Equal(1, all[1].CoreEnergyJoules / ((macs * 1.5e-12) + (8 * 0.4e-12)), 12);
        Assert.Equal(1, all[1].SystemEnergyJoules / (all[1].CoreEnergyJoules + (words * 25e-12 * batches / iris.Test.Count)), 12);
        // int8: 0.2 + 0.03 pJ per MAC, 0.03 pJ per compare, 3.1 pJ to requantize each of the 8 hidden activations (the input arrives as codes), 1-byte words.
        Assert.Equal(1, all[2].CoreEnergyJoules / ((macs * 0.23e-12) + (8 * 0.03e-12) + (8 * 3.1e-12)), 12);
        Assert.Equal(1, all[2].SystemEnergyJoules / (all[2].CoreEnergyJoules + (words * 12.5e-12 * batches / iris.Test.Count)), 12);
        Assert.Equal(r.Static.FootprintBytes / 4, all[2].Static.FootprintBytes);
        // Validation is the 24 held-out flowers, never the test ones; on Iris quantization costs at most a flower or two.
        Assert.Equal(24, iris.Validation.Count);
        Assert.Equal(30, iris.Test.Count);
        Assert.InRange(r.ValidationAccuracy, 0.8, 1);
        Assert.InRange(r.Accuracy, 0.85, 1);
        Assert.Equal(r.Accuracy, all[1].Accuracy, 12);
        Assert.InRange(all[2].Accuracy, r.Accuracy - (2 / 30.0) - 1e-9, r.Accuracy + (2 / 30.0) + 1e-9);
    }

    [Fact]
    public void Task_PutsTheDigitalRowsFirst_AndSizesTheCheapestDigitalMlpToEachSubstrateRowOnValidation()
    {
        var iris = SuiteTask.Iris(1);
        var reachable = new SuiteRow("iris", "fake", "m", 0.5, 0, null, null, null, 0.5, null, "no drift model", 1e-12, 2e-12, null, "t", null, 1, null, null, null);
        var rows = BenchSuite.Task(iris, Small, 1, [reachable, reachable with { Substrate = "perfect", DeployedAccuracy = 1 }]).ToList();
        Assert.Equal(["digital", "digital", "digital", "fake", "perfect"], rows.Select(r => r.Substrate));
        Assert.Equal(["fp32", "fp16", "int8", null, null], rows.Select(r => r.Precision));
        Assert.All(rows.Take(3), r => Assert.Equal(new Core.Data.SplitSizes(96, 24, 30), r.Splits));
        Assert.NotNull(rows[0].Static);
        // The match is, per precision, the first width (1, 2, 4, …) whose validation accuracy reaches the target; the cheapest of them wins.
        var match = rows[3].DigitalMatch!;
        var again = DigitalMlp.Train(iris, Small.WithWidth(match.Hidden), 1).Single(r => r.PrecisionName == match.Precision);
        Assert.Equal(again.ValidationAccuracy, match.ValidationAccuracy);
        Assert.Equal(again.Accuracy, match.Accuracy);
        Assert.True(match.ValidationAccuracy >= 0.5);
        if (match.Hidden > 1)
        {
            Assert.True(DigitalMlp.Train(iris, Small.WithWidth(match.Hidden / 2), 1).Single(r => r.PrecisionName == match.Precision).ValidationAccuracy < 0.5);
        }
        var fp32 = rows[3].DigitalMatchFp32!;
        Assert.Equal("fp32", fp32.Precision);
        Assert.True(match.SystemEnergyJoules <= fp32.SystemEnergyJoules);
        Assert.Equal(match.SystemEnergyJoules / 2e-12, rows[3].EfficiencyVsDigital!.Value, 9);
        Assert.Equal(fp32.SystemEnergyJoules / 2e-12, rows[3].EfficiencyVsFp32!.Value, 9);
        // 100 % on 24 validation flowers is either reached by some width (then it scores 100 % there) or by none.
        Assert.True(rows[4].DigitalMatch is null ? rows[4].EfficiencyVsDigital is null : rows[4].DigitalMatch!.ValidationAccuracy == 1);
    }

    [Fact]
    public void Task_OverSeveralSeeds_AveragesEachRow_AndMatchesOnTheMeanValidationAccuracy()
    {
        var replicas = new ulong[] { 1, 2, 3 }.Select(s => new BenchSuite.SuiteReplica(SuiteTask.Iris(s), s,
            [new SuiteRow("iris", "fake", "m", 0.9, 0, null, null, null, 0.8 + (0.05 * s), null, "no drift model", 1e-12, 2e-12, null, "t", null, 1, null, null, null)])).ToList();
        var rows = BenchSuite.Task(replicas, Small);
        var fake = rows[3];
        Assert.Equal(0.90, fake.DeployedAccuracy, 12); // 0.85, 0.90, 0.95
        Assert.Equal(0.05, fake.DeployedStd!.Value, 12);
        Assert.Equal([1UL, 2UL, 3UL], fake.Seeds);
        var perSeed = new ulong[] { 1, 2, 3 }.Select(s => DigitalMlp.Train(SuiteTask.Iris(s), Small, s)[0].Accuracy).ToArray();
        Assert.Equal(perSeed.Average(), rows[0].DeployedAccuracy, 12);
        var m = fake.DigitalMatch!;
        double meanValidation = new ulong[] { 1, 2, 3 }.Average(s => DigitalMlp.Train(SuiteTask.Iris(s), Small.WithWidth(m.Hidden), s).Single(r => r.PrecisionName == m.Precision).ValidationAccuracy);
        Assert.Equal(meanValidation, m.ValidationAccuracy, 12);
        Assert.True(m.ValidationAccuracy >= 0.90);
    }

    [Fact]
    public void SineSquareTask_FeaturesAreTheLastEightInputs_AlignedWithTheReservoirSplit()
    {
        var task = SuiteTask.SineSquare(21);
        var (u, y) = SineSquareTask.Generate(300, new Core.Random.Rng(21).Split("task"));
        int trainEnd = 150 * SineSquareTask.SamplesPerPeriod;
        int validation = (int)Math.Round(0.2 * (trainEnd - 16));
        Assert.Equal(trainEnd - 16 - validation, task.Train.Count);
        Assert.Equal(validation, task.Validation.Count);
        // Validation is the end of the training range, one block: its first window starts where training stops.
        Assert.Equal((float)u[trainEnd - validation], task.Validation.Features[0, 0]);
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
        Assert.Equal(0.80, r.IdealAccuracy, 0.034); // seed 1's 30 test flowers (as pnn repro mechanical-insitu's seed 1)
        Assert.Equal(new Core.Data.SplitSizes(96, 24, 30), r.Splits);
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
