using System.Text.Json;

namespace PnnKit.Cli.Tests;

public sealed class RobustnessRetrainTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-retrain-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string TrainMemristiveIris()
    {
        File.WriteAllText(Path.Combine(_dir, "mem.yaml"), "name: mem\ndata:\n  name: iris\nmodel:\n  substrate: memristive\n  training_noise: 1.0\n  hidden: [16]\ntraining:\n  epochs: 60\n  batch_size: 16\n  learning_rate: 0.01\n");
        var (code, _, err) = Pnn.Run(_dir, "train", "--config", "mem.yaml", "--json");
        Assert.True(code == 0, err);
        return Path.Combine("runs", "mem");
    }

    [Fact]
    public void RetrainingFromABudgetOfQueries_RecoversAYearOfDrift_SpendingExactlyTheBudget_ReproduciblyFromTheSeed()
    {
        string run = TrainMemristiveIris();
        string[] args = ["robustness", "--design", run, "--instances", "6", "--ages", "1s,1y", "--policies", "none,retrain", "--retrain-budget", "40", "--json"];
        var (code, stdout, err) = Pnn.Run(_dir, args);
        Assert.True(code == 0, err);
        Assert.Equal(stdout, Pnn.Run(_dir, args).Out); // instances, reads and the retraining draws all derive from the seed

        using var doc = JsonDocument.Parse(stdout);
        var policies = doc.RootElement.GetProperty("policies");
        Assert.Equal("retrain", policies[1].GetProperty("policy").GetString());
        double Mean(int policy, int age) => policies[policy].GetProperty("ages")[age].GetProperty("mean").GetDouble();
        // A year of uncompensated drift costs accuracy; 40 labelled queries per instance win most of it back.
        Assert.True(Mean(0, 1) < Mean(0, 0) - 0.1, $"drift should hurt: {Mean(0, 0)} → {Mean(0, 1)}");
        Assert.True(Mean(1, 1) > Mean(0, 1) + 0.1, $"retraining should recover: {Mean(1, 1)} vs {Mean(0, 1)}");
        // What the instances counted: 40 queries × 6 instances × 2 ages, none for the policy that does nothing.
        Assert.Equal(40, policies[1].GetProperty("queries_per_retraining").GetInt64());
        Assert.Equal(40 * 6 * 2, policies[1].GetProperty("total_queries").GetInt64());
        Assert.Equal(0, policies[0].GetProperty("total_queries").GetInt64());
        Assert.All(policies[1].GetProperty("joules_per_retraining").EnumerateArray(), j => Assert.True(j.GetDouble() > 0));
    }

    [Fact]
    public void BudgetBeyondTheLabelledExamples_ExitsWith2_NamingIt()
    {
        string run = TrainMemristiveIris();
        var (code, _, err) = Pnn.Run(_dir, "robustness", "--design", run, "--policies", "retrain", "--retrain-budget", "100000", "--instances", "1");
        Assert.Equal(2, code);
        Assert.Contains("--retrain-budget must be in [1, ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void BudgetWithoutTheRetrainPolicy_ExitsWith2()
    {
        var (code, _, err) = Pnn.Run(_dir, "robustness", "--design", "runs/x", "--policies", "none", "--retrain-budget", "10");
        Assert.Equal(2, code);
        Assert.Contains("--retrain-budget applies only with the retrain policy", err, StringComparison.Ordinal);
    }
}
