using PnnKit.Bench.Reproductions;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Interop;

namespace PnnKit.Bench.Tests.Reproductions;

public sealed class PhotonicTensorProcessorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-ptp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Quick_ImportedCnns_LoseLittleAccuracyOnTheProcessor_AtItsEnergyAndLatency()
    {
        // `pnn repro photonic-tensor-processor --quick`: the first 500 test images of each set, seed 1.
        var r = PhotonicTensorProcessor.Run(new PhotonicTensorProcessorOptions { TestCount = 500 });
        Assert.Equal(["mnist-subset", "fashion-mnist", "cifar-10"], r.Rows.Select(x => x.Dataset));
        var mnist = r.Rows[0];
        Assert.Equal(500, mnist.TestCount);
        Assert.Equal(0.970, mnist.Digital!.Value, 0.001); // the imported fp32 LeNet-5: deterministic
        // On the crossbar with 8-bit converters and detector noise (±1 % of 500 digits around 96.6 %), and on a fabricated chip (95.6 %).
        Assert.Equal(0.966, mnist.Processor!.Value, 0.01);
        Assert.Equal(0.956, mnist.Fabricated!.Value, 0.015);
        // The host's calibration of that chip (every device measured, codes pre-distorted) wins the digital accuracy back here (97.0 %).
        Assert.Equal(0.970, mnist.Calibrated!.Value, 0.015);
        // LeNet-5's 5×5 kernels: 26,685 passes of the 9×3 crossbar per digit, one 100 ps symbol each plus the weight loads: 3.15 µs.
        Assert.Equal(26_685, mnist.PassesPerImage!.Value, 1.0);
        Assert.Equal(3.15e-6, mnist.LatencySeconds!.Value, 0.02e-6);
        Assert.InRange(mnist.CoreJoules!.Value, 33e-9, 38e-9);
        Assert.InRange(mnist.SystemJoules!.Value, 1.85e-6, 2.1e-6);
        Assert.True(mnist.SystemJoules > 40 * mnist.CoreJoules, "the converters dominate the system energy");
        var fashion = r.Rows[1];
        if (fashion.Absent is null)
        {
            Assert.Equal(0.916, fashion.Digital!.Value, 0.001);
            Assert.Equal(0.900, fashion.Processor!.Value, 0.015);
            Assert.Equal(0.870, fashion.Fabricated!.Value, 0.02);
            Assert.Equal(0.878, fashion.Calibrated!.Value, 0.02);
            Assert.Equal(2.74e-6, fashion.LatencySeconds!.Value, 0.03e-6);
        }
        else
        {
            Assert.Contains("fashion-mnist", fashion.Absent, StringComparison.Ordinal);
        }
        var cifar = r.Rows[2];
        Assert.Equal(0.720, cifar.Published);
        Assert.Null(cifar.Digital);
        Assert.Contains("pnn data fetch cifar-10 --to DIR", cifar.Absent, StringComparison.Ordinal);
        Assert.Contains("models/train_ptp_cnn.py --dataset cifar-10", cifar.Absent, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_DrawsOtherReadNoiseAndAnotherChip()
    {
        PhotonicTensorProcessorRow Row(ulong seed) => PhotonicTensorProcessor.Evaluate("mnist-subset", null, PhotonicTensorProcessor.Embedded("lenet5-mnist-subset.onnx"),
            DataCatalog.Load<float>("mnist-subset", part: DataPart.Test), new PhotonicTensorProcessorOptions { TestCount = 60, Seed = seed });
        var a = Row(1);
        var b = Row(2);
        Assert.Equal(a.Digital, b.Digital);
        Assert.True(a.Processor != b.Processor || a.Fabricated != b.Fabricated || a.Calibrated != b.Calibrated || a.PassesPerImage != b.PassesPerImage,
            "another seed reads other noise on another chip");
        Assert.Equal(a with { }, Row(1));
    }

    /// <summary>The six CIFAR-10 batch files, a few records each, in the binary format (1 label byte, 3,072 CHW pixel bytes).</summary>
    private string CifarFixture()
    {
        string dir = Path.Combine(_dir, Cifar10Binary.BatchDirectoryName);
        Directory.CreateDirectory(dir);
        for (int b = 0; b < Cifar10Binary.BatchNames.Count; b++)
        {
            int records = 3 + b;
            var bytes = new byte[records * Cifar10Binary.RecordBytes];
            for (int r = 0; r < records; r++)
            {
                bytes[r * Cifar10Binary.RecordBytes] = (byte)((b + (3 * r)) % 10);
                for (int k = 1; k < Cifar10Binary.RecordBytes; k++)
                {
                    bytes[(r * Cifar10Binary.RecordBytes) + k] = (byte)(((b * 41) + (r * 17) + (k * 7)) % 256);
                }
            }
            File.WriteAllBytes(Path.Combine(dir, Cifar10Binary.BatchNames[b]), bytes);
        }
        return _dir;
    }

    /// <summary>A small CNN for 3×32×32 images, built here and exported to ONNX as PyTorch would.</summary>
    private string CifarModel()
    {
        var rng = new Rng(5);
        var model = new Sequential<float>(new Conv2d<float>(3, 4, 3, 3, rng, strideH: 2, strideW: 2, name: "c1"), new ReLU<float>(), new MaxPool2d<float>(3, 3, 3, 3),
            new Flatten<float>(), new Linear<float>(4 * 5 * 5, 10, rng, name: "fc"));
        string path = Path.Combine(_dir, "cifar-cnn.onnx");
        OnnxExporter.Save(model, [3, 32, 32], path);
        return path;
    }

    [Fact]
    public void Cifar10_RunsOnTheProcessor_WhenItsBatchesAndModelAreGiven()
    {
        var r = PhotonicTensorProcessor.Run(new PhotonicTensorProcessorOptions { TestCount = 20, CifarDirectory = CifarFixture(), CifarModel = CifarModel() });
        var cifar = r.Rows.Single(x => x.Dataset == "cifar-10");
        Assert.Null(cifar.Absent);
        Assert.Equal(8, cifar.TestCount); // the fixture's test_batch.bin: 3 + 5 records
        Assert.InRange(cifar.Processor!.Value, 0, 1);
        // The 3-channel 3×3 kernels: 27 patch values are 3 column blocks of 9, 4 outputs 2 row blocks, on 15×15 pixels, each tile a
        // W⁺ and a W⁻ pass (images are non-negative); the dense 100 → 10 layer at most 12 × 4 tiles of 2 passes (ReLU zeros skip some).
        Assert.InRange(cifar.PassesPerImage!.Value, 15 * 15 * 3 * 2 * 2, (15 * 15 * 3 * 2 * 2) + (12 * 4 * 2));
        Assert.True(cifar.SystemJoules > cifar.CoreJoules);
    }

    [Fact]
    public void Cifar10_WithoutItsModel_OrWithoutItsBatches_IsRefusedSayingWhatToRun()
    {
        var e = Assert.Throws<ArgumentException>(() => PhotonicTensorProcessor.Run(new PhotonicTensorProcessorOptions { TestCount = 5, CifarDirectory = _dir }));
        Assert.Contains("--cifar-model", e.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<DataFormatException>(() => PhotonicTensorProcessor.Run(new PhotonicTensorProcessorOptions { TestCount = 5, CifarDirectory = _dir, CifarModel = CifarModel() }));
        Assert.Contains("pnn data fetch cifar-10", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reproduction_RefusesALoneCifarOption_AndAMissingModel_BeforeRunning()
    {
        var reproduction = new PhotonicTensorProcessorReproduction();
        var lone = Assert.Throws<ArgumentException>(() => reproduction.Run(new ReproArgs(("cifar", _dir)), new ReproContext(null)));
        Assert.StartsWith("pnn repro photonic-tensor-processor: --cifar needs --cifar-model FILE", lone.Message, StringComparison.Ordinal);
        var model = Assert.Throws<ArgumentException>(() => reproduction.Run(new ReproArgs(("cifar-model", "m.onnx")), new ReproContext(null)));
        Assert.StartsWith("pnn repro photonic-tensor-processor: --cifar-model needs --cifar DIR", model.Message, StringComparison.Ordinal);
        string absent = Path.Combine(_dir, "absent.onnx");
        var missing = Assert.Throws<ArgumentException>(() => reproduction.Run(new ReproArgs(("cifar", _dir), ("cifar-model", absent)), new ReproContext(null)));
        Assert.Equal($"pnn repro photonic-tensor-processor: --cifar-model {absent}: no such file.", missing.Message);
    }
}
