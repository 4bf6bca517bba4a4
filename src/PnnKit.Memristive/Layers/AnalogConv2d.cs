using System.Buffers;
using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Memristive.Layers;

/// <summary>
/// A 2-D convolution on crossbar tiles (Digital → Digital, NCHW, cross-correlation like <see cref="Conv2d{T}"/>),
/// in the standard mapping: each of the <see cref="OutChannels"/> kernels is one crossbar column of
/// C·kH·kW rows, and every output pixel is one analog matrix–vector product of its input patch
/// (Gokmen, Onen and Haensch, Front. Neurosci. 2017; aihwkit's AnalogConv2d). Tiles of the configured size
/// split the rows and columns as for a dense layer.
/// <para>It is composed, not re-derived: the input is unrolled (<see cref="ConvWindow.Unroll{T}"/>, im2col)
/// into [batch·H'·W', C·kH·kW] patches, <see cref="Inner"/> — an <see cref="AnalogLinear{T}"/> with C·kH·kW
/// inputs and <see cref="OutChannels"/> outputs — reads them all with its DACs, noise and bound management,
/// tiles, ADCs and drift compensation, and its rows are rearranged to [batch, out, H', W']. So every cost
/// the inner layer charges per sample is charged per output pixel: DAC conversions C·kH·kW·column-blocks,
/// ADC conversions out·row-blocks (plus bound-management re-reads), tile reads tile-count. Backward is the
/// inner layer's (the transposed read, straight-through converters) folded back with col2im. The unrolled
/// patches of the whole batch are one inner read and stay alive for backward in training mode: memory
/// C·kH·kW·batch·H'·W' values, about three copies at the peak.</para>
/// <para><see cref="Weight"/> is the inner layer's weight parameter viewed as [out, C, kH, kW]
/// (<see cref="Parameter{T}.Reshape"/>: one storage, one gradient), <see cref="Bias"/> the inner layer's
/// digital bias; a checkpoint therefore sees each weight once, under the shape and names of the
/// <see cref="Conv2d{T}"/> it stands for. Fabricate, age and calibrate through <see cref="Inner"/>
/// (<see cref="AnalogLinear{T}.Program"/>, <see cref="AnalogLinear{T}.Instance"/>,
/// <see cref="AnalogLinear{T}.Compensation"/>). Kernels are not replicated across tiles.</para>
/// </summary>
public sealed class AnalogConv2d<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int[]? _inputShape;

    /// <summary>
    /// A convolution from <paramref name="inChannels"/> to <paramref name="outChannels"/> with a
    /// <paramref name="kernelH"/> × <paramref name="kernelW"/> kernel on crossbar tiles set up by
    /// <paramref name="config"/> (default <see cref="AnalogConfig"/>); pads are zeros added on each side.
    /// Weights are drawn as <see cref="AnalogLinear{T}"/> draws them for C·kH·kW inputs: uniform ±1/√fan_in,
    /// as <see cref="Conv2d{T}"/>, clipped to the mapping's range.
    /// </summary>
    public AnalogConv2d(
        int inChannels, int outChannels, int kernelH, int kernelW, Rng rng, AnalogConfig? config = null,
        int strideH = 1, int strideW = 1, int padTop = 0, int padLeft = 0, int padBottom = 0, int padRight = 0,
        int dilationH = 1, int dilationW = 1, bool bias = true, string name = "analog-conv")
    {
        ArgumentNullException.ThrowIfNull(rng);
        Window = new ConvWindow(inChannels, kernelH, kernelW, strideH, strideW, padTop, padLeft, padBottom, padRight, dilationH, dilationW);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        Name = name;
        Inner = new AnalogLinear<T>(Window.Patch, outChannels, rng, config, bias, name);
        Weight = Inner.Weight.Reshape(outChannels, inChannels, kernelH, kernelW);
        Bias = Inner.Bias;
        Parameters = Bias is null ? [Weight] : [Weight, Bias];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Kernel, stride, padding and dilation.</summary>
    public ConvWindow Window { get; }

    /// <summary>
    /// The dense crossbar layer that reads the patches: C·kH·kW inputs, <see cref="OutChannels"/> outputs,
    /// the same name. Its tiles, programmed instance and drift compensation are this layer's.
    /// </summary>
    public AnalogLinear<T> Inner { get; }

    /// <summary>Input channels C.</summary>
    public int InChannels => Window.InChannels;

    /// <summary>Output channels (kernels, one crossbar column each).</summary>
    public int OutChannels => Inner.Outputs;

    /// <summary>Converter, noise and mapping settings (the inner layer's).</summary>
    public AnalogConfig Config => Inner.Config;

    /// <summary>Kernels [out, in, kH, kW] (the ONNX and PyTorch layout): the inner layer's [out, in·kH·kW] weights, same storage, bounded to ±WeightMax.</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Digital bias [out], or null (the inner layer's).</summary>
    public Parameter<T>? Bias { get; }

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
        var (outH, outW) = Window.Require(Name, x);
        int batch = x.Dim(0), pixels = outH * outW, patch = Window.Patch, rows = batch * pixels;
        // im2col gives [patch, batch·pixels]; the crossbar reads one patch per row: [batch·pixels, patch].
        var patches = new Tensor<T>(rows, patch);
        var columns = ArrayPool<T>.Shared.Rent(patch * rows);
        try
        {
            Window.Unroll(x.Data, x.Dim(2), x.Dim(3), 0, batch, columns);
            Transpose(columns, patch, rows, patches.Data);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(columns);
        }
        var read = Inner.Forward(patches, ctx);
        var y = new Tensor<T>(batch, OutChannels, outH, outW);
        int block = pixels * OutChannels;
        for (int n = 0; n < batch; n++)
        {
            // [pixels, out] rows of item n → its [out, pixels] feature maps.
            Transpose(read.Data.AsSpan(n * block, block), pixels, OutChannels, y.Data.AsSpan(n * block, block));
        }
        _inputShape = ctx.IsTraining ? x.Shape.ToArray() : null;
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var shape = _inputShape ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        int batch = shape[0], h = shape[2], w = shape[3];
        int outH = OutputHeight(h), outW = OutputWidth(w), pixels = outH * outW, patch = Window.Patch, rows = batch * pixels;
        if (!gradOutput.Shape.SequenceEqual([batch, OutChannels, outH, outW]))
        {
            throw new ArgumentException($"{Name}: gradient of shape [{string.Join(", ", gradOutput.Shape.ToArray())}] does not match the output shape [{batch}, {OutChannels}, {outH}, {outW}].", nameof(gradOutput));
        }
        var g = new Tensor<T>(rows, OutChannels);
        int block = pixels * OutChannels;
        for (int n = 0; n < batch; n++)
        {
            Transpose(gradOutput.Data.AsSpan(n * block, block), OutChannels, pixels, g.Data.AsSpan(n * block, block));
        }
        // The transposed crossbar read gives d(patches) [batch·pixels, patch]; col2im folds it onto dx.
        var dPatches = Inner.Backward(g);
        var dx = new Tensor<T>(shape);
        var columns = ArrayPool<T>.Shared.Rent(patch * rows);
        try
        {
            Transpose(dPatches.Data, rows, patch, columns);
            Window.Fold(columns, dx.Data, h, w, 0, batch);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(columns);
        }
        return dx;
    }

    /// <summary>dst[j, i] = src[i, j] for a row-major [rows, cols] source, in cache-sized tiles.</summary>
    private static void Transpose(ReadOnlySpan<T> src, int rows, int cols, Span<T> dst)
    {
        const int tile = 32;
        for (int i0 = 0; i0 < rows; i0 += tile)
        {
            int i1 = Math.Min(rows, i0 + tile);
            for (int j0 = 0; j0 < cols; j0 += tile)
            {
                int j1 = Math.Min(cols, j0 + tile);
                for (int i = i0; i < i1; i++)
                {
                    for (int j = j0; j < j1; j++)
                    {
                        dst[(j * rows) + i] = src[(i * cols) + j];
                    }
                }
            }
        }
    }
}
