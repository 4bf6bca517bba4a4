using System.Text.Json;

namespace PnnKit.Cli.Tests;

/// <summary>pnn repro diode-xor and mechanical-regression through the real executable.</summary>
public sealed class ReproNetworkLearningTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-repro-net-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void DiodeXor_LearnsAllFourRows()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "diode-xor", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.Equal(4, r.GetProperty("correct_after").GetInt32());
        Assert.True(r.GetProperty("loss_after").GetDouble() < r.GetProperty("loss_before").GetDouble());
        Assert.All(r.GetProperty("margins").EnumerateArray(), m => Assert.True(m.GetProperty("margin").GetDouble() > 0));
    }

    [Fact]
    public void MechanicalRegression_Quick_FitsTheLinearMap()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "mechanical-regression", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        double variance = r.GetProperty("target_variance").GetDouble();
        Assert.True(r.GetProperty("train_mse_before").GetDouble() > 0.1 * variance);
        var splits = r.GetProperty("splits");
        Assert.Equal(0, splits.GetProperty("validation").GetInt32());
        Assert.True(splits.GetProperty("train").GetInt32() > 0 && splits.GetProperty("test").GetInt32() == splits.GetProperty("train").GetInt32());
        Assert.True(r.GetProperty("train_mse_after").GetDouble() < 1e-2 * variance);
        Assert.Equal(4, r.GetProperty("coefficients").GetArrayLength());
        // Both rows: readings with the sensor's 10 nm noise (default) and ideal ones, as printed today (200 steps).
        Assert.Equal(1e-8, r.GetProperty("sensor_noise").GetDouble(), 1e-15);
        Assert.Equal(2.2e-4, r.GetProperty("train_mse_after").GetDouble() / variance, 0.1e-4);
        Assert.Equal(1.73e-4, r.GetProperty("without_sensor_noise").GetProperty("train_mse_after").GetDouble() / variance, 0.05e-4);
    }

    [Fact]
    public void DiodeXor_BadEpochs_ExitsWith2()
    {
        var (code, _, err) = Pnn.Run(_dir, "repro", "diode-xor", "--epochs", "0");
        Assert.Equal(2, code);
        Assert.Contains("epochs", err, StringComparison.Ordinal);
    }
}
