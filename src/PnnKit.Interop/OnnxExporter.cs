using Google.Protobuf;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Interop.Onnx;

namespace PnnKit.Interop;

/// <summary>
/// Writes a digital PnnKit model (float32) as ONNX, opset <see cref="Opset"/>: Linear → Gemm, Conv2d → Conv, pooling,
/// batch norm (inference form), Flatten, Softmax, activations, Residual → its branches and an Add. Dropout is left out
/// (identity at inference). A physical layer has no ONNX operator and is refused, naming it.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The default-domain opset written.</summary>
    public const int Opset = 17;

    // IR version 8 goes with opset 17 (onnx/onnx docs/Versioning.md); ONNX Runtime 1.14+ reads it.
    private const long IrVersion = 8;

    /// <summary>Writes <paramref name="model"/>, whose input is [batch, <paramref name="inputShape"/>], to <paramref name="path"/> (atomically).</summary>
    public static void Save(ILayer<float> model, IReadOnlyList<int> inputShape, string path, string graphName = "pnnkit")
    {
        ArgumentNullException.ThrowIfNull(path);
        var proto = ToProto(model, inputShape, graphName);
        string tmp = path + ".tmp";
        using (var stream = File.Create(tmp))
        {
            proto.WriteTo(stream);
        }
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>The ONNX model of <paramref name="model"/> for inputs [batch, <paramref name="inputShape"/>].</summary>
    public static ModelProto ToProto(ILayer<float> model, IReadOnlyList<int> inputShape, string graphName = "pnnkit")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Count == 0 || inputShape.Any(d => d < 1))
        {
            throw new ArgumentException($"Input shape [{string.Join(", ", inputShape)}] must list the sizes after the batch axis, each ≥ 1.", nameof(inputShape));
        }
        // One zero sample through the model gives the output shape (and checks the input shape fits the layers).
        var probe = model.Forward(new Tensor<float>([1, .. inputShape]), ForwardContext.Eval(0));
        var graph = new GraphProto { Name = graphName };
        graph.Input.Add(Value("input", inputShape));
        var writer = new Writer(graph);
        writer.Flat.Add("input", inputShape.Count == 1);
        string output = writer.Emit(model, "input");
        graph.Node.Add(Node("Identity", "output_identity", [output], ["output"]));
        graph.Output.Add(Value("output", [.. probe.Shape[1..].ToArray()]));
        var proto = new ModelProto { IrVersion = IrVersion, ProducerName = "pnnkit", ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "", Graph = graph };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return proto;
    }

    private static ValueInfoProto Value(string name, IReadOnlyList<int> shape)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = new TensorShapeProto() };
        tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        foreach (int d in shape)
        {
            tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }

    private static NodeProto Node(string op, string name, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var n = new NodeProto { OpType = op, Name = name };
        n.Input.AddRange(inputs);
        n.Output.AddRange(outputs);
        n.Attribute.AddRange(attributes);
        return n;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    private static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private sealed class Writer(GraphProto graph)
    {
        private int _count;

        /// <summary>Whether each value is [batch, features] (PnnKit's Linear reads any rank as rows; ONNX Gemm needs a matrix).</summary>
        public Dictionary<string, bool> Flat { get; } = new(StringComparer.Ordinal);

        /// <summary>Adds the nodes of <paramref name="layer"/> reading <paramref name="input"/>; returns the value it produces.</summary>
        public string Emit(ILayer<float> layer, string input)
        {
            string output = EmitLayer(layer, input);
            if (!Flat.ContainsKey(output))
            {
                Flat[output] = layer is Linear<float> or Flatten<float> or Softmax<float> || (Flat[input] && layer is not Conv2d<float>);
            }
            return output;
        }

        private string EmitLayer(ILayer<float> layer, string input)
        {
            if (layer.InputDomain != Domain.Digital || layer.OutputDomain != Domain.Digital)
            {
                throw new OnnxModelException($"layer '{layer.Name}' works on {layer.InputDomain} → {layer.OutputDomain} signals; only digital models export to ONNX (export the design before converting it to a substrate).");
            }
            string id = $"{layer.Name}_{++_count}";
            string output = $"{id}_out";
            switch (layer)
            {
                case Sequential<float> seq:
                    return seq.Layers.Aggregate(input, (v, l) => Emit(l, v));
                case Residual<float> r:
                    {
                        string main = Emit(r.Main, input);
                        string shortcut = r.Shortcut is null ? input : Emit(r.Shortcut, input);
                        graph.Node.Add(Node("Add", id, [main, shortcut], [output]));
                        Flat[output] = Flat[main];
                        return output;
                    }
                case Dropout<float>:
                    return input;
                case Linear<float> linear:
                    {
                        if (!Flat[input])
                        {
                            graph.Node.Add(Node("Flatten", $"{id}_flatten", [input], [$"{id}_flat"], Int("axis", 1)));
                            input = $"{id}_flat";
                        }
                        graph.Initializer.Add(OnnxTensors.Float($"{id}.weight", linear.Weight.Value.Span, linear.Outputs, linear.Inputs));
                        string[] inputs = [input, $"{id}.weight"];
                        if (linear.Bias is not null)
                        {
                            graph.Initializer.Add(OnnxTensors.Float($"{id}.bias", linear.Bias.Value.Span, linear.Outputs));
                            inputs = [.. inputs, $"{id}.bias"];
                        }
                        graph.Node.Add(Node("Gemm", id, inputs, [output], Int("transB", 1)));
                        return output;
                    }
                case Conv2d<float> conv:
                    {
                        graph.Initializer.Add(OnnxTensors.Float($"{id}.weight", conv.Weight.Value.Span, conv.OutChannels, conv.InChannels, conv.KernelH, conv.KernelW));
                        string[] inputs = [input, $"{id}.weight"];
                        if (conv.Bias is not null)
                        {
                            graph.Initializer.Add(OnnxTensors.Float($"{id}.bias", conv.Bias.Value.Span, conv.OutChannels));
                            inputs = [.. inputs, $"{id}.bias"];
                        }
                        graph.Node.Add(Node("Conv", id, inputs, [output], Ints("kernel_shape", conv.KernelH, conv.KernelW), Ints("strides", conv.StrideH, conv.StrideW),
                            Ints("pads", conv.PadTop, conv.PadLeft, conv.PadBottom, conv.PadRight), Ints("dilations", conv.DilationH, conv.DilationW), Int("group", 1)));
                        return output;
                    }
                case MaxPool2d<float> p:
                    graph.Node.Add(Node("MaxPool", id, [input], [output], Ints("kernel_shape", p.KernelH, p.KernelW), Ints("strides", p.StrideH, p.StrideW),
                        Ints("pads", p.PadTop, p.PadLeft, p.PadBottom, p.PadRight)));
                    return output;
                case AvgPool2d<float> p:
                    graph.Node.Add(Node("AveragePool", id, [input], [output], Ints("kernel_shape", p.KernelH, p.KernelW), Ints("strides", p.StrideH, p.StrideW),
                        Ints("pads", p.PadTop, p.PadLeft, p.PadBottom, p.PadRight), Int("count_include_pad", p.CountIncludePad ? 1 : 0)));
                    return output;
                case GlobalAvgPool2d<float>:
                    graph.Node.Add(Node("GlobalAveragePool", id, [input], [output]));
                    return output;
                case BatchNorm2d<float> bn:
                    {
                        int c = bn.Scale.Value.Length;
                        graph.Initializer.Add(OnnxTensors.Float($"{id}.scale", bn.Scale.Value.Span, c));
                        graph.Initializer.Add(OnnxTensors.Float($"{id}.shift", bn.Shift.Value.Span, c));
                        graph.Initializer.Add(OnnxTensors.Float($"{id}.mean", bn.RunningMean.Span, c));
                        graph.Initializer.Add(OnnxTensors.Float($"{id}.var", bn.RunningVariance.Span, c));
                        graph.Node.Add(Node("BatchNormalization", id, [input, $"{id}.scale", $"{id}.shift", $"{id}.mean", $"{id}.var"], [output], Float("epsilon", (float)bn.Epsilon)));
                        return output;
                    }
                case Flatten<float>:
                    graph.Node.Add(Node("Flatten", id, [input], [output], Int("axis", 1)));
                    return output;
                case Softmax<float>:
                    graph.Node.Add(Node("Softmax", id, [input], [output], Int("axis", -1)));
                    return output;
                case ReLU<float>:
                    graph.Node.Add(Node("Relu", id, [input], [output]));
                    return output;
                case Sigmoid<float>:
                    graph.Node.Add(Node("Sigmoid", id, [input], [output]));
                    return output;
                case Tanh<float>:
                    graph.Node.Add(Node("Tanh", id, [input], [output]));
                    return output;
                default:
                    throw new OnnxModelException($"layer '{layer.Name}' ({layer.GetType().Name}) has no ONNX operator; PnnKit exports Linear, Conv2d, MaxPool2d, AvgPool2d, GlobalAvgPool2d, BatchNorm2d, Flatten, Softmax, ReLU, Sigmoid, Tanh, Dropout, Residual and Sequential.");
            }
        }
    }
}
