using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using static PnnKit.Interop.Tests.OnnxRuntimeReference;

namespace PnnKit.Interop.Tests;

public sealed class OnnxExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-onnx-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A small CNN with every exportable layer: conv (strided, padded, dilated), batch norm with real statistics, pooling, residual blocks, dense, softmax.</summary>
    private static Sequential<float> Cnn()
    {
        var rng = new Rng(11);
        var bn = new BatchNorm2d<float>(6);
        rng.FillUniform(bn.Scale.Value.Span, 0.5, 1.5);
        rng.FillUniform(bn.Shift.Value.Span, -0.3, 0.3);
        rng.FillUniform(bn.RunningMean.Span, -0.5, 0.5);
        rng.FillUniform(bn.RunningVariance.Span, 0.5, 2);
        var block = new Sequential<float>(new Conv2d<float>(6, 6, 3, 3, rng, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1, name: "c2"), new ReLU<float>(), new Conv2d<float>(6, 6, 3, 3, rng, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1, name: "c3"));
        var down = new Residual<float>(
            new Sequential<float>(new Conv2d<float>(6, 8, 3, 3, rng, strideH: 2, strideW: 2, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1, name: "c4"), new Tanh<float>()),
            new Conv2d<float>(6, 8, 1, 1, rng, strideH: 2, strideW: 2, bias: false, name: "shortcut"));
        return new Sequential<float>(
            new Conv2d<float>(3, 6, 3, 2, rng, padTop: 1, padLeft: 0, padBottom: 2, padRight: 1, dilationH: 2, name: "c1"), bn, new ReLU<float>(),
            new Residual<float>(block), new MaxPool2d<float>(2, 2, 1, 1, padTop: 1, padLeft: 1), down,
            new AvgPool2d<float>(3, 3, 2, 2, 1, 1, 1, 1), new GlobalAvgPool2d<float>(), new Flatten<float>(),
            new Linear<float>(8, 5, rng), new Sigmoid<float>(), new Dropout<float>(0.3), new Linear<float>(5, 4, rng), new Softmax<float>());
    }

    [Fact]
    public void ExportedCnn_MatchesOnnxRuntime_On100Inputs_AndReimportsToTheSameModel()
    {
        var model = Cnn();
        string path = Path.Combine(_dir, "cnn.onnx");
        OnnxExporter.Save(model, [3, 12, 10], path);
        var x = Inputs(100, [3, 12, 10]);
        float[] pnn = Pnn(model, x);
        double diff = MaxDifference(Run(path, x), pnn);
        Assert.True(diff <= 1e-5, $"max |PnnKit − ONNX Runtime| = {diff:E2}");
        var back = OnnxImporter.Load(path);
        Assert.Equal([3, 12, 10], back.InputShape);
        Assert.True(MaxDifference(Pnn(back.Model, x), pnn) <= 1e-5);
        Assert.Equal(2, back.Model.Layers.OfType<Residual<float>>().Count());
    }

    [Fact]
    public void PyTorchModel_ImportedThenExported_StillMatchesTheOriginalInOnnxRuntime()
    {
        foreach (string file in new[] { "lenet5-mnist.onnx", "resnet8-tiny-cifar.onnx", "matmul-mlp.onnx" })
        {
            var m = OnnxImporter.Load(Fixture(file));
            string path = Path.Combine(_dir, file);
            OnnxExporter.Save(m.Model, m.InputShape, path);
            var x = Inputs(100, m.InputShape, seed: 9);
            double diff = MaxDifference(Run(Fixture(file), x), Run(path, x));
            Assert.True(diff <= 1e-5, $"{file}: max |re-exported − original| in ONNX Runtime = {diff:E2}");
        }
    }

    [Fact]
    public void LinearAfterConvolution_GetsAFlattenInTheGraph()
    {
        // PnnKit's Linear reads any rank as rows; ONNX Gemm needs a matrix, so the exporter inserts the flatten.
        var rng = new Rng(2);
        var model = new Sequential<float>(new Conv2d<float>(1, 2, 3, 3, rng), new ReLU<float>(), new Linear<float>(2 * 2 * 2, 3, rng));
        string path = Path.Combine(_dir, "flat.onnx");
        OnnxExporter.Save(model, [1, 4, 4], path);
        var x = Inputs(100, [1, 4, 4]);
        Assert.True(MaxDifference(Run(path, x), Pnn(model, x)) <= 1e-5);
    }

    [Fact]
    public void PhysicalOrUnmappedLayer_IsRefused_NamingIt()
    {
        var e = Assert.Throws<OnnxModelException>(() => OnnxExporter.ToProto(new ReLU<float>(PnnKit.Core.Signals.Domain.Electrical), [3]));
        Assert.Contains("'relu' works on Electrical", e.Message, StringComparison.Ordinal);
        var quantized = new Sequential<float>(new Linear<float>(3, 2, new Rng(1)), FakeQuantize<float>.Fp16());
        e = Assert.Throws<OnnxModelException>(() => OnnxExporter.ToProto(quantized, [3]));
        Assert.Contains("'to-fp16' (FakeQuantize", e.Message, StringComparison.Ordinal);
    }
}
