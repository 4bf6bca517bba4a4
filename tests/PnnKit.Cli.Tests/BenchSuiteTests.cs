using Microsoft.Data.Sqlite;
using PnnKit.Bench.Suite;
using PnnKit.Cli.Commands;
using PnnKit.Cli.Config;

namespace PnnKit.Cli.Tests;

public sealed class BenchSuiteTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-suite-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("extra")]
    [InlineData("--seed", "-1")]
    [InlineData("--seed", "many")]
    [InlineData("--bogus")]
    public void BadArguments_ExitTwo_NamingTheProblem(params string[] args)
    {
        var (code, _, err) = Pnn.Run(_dir, ["bench", "suite", .. args]);
        Assert.Equal(2, code);
        Assert.Contains("pnn bench suite", err, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchWithoutASubcommand_NamesSuiteAndPerf()
    {
        var (code, _, err) = Pnn.Run(_dir, "bench");
        Assert.Equal(2, code);
        Assert.Contains("suite", err, StringComparison.Ordinal);
        Assert.Contains("perf", err, StringComparison.Ordinal);
    }

    [Fact]
    public void SuiteDigitalRows_FollowTheShippedBaselineConfigs()
    {
        static void Same(ExperimentConfig c, DigitalMlpSettings s)
        {
            Assert.Equal(c.Hidden, s.Hidden);
            Assert.Equal(c.Epochs, s.Epochs);
            Assert.Equal(c.BatchSize, s.BatchSize);
            Assert.Equal(c.LearningRate, s.LearningRate);
            Assert.Equal(c.Dropout, s.Dropout);
            Assert.Equal(c.AugmentShift, s.AugmentShift);
            Assert.Equal("adam", c.Optimizer);
        }
        Same(TourCommand.IrisBaseline, BenchSuite.IrisDigital);
        Same(TourCommand.MnistBaseline, BenchSuite.MnistDigital);
    }
}
