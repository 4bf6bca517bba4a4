using Google.Protobuf;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Interop.Onnx;

namespace PnnKit.Interop;

/// <summary>
/// Reads an ONNX model (opset ≥ 13) into PnnKit layers. The graph must have one input and one output; residual
/// additions become <see cref="Residual{T}"/> blocks around the two branches from their fork. Batch normalization
/// after a Conv or Gemm/MatMul whose output feeds nothing else is folded into its weights and bias; MatMul followed by
/// the addition of a constant becomes one <see cref="Linear{T}"/>. Any other operator is refused, naming the node.
/// </summary>
public static class OnnxImporter
{
    /// <summary>The lowest default-domain opset read (the one whose operator semantics the mapping follows).</summary>
    public const int MinimumOpset = 13;

    /// <summary>Op types the importer maps, in the order the error message lists them.</summary>
    public static readonly string[] SupportedOps =
        ["Gemm", "MatMul", "Add", "Conv", "Relu", "Sigmoid", "Tanh", "MaxPool", "AveragePool", "GlobalAveragePool", "BatchNormalization", "Flatten", "Reshape", "Softmax", "Identity", "Dropout", "Constant", "Pad (all zeros)"];

    /// <summary>Reads <paramref name="path"/>; throws <see cref="OnnxModelException"/> naming the file and node on anything it cannot map.</summary>
    public static ImportedModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such ONNX file.", path);
        }
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Reads an ONNX model from <paramref name="stream"/> (an embedded resource, a download); <paramref name="path"/> names it in messages.</summary>
    public static ImportedModel Load(Stream stream, string path)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxModelException($"{path}: not an ONNX model (the protobuf does not parse: {e.Message}).", e);
        }
        return Read(model, path);
    }

    /// <summary>Maps an already-parsed <paramref name="model"/>; <paramref name="path"/> names it in messages.</summary>
    public static ImportedModel Read(ModelProto model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new GraphReader(model, path).Read();
    }

    // One value of the graph, as the layers that compute it from the input: an input, a layer applied to a value,
    // or a residual block applied at the fork of its two branches.
    private abstract class Expr
    {
        public abstract Expr? Parent { get; }
    }

    private sealed class InputExpr : Expr
    {
        public override Expr? Parent => null;
    }

    private sealed class ApplyExpr(Expr inner, ILayer<float> layer, string node) : Expr
    {
        public Expr Inner { get; } = inner;

        public ILayer<float> Layer { get; set; } = layer;

        public string Node { get; } = node;

        public override Expr? Parent => Inner;
    }

    private sealed class AddExpr(Expr fork, ILayer<float> block) : Expr
    {
        public Expr Fork { get; } = fork;

        public ILayer<float> Block { get; } = block;

        public override Expr? Parent => Fork;
    }

    private sealed class GraphReader
    {
        private readonly ModelProto _model;
        private readonly string _path;
        private readonly Dictionary<string, TensorProto> _constants = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Expr> _values = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _consumers = new(StringComparer.Ordinal);
        private readonly List<string> _notes = [];
        private readonly Rng _rng = new(0); // weights are overwritten from the file; the draw only sizes them
        private int _layerCount;

        public GraphReader(ModelProto model, string path)
        {
            _model = model;
            _path = path;
        }

        public ImportedModel Read()
        {
            var graph = _model.Graph ?? throw new OnnxModelException($"{_path}: the model has no graph.");
            int opset = _model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => (int)o.Version).DefaultIfEmpty(0).Max();
            if (opset < MinimumOpset)
            {
                throw new OnnxModelException($"{_path}: the model declares opset {opset}; PnnKit reads opset {MinimumOpset} or later (re-export with opset_version ≥ {MinimumOpset}).");
            }
            foreach (var init in graph.Initializer)
            {
                _constants[init.Name] = init;
            }
            var inputs = graph.Input.Where(i => !_constants.ContainsKey(i.Name)).ToList();
            if (inputs.Count != 1 || graph.Output.Count != 1)
            {
                throw new OnnxModelException($"{_path}: PnnKit imports graphs with one input and one output; this one has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}) and {graph.Output.Count} outputs.");
            }
            var input = inputs[0];
            int[] shape = InputShape(input);
            var root = new InputExpr();
            _values[input.Name] = root;
            foreach (var node in graph.Node)
            {
                foreach (string name in node.Input.Where(n => n.Length > 0))
                {
                    _consumers[name] = _consumers.GetValueOrDefault(name) + 1;
                }
            }
            foreach (var node in graph.Node)
            {
                Map(node);
            }
            string output = graph.Output[0].Name;
            if (!_values.TryGetValue(output, out var result))
            {
                throw new OnnxModelException($"{_path}: the graph output '{output}' is not computed from its input.");
            }
            var layers = Path(root, result);
            if (layers.Count == 0)
            {
                throw new OnnxModelException($"{_path}: the graph computes nothing (its output is its input).");
            }
            var counts = graph.Node.GroupBy(n => n.OpType, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            string producer = $"{_model.ProducerName} {_model.ProducerVersion}".Trim();
            return new ImportedModel(_path, new Sequential<float>([.. layers]), input.Name, shape, output, opset, producer, counts, _notes);
        }

        private int[] InputShape(ValueInfoProto input)
        {
            var dims = input.Type?.TensorType?.Shape?.Dim;
            if (dims is null || dims.Count < 2)
            {
                throw new OnnxModelException($"{_path}: input '{input.Name}' needs a shape [batch, ...] of rank ≥ 2.");
            }
            return [.. dims.Skip(1).Select((d, i) => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue > 0
                ? checked((int)d.DimValue)
                : throw new OnnxModelException($"{_path}: input '{input.Name}' axis {i + 1} has no fixed size ('{d.DimParam}'); only the batch axis may vary."))];
        }

        private string Where(NodeProto node) => $"{_path}: node '{node.Name}' ({node.OpType})";

        private void Map(NodeProto node)
        {
            if (node.Domain is not ("" or "ai.onnx"))
            {
                throw Unsupported(node);
            }
            switch (node.OpType)
            {
                case "Constant":
                    _constants[node.Output[0]] = Attribute(node, "value")?.T ?? throw new OnnxModelException($"{Where(node)}: only tensor-valued Constant nodes are read.");
                    return;
                case "Identity":
                case "Dropout":
                    // Inference: both pass the input through (Dropout's optional mask output must be unused).
                    if (node.Output.Count > 1 && node.Output[1].Length > 0 && _consumers.ContainsKey(node.Output[1]))
                    {
                        throw new OnnxModelException($"{Where(node)}: its mask output is used; PnnKit imports inference graphs.");
                    }
                    _values[node.Output[0]] = Value(node, 0);
                    _notes.Add($"skipped {node.OpType} node '{node.Name}' (identity at inference)");
                    return;
                case "Pad":
                    // PyTorch writes avg_pool2d(count_include_pad=True) as a Pad before the pooling, all zeros when there is no padding.
                    long[] pads = Constant(node, 1) is { } p ? OnnxTensors.Longs(p, Where(node)) : Ints(node, "pads");
                    if (pads.Any(v => v != 0))
                    {
                        throw new OnnxModelException($"{Where(node)}: pads [{string.Join(", ", pads)}]; PnnKit maps only an all-zero Pad (put the padding in the Conv or pooling node).");
                    }
                    _values[node.Output[0]] = Value(node, 0);
                    _notes.Add($"skipped Pad node '{node.Name}' (all zeros)");
                    return;
                case "Add":
                    MapAdd(node);
                    return;
                case "BatchNormalization":
                    MapBatchNorm(node);
                    return;
                default:
                    break;
            }
            var layer = node.OpType switch
            {
                "Gemm" => (ILayer<float>)Gemm(node),
                "MatMul" => MatMul(node),
                "Conv" => Conv(node),
                "Relu" => new ReLU<float>(),
                "Sigmoid" => new Sigmoid<float>(),
                "Tanh" => new Tanh<float>(),
                "MaxPool" => Pool(node, max: true),
                "AveragePool" => Pool(node, max: false),
                "GlobalAveragePool" => new GlobalAvgPool2d<float>(Name("globalavgpool")),
                "Flatten" => Flatten(node),
                "Reshape" => Reshape(node),
                "Softmax" => Softmax(node),
                _ => throw Unsupported(node),
            };
            if (node.Output.Count != 1 && node.Output.Skip(1).Any(o => o.Length > 0 && _consumers.ContainsKey(o)))
            {
                throw new OnnxModelException($"{Where(node)}: only its first output may be used.");
            }
            _values[node.Output[0]] = new ApplyExpr(Value(node, 0), layer, node.Name);
        }

        private OnnxModelException Unsupported(NodeProto node) =>
            new($"{Where(node)}: op type '{(node.Domain.Length > 0 ? node.Domain + "." : "")}{node.OpType}' is not supported; PnnKit imports {string.Join(", ", SupportedOps)}.");

        private string Name(string kind) => $"{kind}{++_layerCount}";

        private Expr Value(NodeProto node, int input)
        {
            string name = input < node.Input.Count ? node.Input[input] : "";
            if (_values.TryGetValue(name, out var e))
            {
                return e;
            }
            throw new OnnxModelException(_constants.ContainsKey(name)
                ? $"{Where(node)}: input {input} ('{name}') is a constant; PnnKit expects the signal there."
                : $"{Where(node)}: input {input} ('{name}') is not computed before this node (the graph must be topologically sorted).");
        }

        private TensorProto? Constant(NodeProto node, int input) =>
            input < node.Input.Count && node.Input[input].Length > 0 ? _constants.GetValueOrDefault(node.Input[input]) : null;

        private TensorProto RequireConstant(NodeProto node, int input, string what) =>
            Constant(node, input) ?? throw new OnnxModelException($"{Where(node)}: input {input} ({what}) must be an initializer or Constant; PnnKit maps weights, not computed tensors.");

        private static AttributeProto? Attribute(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

        private static long Int(NodeProto node, string name, long fallback) => Attribute(node, name) is { } a ? a.I : fallback;

        private static float Float(NodeProto node, string name, float fallback) => Attribute(node, name) is { } a ? a.F : fallback;

        private static long[] Ints(NodeProto node, string name, params long[] fallback) => Attribute(node, name) is { } a ? [.. a.Ints] : fallback;

        private static string Text(NodeProto node, string name, string fallback) => Attribute(node, name) is { } a ? a.S.ToStringUtf8() : fallback;

        private Linear<float> Gemm(NodeProto node)
        {
            if (Int(node, "transA", 0) != 0)
            {
                throw new OnnxModelException($"{Where(node)}: transA = 1 is not supported (the signal must be the left operand, untransposed).");
            }
            var b = RequireConstant(node, 1, "B, the weights");
            int[] dims = OnnxTensors.Dims(b);
            if (dims.Length != 2)
            {
                throw new OnnxModelException($"{Where(node)}: weights '{b.Name}' have rank {dims.Length}; Gemm needs a matrix.");
            }
            bool transB = Int(node, "transB", 0) != 0;
            float alpha = Float(node, "alpha", 1), beta = Float(node, "beta", 1);
            int outputs = transB ? dims[0] : dims[1], inputs = transB ? dims[1] : dims[0];
            float[] w = OnnxTensors.Floats(b, Where(node));
            var c = Constant(node, 2);
            if (node.Input.Count > 2 && node.Input[2].Length > 0 && c is null)
            {
                throw new OnnxModelException($"{Where(node)}: its bias C must be an initializer.");
            }
            var linear = new Linear<float>(inputs, outputs, _rng, bias: c is not null, name: Name("gemm"));
            var weight = linear.Weight.Value.Span;
            for (int o = 0; o < outputs; o++)
            {
                for (int i = 0; i < inputs; i++)
                {
                    weight[(o * inputs) + i] = alpha * (transB ? w[(o * inputs) + i] : w[(i * outputs) + o]);
                }
            }
            if (c is not null)
            {
                SetBias(node, linear, OnnxTensors.Floats(c, Where(node)), beta);
            }
            return linear;
        }

        private void SetBias(NodeProto node, Linear<float> linear, float[] bias, float scale)
        {
            var span = linear.Bias!.Value.Span;
            if (bias.Length != span.Length && bias.Length != 1)
            {
                throw new OnnxModelException($"{Where(node)}: bias has {bias.Length} values for {span.Length} outputs.");
            }
            for (int o = 0; o < span.Length; o++)
            {
                span[o] = scale * bias[bias.Length == 1 ? 0 : o];
            }
        }

        private Linear<float> MatMul(NodeProto node)
        {
            var b = RequireConstant(node, 1, "B, the weights");
            int[] dims = OnnxTensors.Dims(b);
            if (dims.Length != 2)
            {
                throw new OnnxModelException($"{Where(node)}: weights '{b.Name}' have rank {dims.Length}; PnnKit maps MatMul by a matrix.");
            }
            float[] w = OnnxTensors.Floats(b, Where(node));
            var linear = new Linear<float>(dims[0], dims[1], _rng, bias: false, name: Name("matmul"));
            var weight = linear.Weight.Value.Span;
            for (int o = 0; o < dims[1]; o++)
            {
                for (int i = 0; i < dims[0]; i++)
                {
                    weight[(o * dims[0]) + i] = w[(i * dims[1]) + o];
                }
            }
            return linear;
        }

        private void MapAdd(NodeProto node)
        {
            int constant = Constant(node, 0) is not null ? 0 : Constant(node, 1) is not null ? 1 : -1;
            if (constant >= 0)
            {
                // x·W + b: the bias of the MatMul before it, when nothing else reads the product.
                var signal = Value(node, 1 - constant);
                if (signal is ApplyExpr { Layer: Linear<float> { Bias: null } bare } apply && _consumers.GetValueOrDefault(node.Input[1 - constant]) == 1)
                {
                    var linear = new Linear<float>(bare.Inputs, bare.Outputs, _rng, bias: true, name: bare.Name);
                    bare.Weight.Value.Span.CopyTo(linear.Weight.Value.Span);
                    SetBias(node, linear, OnnxTensors.Floats(Constant(node, constant)!, Where(node)), 1);
                    apply.Layer = linear;
                    _values[node.Output[0]] = apply;
                    return;
                }
                throw new OnnxModelException($"{Where(node)}: adding a constant is supported only as the bias of a MatMul whose product nothing else reads.");
            }
            // A residual connection: the two branches from the value where they fork.
            var a = Value(node, 0);
            var b = Value(node, 1);
            var onA = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
            for (var e = a; e is not null; e = e.Parent)
            {
                onA.Add(e);
            }
            var fork = b;
            while (fork is not null && !onA.Contains(fork))
            {
                fork = fork.Parent;
            }
            if (fork is null)
            {
                throw new OnnxModelException($"{Where(node)}: its two inputs do not share an ancestor.");
            }
            var main = Path(fork, a);
            var shortcut = Path(fork, b);
            if (main.Count == 0)
            {
                (main, shortcut) = (shortcut, main);
            }
            if (main.Count == 0)
            {
                throw new OnnxModelException($"{Where(node)}: adds a value to itself; PnnKit maps residual additions (x + f(x)).");
            }
            var block = new Residual<float>(Chain(main), shortcut.Count == 0 ? null : Chain(shortcut), Name("residual"));
            _values[node.Output[0]] = new AddExpr(fork, block);
        }

        private static ILayer<float> Chain(List<ILayer<float>> layers) => layers.Count == 1 ? layers[0] : new Sequential<float>([.. layers]);

        /// <summary>The layers that compute <paramref name="to"/> from <paramref name="from"/> (an ancestor), in order.</summary>
        private List<ILayer<float>> Path(Expr from, Expr to)
        {
            var layers = new List<ILayer<float>>();
            for (var e = to; !ReferenceEquals(e, from); e = e.Parent)
            {
                layers.Add(e switch
                {
                    ApplyExpr a => a.Layer,
                    AddExpr r => r.Block,
                    _ => throw new OnnxModelException($"{_path}: a branch does not reach back to its fork."),
                });
            }
            layers.Reverse();
            return layers;
        }

        private Conv2d<float> Conv(NodeProto node)
        {
            var w = RequireConstant(node, 1, "W, the kernels");
            int[] dims = OnnxTensors.Dims(w);
            if (dims.Length != 4)
            {
                throw new OnnxModelException($"{Where(node)}: kernels of rank {dims.Length}; PnnKit maps 2-D convolutions (rank-4 kernels).");
            }
            if (Int(node, "group", 1) != 1)
            {
                throw new OnnxModelException($"{Where(node)}: group = {Int(node, "group", 1)}; PnnKit maps group = 1 only.");
            }
            var (pads, strides, dilations) = Window(node, 2);
            var b = Constant(node, 2);
            var conv = new Conv2d<float>(dims[1], dims[0], dims[2], dims[3], _rng, (int)strides[0], (int)strides[1], (int)pads[0], (int)pads[1], (int)pads[2], (int)pads[3],
                (int)dilations[0], (int)dilations[1], bias: b is not null, name: Name("conv"));
            long[] kernel = Ints(node, "kernel_shape", dims[2], dims[3]);
            if (kernel.Length != 2 || kernel[0] != dims[2] || kernel[1] != dims[3])
            {
                throw new OnnxModelException($"{Where(node)}: kernel_shape [{string.Join(", ", kernel)}] does not match the kernels [{dims[2]}, {dims[3]}].");
            }
            OnnxTensors.Floats(w, Where(node)).CopyTo(conv.Weight.Value.Span);
            if (b is not null)
            {
                OnnxTensors.Floats(b, Where(node)).CopyTo(conv.Bias!.Value.Span);
            }
            return conv;
        }

        /// <summary>Pads [top, left, bottom, right], strides and dilations of a 2-D window op; refuses auto_pad other than NOTSET/VALID.</summary>
        private (long[] Pads, long[] Strides, long[] Dilations) Window(NodeProto node, int spatial)
        {
            string autoPad = Text(node, "auto_pad", "NOTSET");
            if (autoPad is not ("NOTSET" or "VALID"))
            {
                throw new OnnxModelException($"{Where(node)}: auto_pad = {autoPad} is not supported; export with explicit pads (NOTSET).");
            }
            long[] pads = autoPad == "VALID" ? new long[2 * spatial] : Ints(node, "pads", new long[2 * spatial]);
            long[] strides = Ints(node, "strides", [.. Enumerable.Repeat(1L, spatial)]);
            long[] dilations = Ints(node, "dilations", [.. Enumerable.Repeat(1L, spatial)]);
            if (pads.Length != 2 * spatial || strides.Length != spatial || dilations.Length != spatial)
            {
                throw new OnnxModelException($"{Where(node)}: PnnKit maps 2-D windows; got pads [{string.Join(", ", pads)}], strides [{string.Join(", ", strides)}], dilations [{string.Join(", ", dilations)}].");
            }
            return (pads, strides, dilations);
        }

        private ILayer<float> Pool(NodeProto node, bool max)
        {
            if (Int(node, "ceil_mode", 0) != 0)
            {
                throw new OnnxModelException($"{Where(node)}: ceil_mode = 1 is not supported (floor only).");
            }
            long[] kernel = Ints(node, "kernel_shape");
            if (kernel.Length != 2)
            {
                throw new OnnxModelException($"{Where(node)}: kernel_shape [{string.Join(", ", kernel)}]; PnnKit maps 2-D pooling.");
            }
            var (pads, strides, dilations) = Window(node, 2);
            if (dilations.Any(d => d != 1) || Int(node, "storage_order", 0) != 0)
            {
                throw new OnnxModelException($"{Where(node)}: dilated pooling and column-major storage_order are not supported.");
            }
            return max
                ? new MaxPool2d<float>((int)kernel[0], (int)kernel[1], (int)strides[0], (int)strides[1], (int)pads[0], (int)pads[1], (int)pads[2], (int)pads[3], Name("maxpool"))
                : new AvgPool2d<float>((int)kernel[0], (int)kernel[1], (int)strides[0], (int)strides[1], (int)pads[0], (int)pads[1], (int)pads[2], (int)pads[3], Int(node, "count_include_pad", 0) != 0, Name("avgpool"));
        }

        private void MapBatchNorm(NodeProto node)
        {
            if (Int(node, "training_mode", 0) != 0 || node.Output.Skip(1).Any(o => o.Length > 0))
            {
                throw new OnnxModelException($"{Where(node)}: training-mode batch normalization is not supported; export the model in eval mode.");
            }
            float eps = Float(node, "epsilon", 1e-5f);
            float[] Vector(int i, string what) => OnnxTensors.Floats(RequireConstant(node, i, what), Where(node));
            float[] scale = Vector(1, "scale"), shift = Vector(2, "B"), mean = Vector(3, "input_mean"), variance = Vector(4, "input_var");
            var x = Value(node, 0);
            bool alone = _consumers.GetValueOrDefault(node.Input[0]) == 1;
            if (alone && x is ApplyExpr { Layer: Conv2d<float> or Linear<float> } apply)
            {
                apply.Layer = Fold(node, apply.Layer, scale, shift, mean, variance, eps);
                _values[node.Output[0]] = apply;
                _notes.Add($"folded BatchNormalization '{node.Name}' into '{apply.Node}'");
                return;
            }
            var bn = new BatchNorm2d<float>(scale.Length, eps, name: Name("batchnorm"));
            scale.CopyTo(bn.Scale.Value.Span);
            shift.CopyTo(bn.Shift.Value.Span);
            mean.CopyTo(bn.RunningMean.Span);
            variance.CopyTo(bn.RunningVariance.Span);
            _values[node.Output[0]] = new ApplyExpr(x, bn, node.Name);
        }

        /// <summary>y = γ·(Wx + b − μ)/√(σ² + ε) + β as one layer: W′ = W·γ/√(σ² + ε) per output channel, b′ = (b − μ)·γ/√(σ² + ε) + β.</summary>
        private ILayer<float> Fold(NodeProto node, ILayer<float> layer, float[] scale, float[] shift, float[] mean, float[] variance, float eps)
        {
            int channels = layer is Conv2d<float> c ? c.OutChannels : ((Linear<float>)layer).Outputs;
            if (scale.Length != channels || shift.Length != channels || mean.Length != channels || variance.Length != channels)
            {
                throw new OnnxModelException($"{Where(node)}: statistics for {scale.Length} channels after a layer of {channels}.");
            }
            (Parameter<float> weight, Parameter<float>? bias, ILayer<float> withBias) = layer switch
            {
                Conv2d<float> conv => Rebuilt(conv),
                Linear<float> linear => Rebuilt(linear),
                _ => throw new InvalidOperationException("Only Conv2d and Linear fold."),
            };
            var w = weight.Value.Span;
            int per = w.Length / channels;
            var b = bias!.Value.Span;
            for (int o = 0; o < channels; o++)
            {
                double g = scale[o] / Math.Sqrt(variance[o] + (double)eps);
                for (int k = 0; k < per; k++)
                {
                    w[(o * per) + k] = (float)(w[(o * per) + k] * g);
                }
                b[o] = (float)(((b[o] - mean[o]) * g) + shift[o]);
            }
            return withBias;
        }

        // The same layer with a bias (zero when it had none), so that folding has somewhere to put β − μ·γ/σ.
        private (Parameter<float>, Parameter<float>?, ILayer<float>) Rebuilt(Conv2d<float> conv)
        {
            var copy = new Conv2d<float>(conv.InChannels, conv.OutChannels, conv.KernelH, conv.KernelW, _rng, conv.StrideH, conv.StrideW, conv.PadTop, conv.PadLeft, conv.PadBottom, conv.PadRight,
                conv.DilationH, conv.DilationW, bias: true, name: conv.Name);
            conv.Weight.Value.Span.CopyTo(copy.Weight.Value.Span);
            if (conv.Bias is null)
            {
                copy.Bias!.Value.Clear();
            }
            else
            {
                conv.Bias.Value.Span.CopyTo(copy.Bias!.Value.Span);
            }
            return (copy.Weight, copy.Bias, copy);
        }

        private (Parameter<float>, Parameter<float>?, ILayer<float>) Rebuilt(Linear<float> linear)
        {
            var copy = new Linear<float>(linear.Inputs, linear.Outputs, _rng, bias: true, name: linear.Name);
            linear.Weight.Value.Span.CopyTo(copy.Weight.Value.Span);
            if (linear.Bias is null)
            {
                copy.Bias!.Value.Clear();
            }
            else
            {
                linear.Bias.Value.Span.CopyTo(copy.Bias!.Value.Span);
            }
            return (copy.Weight, copy.Bias, copy);
        }

        private Flatten<float> Flatten(NodeProto node)
        {
            long axis = Int(node, "axis", 1);
            return axis == 1 ? new Flatten<float>(Name("flatten")) : throw new OnnxModelException($"{Where(node)}: axis = {axis}; PnnKit flattens everything after the batch axis (axis = 1).");
        }

        private Flatten<float> Reshape(NodeProto node)
        {
            long[] target = OnnxTensors.Longs(RequireConstant(node, 1, "shape"), Where(node));
            // [batch, everything else]: [-1, k], [0, -1], [0, k] (or [N, -1] with the batch size written in) is a Flatten;
            // with k written, the flatten refuses a sample of another size (a [-1, k] that regroups samples is not a flatten).
            if (target.Length == 2 && (target[0] is 0 or -1 || target[1] == -1))
            {
                _notes.Add($"Reshape '{node.Name}' to [{string.Join(", ", target)}] read as a flatten after the batch axis");
                return new Flatten<float>(Name("flatten"), target[1] > 0 ? checked((int)target[1]) : null);
            }
            throw new OnnxModelException($"{Where(node)}: reshape to [{string.Join(", ", target)}]; PnnKit maps only reshapes to [batch, features] (a flatten).");
        }

        private Softmax<float> Softmax(NodeProto node)
        {
            long axis = Int(node, "axis", -1);
            return axis is -1 or 1 ? new Softmax<float>(Name("softmax")) : throw new OnnxModelException($"{Where(node)}: axis = {axis}; PnnKit applies softmax over the class axis of [batch, classes].");
        }
    }
}
