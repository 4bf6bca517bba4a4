using Google.Protobuf;
using PnnKit.Core.Layers;
using PnnKit.Interop.Onnx;
using static PnnKit.Interop.Tests.OnnxRuntimeReference;

namespace PnnKit.Interop.Tests;

public sealed class OnnxImportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-onnx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("lenet5-mnist.onnx")]
    [InlineData("resnet8-tiny-cifar.onnx")]
    [InlineData("matmul-mlp.onnx")]
    public void PyTorchExports_MatchOnnxRuntime_On100Inputs(string file)
    {
        var m = OnnxImporter.Load(Fixture(file));
        Assert.StartsWith("pytorch", m.Producer, StringComparison.Ordinal);
        var x = Inputs(100, m.InputShape);
        double diff = MaxDifference(Run(Fixture(file), x), Pnn(m.Model, x));
        Assert.True(diff <= 1e-5, $"{file}: max |PnnKit − ONNX Runtime| = {diff:E2}");
    }

    [Fact]
    public void LeNet_FoldsEveryBatchNorm_IntoItsConvolution()
    {
        var m = OnnxImporter.Load(Fixture("lenet5-mnist.onnx"));
        Assert.Equal(2, m.OpCounts["BatchNormalization"]);
        Assert.Equal(2, m.Notes.Count(n => n.StartsWith("folded BatchNormalization", StringComparison.Ordinal)));
        Assert.DoesNotContain(m.Model.Layers, l => l is BatchNorm2d<float>);
        Assert.Equal([typeof(Conv2d<float>), typeof(ReLU<float>), typeof(MaxPool2d<float>), typeof(Conv2d<float>), typeof(Tanh<float>), typeof(AvgPool2d<float>), typeof(Flatten<float>),
            typeof(Linear<float>), typeof(Sigmoid<float>), typeof(Linear<float>), typeof(ReLU<float>), typeof(Linear<float>), typeof(Softmax<float>)], m.Model.Layers.Select(l => l.GetType()));
        Assert.Equal([1, 28, 28], m.InputShape);
    }

    [Fact]
    public void ResNet_BecomesResidualBlocks_WithAndWithoutShortcutConvolutions()
    {
        var m = OnnxImporter.Load(Fixture("resnet8-tiny-cifar.onnx"));
        var blocks = m.Model.Layers.OfType<Residual<float>>().ToList();
        Assert.Equal(3, blocks.Count);
        Assert.Equal([false, true, true], blocks.Select(b => b.Shortcut is not null));
        Assert.Equal(3, m.OpCounts["Add"]);
        Assert.Equal(0, m.Notes.Count(n => !n.StartsWith("folded", StringComparison.Ordinal) && !n.StartsWith("Reshape", StringComparison.Ordinal)));
    }

    [Fact]
    public void MatMulThenAdd_BecomesOneLinearWithBias()
    {
        var m = OnnxImporter.Load(Fixture("matmul-mlp.onnx"));
        var linear = Assert.Single(m.Model.Layers.OfType<Linear<float>>());
        Assert.NotNull(linear.Bias);
        Assert.Equal((64, 7), (linear.Inputs, linear.Outputs));
        // Reshape(x, [-1, 64]) flattens only samples of 64 features: another input size is refused, not regrouped.
        var flatten = Assert.Single(m.Model.Layers.OfType<Flatten<float>>());
        Assert.Equal(64, flatten.ExpectedFeatures);
        var e = Assert.Throws<ArgumentException>(() => flatten.Forward(new PnnKit.Core.Tensors.Tensor<float>(2, 4, 5, 4), ForwardContext.Eval()));
        Assert.Contains("reshapes each sample to 64 features", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedOp_IsRefused_NamingTheNode_ItsOpType_AndTheSupportedList()
    {
        var proto = Tiny("Erf");
        string path = Save(proto, "erf.onnx");
        var e = Assert.Throws<OnnxModelException>(() => OnnxImporter.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("node 'the_erf'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Erf'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Gemm, MatMul, Add, Conv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpsetBelow13_IsRefused_SayingWhichOpsetIsNeeded()
    {
        var proto = Tiny("Relu");
        proto.OpsetImport[0].Version = 11;
        var e = Assert.Throws<OnnxModelException>(() => OnnxImporter.Load(Save(proto, "old.onnx")));
        Assert.Contains("opset 11", e.Message, StringComparison.Ordinal);
        Assert.Contains("13", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptOrTruncatedFile_IsRefused_NamingTheFile()
    {
        string garbage = Path.Combine(_dir, "garbage.onnx");
        File.WriteAllBytes(garbage, [0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]);
        Assert.Contains(garbage, Assert.Throws<OnnxModelException>(() => OnnxImporter.Load(garbage)).Message, StringComparison.Ordinal);
        byte[] real = File.ReadAllBytes(Fixture("matmul-mlp.onnx"));
        string truncated = Path.Combine(_dir, "truncated.onnx");
        File.WriteAllBytes(truncated, real[..(real.Length / 2)]);
        Assert.Contains(truncated, Assert.Throws<OnnxModelException>(() => OnnxImporter.Load(truncated)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupedConvolution_IsRefused_NamingTheAttribute()
    {
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Fixture("lenet5-mnist.onnx")));
        var conv = proto.Graph.Node.First(n => n.OpType == "Conv");
        conv.Attribute.Remove(conv.Attribute.FirstOrDefault(a => a.Name == "group"));
        conv.Attribute.Add(new AttributeProto { Name = "group", Type = AttributeProto.Types.AttributeType.Int, I = 2 });
        var e = Assert.Throws<OnnxModelException>(() => OnnxImporter.Read(proto, "edited.onnx"));
        Assert.Contains("edited.onnx: node", e.Message, StringComparison.Ordinal);
        Assert.Contains("group = 2", e.Message, StringComparison.Ordinal);
    }

    /// <summary>input [N, 4] → one node of <paramref name="op"/> → output.</summary>
    private static ModelProto Tiny(string op)
    {
        var graph = new GraphProto { Name = "tiny" };
        graph.Input.Add(Info("x"));
        graph.Output.Add(Info("y"));
        var node = new NodeProto { OpType = op, Name = $"the_{op.ToLowerInvariant()}" };
        node.Input.Add("x");
        node.Output.Add("y");
        graph.Node.Add(node);
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model;

        static ValueInfoProto Info(string name)
        {
            var shape = new TensorShapeProto();
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 4 });
            return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
        }
    }

    private string Save(ModelProto proto, string name)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, proto.ToByteArray());
        return path;
    }
}
