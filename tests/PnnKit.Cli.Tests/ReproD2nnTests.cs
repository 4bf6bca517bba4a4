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
        Assert.Equal(2, nets.Count);
        var plain = nets[0];
        // 10 classes: chance is 10 %; the reduced 50×50 network reaches ≈ 80 % on 200 test digits.
        Assert.True(plain.GetProperty("accuracy").GetDouble() >= 0.7, $"plain accuracy {plain.GetProperty("accuracy").GetDouble()}");
        Assert.Equal([8, 4], plain.GetProperty("quantized").EnumerateArray().Select(q => q.GetProperty("levels").GetInt32()));
        Assert.True(nets[1].GetProperty("accuracy").GetDouble() >= 0.4, "the misalignment-trained network learns too");
    }

    [Fact]
    public void D2nn_ResumesFromItsCheckpoint()
    {
        string ckpt = Path.Combine(_dir, "ckpt");
        var first = Pnn.Run(_dir, "repro", "d2nn", "--quick", "--json", "--epochs", "1", "--checkpoint", ckpt);
        Assert.True(first.Code == 0, first.Err);
        Assert.Equal(2, Directory.GetFiles(ckpt).Length);
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
