using System.Buffers;
using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace PnnKit.Core.Layers;

/// <summary>
/// Digital 2-D convolution on NCHW tensors, computed as cross-correlation like PyTorch's nn.Conv2d and
/// ONNX Conv: y[n, o, i, j] = b[o] + Σ_{c, u, v} W[o, c, u, v] · x[n, c, i·sH − padTop + u·dH, j·sW − padLeft + v·dW],
/// with zero padding. Initialised like nn.Conv2d (uniform in ±1/√fan_in, fan_in = in·kH·kW).
/// <para>Each block of batch items is unrolled (im2col) into a [in·kH·kW, items·H'·W'] matrix and one
/// <see cref="Gemm"/> does its work. Blocks are sized to stay in a core's L2 between the unrolling and
/// the GEMM's packing, and run in parallel, one per thread, when there are enough of them (else one
/// block at a time with the threads inside it). Block sizes depend only on the shapes, no GEMM splits
/// its reduction, and the weight gradient adds the blocks' partial products in block order, so results
/// are bit-identical for any thread count. The buffers come from <see cref="ArrayPool{T}.Shared"/>, so
/// the steady state allocates only the outputs and evaluation passes may run concurrently.</para>
/// </summary>
public sealed class Conv2d<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Elements of the unrolled-column buffer per block (1 MiB of float32): the block's columns are still
    /// in L2 (1 MiB per core on Zen 4) when the GEMM packs them. On the 2-core Zen 4 VM, ResNet-8's
    /// forward (batch 64, 1 thread, thread CPU time, three runs each under load) took 94–111 ms with 4 Mi
    /// elements (16 MiB: columns streamed through L3 and DRAM), 67–77 ms with 1 Mi, 64–68 ms with 512 Ki,
    /// 59–68 ms with 256 Ki and 65–74 ms with 64 Ki.
    /// </summary>
    internal const int ColumnBudget = 1 << 18;

    /// <summary>Multiply-adds one extra thread must get before blocks run in parallel (≈ 20–40 µs of work).</summary>
    internal const long WorkPerThread = 1L << 20;

    private Tensor<T>? _input;

    /// <summary>
    /// A convolution from <paramref name="inChannels"/> to <paramref name="outChannels"/> with a
    /// <paramref name="kernelH"/> × <paramref name="kernelW"/> kernel; pads are zeros added on each side.
    /// </summary>
    public Conv2d(
        int inChannels, int outChannels, int kernelH, int kernelW, Rng rng,
        int strideH = 1, int strideW = 1, int padTop = 0, int padLeft = 0, int padBottom = 0, int padRight = 0,
        int dilationH = 1, int dilationW = 1, bool bias = true, string name = "conv")
    {
        ArgumentNullException.ThrowIfNull(rng);
        Window = new ConvWindow(inChannels, kernelH, kernelW, strideH, strideW, padTop, padLeft, padBottom, padRight, dilationH, dilationW);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        Name = name;
        OutChannels = outChannels;
        // PyTorch's kaiming_uniform_(a=√5) reduces to uniform ±1/√fan_in; its bias uses the same bound.
        double bound = 1.0 / Math.Sqrt((double)inChannels * kernelH * kernelW);
        Weight = new Parameter<T>("weight", new Tensor<T>(outChannels, inChannels, kernelH, kernelW));
        rng.FillUniform(Weight.Value.Span, -bound, bound);
        if (bias)
        {
            Bias = new Parameter<T>("bias", new Tensor<T>(outChannels));
            rng.FillUniform(Bias.Value.Span, -bound, bound);
        }
        Parameters = Bias is null ? [Weight] : [Weight, Bias];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Kernel, stride, padding and dilation, and the im2col that unrolls inputs for the GEMM.</summary>
    public ConvWindow Window { get; }

    /// <summary>Input channels C.</summary>
    public int InChannels => Window.InChannels;

    /// <summary>Output channels (filters).</summary>
    public int OutChannels { get; }

    /// <summary>Kernel height.</summary>
    public int KernelH => Window.KernelH;

    /// <summary>Kernel width.</summary>
    public int KernelW => Window.KernelW;

    /// <summary>Vertical stride.</summary>
    public int StrideH => Window.StrideH;

    /// <summary>Horizontal stride.</summary>
    public int StrideW => Window.StrideW;

    /// <summary>Zero rows added above the input.</summary>
    public int PadTop => Window.PadTop;

    /// <summary>Zero columns added left of the input.</summary>
    public int PadLeft => Window.PadLeft;

    /// <summary>Zero rows added below the input.</summary>
    public int PadBottom => Window.PadBottom;

    /// <summary>Zero columns added right of the input.</summary>
    public int PadRight => Window.PadRight;

    /// <summary>Vertical spacing of kernel taps (1: contiguous).</summary>
    public int DilationH => Window.DilationH;

    /// <summary>Horizontal spacing of kernel taps (1: contiguous).</summary>
    public int DilationW => Window.DilationW;

    /// <summary>Filters, shape [out, in, kH, kW] (the ONNX and PyTorch layout).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Bias, shape [out], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>How the digital arithmetic is costed.</summary>
    public DigitalCostModel CostModel { get; init; } = new();

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Output height for an input of height <paramref name="inputH"/> (≤ 0: the kernel does not fit).</summary>
    public int OutputHeight(int inputH) => Window.OutputHeight(inputH);

    /// <summary>Output width for an input of width <paramref name="inputW"/> (≤ 0: the kernel does not fit).</summary>
    public int OutputWidth(int inputW) => Window.OutputWidth(inputW);

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        var g = Check(x);
        var y = new Tensor<T>(g.Batch, OutChannels, g.OutH, g.OutW);
        var weights = Weight.Value.Data;
        var bias = Bias?.Value.Data;
        ForBlocks(g, 0, g.Blocks, (b, inner, columns, rows) =>
        {
            int n0 = b * g.Block;
            int items = Math.Min(g.Block, g.Batch - n0);
            int cols = items * g.Pixels;
            Window.Unroll(x.Data, g.H, g.W, n0, items, columns);
            // [out, patch] · [patch, items·pixels] → [out, items·pixels]
            Gemm.Multiply(false, false, OutChannels, cols, g.Patch, T.One, weights, g.Patch, columns, cols, T.Zero, rows, cols, inner ? Gemm.MaxThreads : 1, Gemm.Kernel);
            ScatterOutput(rows, y.Data, g, n0, items, bias, inner);
        });
        _input = ctx.IsTraining ? x : null;
        if (ctx.Ledger is not null)
        {
            // As Linear: MACs per sample = out·in·kH·kW·H'·W'; the weights (and bias) are read once per
            // batch. The unrolling copies and bias adds are not charged, as Linear leaves its bias add out.
            long weightWords = (long)OutChannels * g.Patch + (Bias is null ? 0 : OutChannels);
            CostModel.ChargeDense(ctx.Ledger, Name, (long)OutChannels * g.Patch * g.Pixels, weightWords, g.Batch);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _input ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        var g = Check(x);
        ImageShape.RequireGradShape(Name, gradOutput, [g.Batch, OutChannels, g.OutH, g.OutW]);
        var dx = Tensor<T>.ZerosLike(x);
        var weights = Weight.Value.Data;
        var dW = Weight.Grad.Data;
        int wLength = OutChannels * g.Patch;
        // Each block's dW contribution is its own GEMM into its own slot; the slots are then added onto dW
        // in block order. Blocks go in waves of at most `wave` (bounding that memory), which changes no sum.
        int wave = Math.Min(g.Blocks, Math.Max(1, Gemm.MaxThreads));
        var partials = ArrayPool<T>.Shared.Rent(wave * wLength);
        try
        {
            for (int b0 = 0; b0 < g.Blocks; b0 += wave)
            {
                int waveStart = b0;
                ForBlocks(g, b0, Math.Min(g.Blocks, b0 + wave), (b, inner, columns, rows) =>
                {
                    int n0 = b * g.Block;
                    int items = Math.Min(g.Block, g.Batch - n0);
                    int cols = items * g.Pixels;
                    int threads = inner ? Gemm.MaxThreads : 1;
                    // Unrolling again from the saved input costs patch·pixels copies per item, a fraction 1/out of
                    // the GEMM, and saves keeping every block's columns alive between forward and backward.
                    Window.Unroll(x.Data, g.H, g.W, n0, items, columns);
                    GatherGradient(gradOutput.Data, rows, g, n0, items, inner);
                    // g · columnsᵀ: one GEMM reduces over every item of the block in a fixed order.
                    Gemm.Multiply(false, true, OutChannels, g.Patch, cols, T.One, rows, cols, columns, cols, T.Zero,
                        partials.AsSpan((b - waveStart) * wLength, wLength), g.Patch, threads, Gemm.Kernel);
                    // d(columns) = Wᵀ · g, written over the columns (no longer needed), then folded back onto dx.
                    Gemm.Multiply(true, false, g.Patch, cols, OutChannels, T.One, weights, g.Patch, rows, cols, T.Zero, columns, cols, threads, Gemm.Kernel);
                    Window.Fold(columns, dx.Data, g.H, g.W, n0, items);
                });
                for (int b = b0; b < Math.Min(g.Blocks, b0 + wave); b++)
                {
                    var partial = partials.AsSpan((b - b0) * wLength, wLength);
                    TensorPrimitives.Add<T>(dW, partial, dW);
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(partials);
        }
        if (Bias is not null)
        {
            var db = Bias.Grad.Span;
            var go = gradOutput.Span;
            for (int n = 0; n < g.Batch; n++)
            {
                for (int o = 0; o < OutChannels; o++)
                {
                    T s = T.Zero;
                    foreach (var v in go.Slice(((n * OutChannels) + o) * g.Pixels, g.Pixels))
                    {
                        s += v;
                    }
                    db[o] += s;
                }
            }
        }
        return dx;
    }

    /// <summary>
    /// Runs <paramref name="body"/>(block, inner, columns, rows) for the blocks [<paramref name="b0"/>, <paramref name="b1"/>)
    /// with pooled column and row buffers: in parallel, one block per thread and <c>inner</c> false, when
    /// there are at least as many blocks as the work gives threads; else one block after another with
    /// <c>inner</c> true, so the GEMMs and copies inside each block use the threads. A block's results
    /// do not depend on which way it ran.
    /// </summary>
    private void ForBlocks(Geometry g, int b0, int b1, Action<int, bool, T[], T[]> body)
    {
        int blocks = b1 - b0;
        long items = Math.Min(g.Batch - ((long)b0 * g.Block), (long)blocks * g.Block);
        long work = (long)OutChannels * g.Patch * g.Pixels * items;
        int threads = (int)Math.Clamp(work / WorkPerThread, 1, Math.Max(1, Gemm.MaxThreads));
        int columnsLength = g.Patch * g.Block * g.Pixels, rowsLength = OutChannels * g.Block * g.Pixels;
        if (threads > 1 && blocks >= threads)
        {
            Parallel.For(b0, b1, new ParallelOptions { MaxDegreeOfParallelism = threads },
                () => (Columns: ArrayPool<T>.Shared.Rent(columnsLength), Rows: ArrayPool<T>.Shared.Rent(rowsLength)),
                (b, _, buffers) =>
                {
                    body(b, false, buffers.Columns, buffers.Rows);
                    return buffers;
                },
                buffers =>
                {
                    ArrayPool<T>.Shared.Return(buffers.Columns);
                    ArrayPool<T>.Shared.Return(buffers.Rows);
                });
            return;
        }
        var columns = ArrayPool<T>.Shared.Rent(columnsLength);
        var rows = ArrayPool<T>.Shared.Rent(rowsLength);
        try
        {
            for (int b = b0; b < b1; b++)
            {
                body(b, true, columns, rows);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(columns);
            ArrayPool<T>.Shared.Return(rows);
        }
    }

    /// <summary>Calls <paramref name="body"/> for every item of a block: over the threads when <paramref name="parallel"/>, else in order on this one.</summary>
    private static void ForItems(int items, long workPerItem, bool parallel, Action<int> body)
    {
        if (parallel)
        {
            BatchParallel.For(items, workPerItem, body);
            return;
        }
        for (int i = 0; i < items; i++)
        {
            body(i);
        }
    }

    private Geometry Check(Tensor<T> x)
    {
        var (outH, outW) = Window.Require(Name, x);
        int patch = Window.Patch;
        int pixels = outH * outW;
        long perItem = (long)patch * pixels;
        int block = (int)Math.Clamp(ColumnBudget / Math.Max(1, perItem), 1, Math.Max(1, x.Dim(0)));
        return new Geometry(x.Dim(0), x.Dim(2), x.Dim(3), outH, outW, patch, pixels, block, (x.Dim(0) + block - 1) / block);
    }

    /// <summary>[out, items·pixels] block → y[n0 + item, out, pixels], adding the bias.</summary>
    private void ScatterOutput(T[] rows, T[] y, Geometry g, int n0, int items, T[]? bias, bool parallel)
    {
        int cols = items * g.Pixels;
        ForItems(items, (long)OutChannels * g.Pixels, parallel, item =>
        {
            for (int o = 0; o < OutChannels; o++)
            {
                var src = rows.AsSpan((o * cols) + (item * g.Pixels), g.Pixels);
                var dst = y.AsSpan((((n0 + item) * OutChannels) + o) * g.Pixels, g.Pixels);
                if (bias is null)
                {
                    src.CopyTo(dst);
                }
                else
                {
                    TensorPrimitives.Add<T>(src, bias[o], dst);
                }
            }
        });
    }

    /// <summary>gradOutput[n0 + item, out, pixels] → [out, items·pixels] block, the layout of the forward GEMM's output.</summary>
    private void GatherGradient(T[] grad, T[] rows, Geometry g, int n0, int items, bool parallel)
    {
        int cols = items * g.Pixels;
        ForItems(items, (long)OutChannels * g.Pixels, parallel, item =>
        {
            for (int o = 0; o < OutChannels; o++)
            {
                grad.AsSpan((((n0 + item) * OutChannels) + o) * g.Pixels, g.Pixels).CopyTo(rows.AsSpan((o * cols) + (item * g.Pixels), g.Pixels));
            }
        });
    }

    /// <summary>Sizes of one pass: batch, input and output extents, patch = in·kH·kW, pixels = H'·W', items per block, blocks.</summary>
    private readonly record struct Geometry(int Batch, int H, int W, int OutH, int OutW, int Patch, int Pixels, int Block, int Blocks);
}
