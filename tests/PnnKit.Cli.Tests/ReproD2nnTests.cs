using System.Text.Json;

namespace PnnKit.Cli.Tests;

public sealed class ReproD2nnTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-d2nn-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void D2nn_Quick_LearnsDigits_AndReportsQuantizationAndMisalignment()
    {
        var (code, stdout, err) = Pnn.Run(_dir, "repro", "d2nn", "--quick", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.Equal(50, r.GetProperty("n").GetInt32());
        var nets = r.GetProperty("networks").EnumerateArray().ToList();
        Assert.Equal(3, nets.Count);
        var (plain, lossless) = (nets[0], nets[1]);
        // 600 / 200 / 200 digits (validation out of the training part); as printed today, ±3 points (one digit is 0.5).
        Assert.Equal(200, r.GetProperty("splits").GetProperty("validation").GetInt32());
        // The default masks absorb (Lin et al.'s resin, κ = 0.031): trained through the absorption.
        Assert.StartsWith("resin", plain.GetProperty("masks").GetString(), StringComparison.Ordinal);
        Assert.Equal(0.77, plain.GetProperty("validation_accuracy").GetDouble(), 0.03);
        Assert.Equal(0.76, plain.GetProperty("accuracy").GetDouble(), 0.03);
        Assert.Equal(4, plain.GetProperty("epoch_validation_accuracy").GetArrayLength());
        Assert.Equal([8, 4], plain.GetProperty("quantized").EnumerateArray().Select(q => q.GetProperty("levels").GetInt32()));
        Assert.Equal(0.77, plain.GetProperty("quantized")[0].GetProperty("accuracy").GetDouble(), 0.03);
        Assert.Equal(0.0820, plain.GetProperty("detector_efficiency").GetDouble(), 0.005);
        // Without absorption: the lossless phase-only masks give the figures pinned before the resin was modelled.
        Assert.Equal("lossless", lossless.GetProperty("masks").GetString());
        Assert.Equal(0.855, lossless.GetProperty("validation_accuracy").GetDouble(), 0.03);
        Assert.Equal(0.795, lossless.GetProperty("accuracy").GetDouble(), 0.03);
        Assert.Equal(0.755, lossless.GetProperty("quantized")[0].GetProperty("accuracy").GetDouble(), 0.03);
        Assert.Equal(0.256, lossless.GetProperty("detector_efficiency").GetDouble(), 0.01);
        Assert.Equal(0.46, nets[2].GetProperty("accuracy").GetDouble(), 0.03); // the misalignment-trained network, absorbing masks
        // Axial Δz (σ = 0.1 mm, 4 instances): the aligned test accuracy is the row without it.
        Assert.Equal(4, r.GetProperty("axial_instances").GetInt32());
        Assert.Equal(0.766, plain.GetProperty("axial_mean").GetDouble(), 0.03);
        Assert.Equal(0.796, lossless.GetProperty("axial_mean").GetDouble(), 0.03);
        // Lin et al.'s pitch is 0.53 λ: the scalar model's limit is stated.
        Assert.Contains("Scalar-theory limit", r.GetProperty("scalar_theory_warning").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void D2nn_ResumesFromItsCheckpoint()
    {
        string ckpt = Path.Combine(_dir, "ckpt");
        var first = Pnn.Run(_dir, "repro", "d2nn", "--quick", "--json", "--epochs", "1", "--checkpoint", ckpt);
        Assert.True(first.Code == 0, first.Err);
        Assert.Equal(3, Directory.GetFiles(ckpt).Length);
        var second = Pnn.Run(_dir, "repro", "d2nn", "--quick", "--epochs", "1", "--checkpoint", ckpt);
        Assert.True(second.Code == 0, second.Err);
        Assert.Contains("resumed from", second.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void D2nn_UnknownDataset_ExitsWithUsageError()
    {
        var (code, _, err) = Pnn.Run(_dir, "repro", "d2nn", "--quick", "--dataset", "nope");
        Assert.Equal(2, code);
        Assert.Contains("nope", err, StringComparison.Ordinal);
    }
}
