using System.Buffers;
using System.Numerics;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// A 2-D convolution computed by a dense layer on its unrolled patches, the way analog and optical cores run
/// convolutions: the input is unrolled (<see cref="ConvWindow.Unroll{T}"/>, im2col) into [batch·H'·W', C·kH·kW]
/// patches, <see cref="Inner"/> (C·kH·kW inputs, out outputs; a crossbar, a photonic core) reads every patch as one
/// matrix–vector product, and its rows are rearranged to [batch, out, H', W']. Backward is the inner layer's folded
/// back with col2im. So whatever the inner layer charges per sample is charged per output pixel. The patches of the
/// whole batch are one inner read and stay alive for backward in training mode (about three copies of
/// C·kH·kW·batch·H'·W' values at the peak). Substrate convolutions hold one and forward to it.
/// </summary>
public sealed class PatchConvolution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int[]? _inputShape;

    /// <summary>The convolution <paramref name="window"/> read by <paramref name="inner"/>, which maps <see cref="ConvWindow.Patch"/> inputs to <paramref name="outChannels"/> outputs.</summary>
    public PatchConvolution(ConvWindow window, ILayer<T> inner, int outChannels, string name)
    {
        Window = window ?? throw new ArgumentNullException(nameof(window));
        Inner = inner ?? throw new ArgumentNullException(nameof(inner));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        OutChannels = outChannels;
        Name = name;
    }

    /// <summary>The layer's name, for messages.</summary>
    public string Name { get; }

    /// <summary>Kernel, stride, padding and dilation.</summary>
    public ConvWindow Window { get; }

    /// <summary>The dense layer that reads the patches.</summary>
    public ILayer<T> Inner { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Output height for an input of height <paramref name="inputH"/> (≤ 0: the kernel does not fit).</summary>
    public int OutputHeight(int inputH) => Window.OutputHeight(inputH);

    /// <summary>Output width for an input of width <paramref name="inputW"/> (≤ 0: the kernel does not fit).</summary>
    public int OutputWidth(int inputW) => Window.OutputWidth(inputW);

    /// <summary>The convolution of <paramref name="x"/> [batch, C, H, W] through <see cref="Inner"/>.</summary>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        var (outH, outW) = Window.Require(Name, x);
        int batch = x.Dim(0), pixels = outH * outW, patch = Window.Patch, rows = batch * pixels;
        // im2col gives [patch, batch·pixels]; the inner layer reads one patch per row: [batch·pixels, patch].
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

    /// <summary>dL/dx for dL/dy <paramref name="gradOutput"/> of the last training-mode forward; the inner layer accumulates its parameter gradients.</summary>
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
        // The inner layer's backward (a crossbar's transposed read) gives d(patches) [batch·pixels, patch]; col2im folds it onto dx.
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
