using System.Text.Json;

namespace PnnKit.Cli.Tests;

/// <summary>pnn import and pnn export through the real executable.</summary>
public sealed class ImportExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-onnx-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Fixture(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PnnKit.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("PnnKit.sln not found above the test binaries"), "tests", "PnnKit.Interop.Tests", "Fixtures", name);
    }

    [Fact]
    public void Import_PyTorchResNet_ListsItsResidualBlocks_AndWritesItBackOut()
    {
        string output = Path.Combine(_dir, "back.onnx");
        var (code, stdout, err) = Pnn.Run(_dir, "import", Fixture("resnet8-tiny-cifar.onnx"), "--out", output, "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.Equal(13, r.GetProperty("opset").GetInt32());
        Assert.Equal([3, 32, 32], r.GetProperty("input_shape").EnumerateArray().Select(d => d.GetInt32()));
        // 19,954 PyTorch parameters less the 9 batch norms' 2 × channels (scale and shift, folded into conv biases: 8 + 8 + 8 + 16 + 16 + 16 + 32 + 32 + 32 channels).
        Assert.Equal(19_954 - (2 * 168) + 168, r.GetProperty("parameters").GetInt64());
        Assert.Equal(9, r.GetProperty("notes").EnumerateArray().Count(n => n.GetString()!.StartsWith("folded", StringComparison.Ordinal)));
        Assert.Equal(3, r.GetProperty("layers").EnumerateArray().Count(l => l.GetProperty("kind").GetString()!.StartsWith("residual", StringComparison.Ordinal)));
        Assert.True(File.Exists(output));
        var (again, back, err2) = Pnn.Run(_dir, "import", output, "--json");
        Assert.True(again == 0, err2);
        using var reread = JsonDocument.Parse(back);
        Assert.Equal(r.GetProperty("parameters").GetInt64(), reread.RootElement.GetProperty("parameters").GetInt64());
        Assert.Equal(17, reread.RootElement.GetProperty("opset").GetInt32());
    }

    [Fact]
    public void Import_OfAFileThatIsNotOnnx_ExitsTwo_NamingTheFile()
    {
        string bad = Path.Combine(_dir, "model.onnx");
        File.WriteAllText(bad, "not a model");
        var (code, _, err) = Pnn.Run(_dir, "import", bad);
        Assert.Equal(2, code);
        Assert.Contains("model.onnx: not an ONNX model", err, StringComparison.Ordinal);
        Assert.Equal(2, Pnn.Run(_dir, "import", Path.Combine(_dir, "missing.onnx")).Code);
    }

    [Fact]
    public void Export_OfATrainedDigitalRun_ReimportsWithTheSameWeights()
    {
        File.WriteAllText(Path.Combine(_dir, "iris.yaml"), "data: {name: iris}\nmodel: {hidden: [8]}\ntraining: {epochs: 3}\n");
        Assert.Equal(0, Pnn.Run(_dir, "train", "--config", "iris.yaml", "--json").Code);
        string output = Path.Combine(_dir, "iris.onnx");
        var (code, stdout, err) = Pnn.Run(_dir, "export", Path.Combine(_dir, "runs", "iris"), "--out", output);
        Assert.True(code == 0, err);
        Assert.Contains("input [N, 4]", stdout, StringComparison.Ordinal);
        var (again, back, err2) = Pnn.Run(_dir, "import", output, "--json");
        Assert.True(again == 0, err2);
        using var doc = JsonDocument.Parse(back);
        Assert.Equal((4 * 8) + 8 + (8 * 3) + 3, doc.RootElement.GetProperty("parameters").GetInt64());
        Assert.Equal(2, Pnn.Run(_dir, "export", Path.Combine(_dir, "runs", "iris")).Code);
    }
}
