using System.Numerics;
using PnnKit.Core.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace PnnKit.Core.Layers;

/// <summary>
/// The sliding window of a 2-D convolution on NCHW tensors: input channels, kernel, stride, zero pads and
/// dilation, checked once, with the unrolling that turns a convolution into a matrix product.
/// <see cref="Unroll{T}"/> (im2col) lays every receptive field out as one column of
/// <see cref="Patch"/> = C·kH·kW values, row (c·kH + u)·kW + v, the order of a [out, C, kH, kW] weight
/// viewed as [out, C·kH·kW]; <see cref="Fold{T}"/> (col2im) is its adjoint. <see cref="Conv2d{T}"/> and the
/// substrates' convolutions (a crossbar's kernels in its columns) share them.
/// </summary>
public sealed class ConvWindow
{
    /// <summary>A window over <paramref name="inChannels"/> channels; pads are zeros added on each side.</summary>
    public ConvWindow(
        int inChannels, int kernelH, int kernelW,
        int strideH = 1, int strideW = 1, int padTop = 0, int padLeft = 0, int padBottom = 0, int padRight = 0,
        int dilationH = 1, int dilationW = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelH);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelW);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strideH);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strideW);
        ArgumentOutOfRangeException.ThrowIfNegative(padTop);
        ArgumentOutOfRangeException.ThrowIfNegative(padLeft);
        ArgumentOutOfRangeException.ThrowIfNegative(padBottom);
        ArgumentOutOfRangeException.ThrowIfNegative(padRight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dilationH);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dilationW);
        InChannels = inChannels;
        KernelH = kernelH;
        KernelW = kernelW;
        StrideH = strideH;
        StrideW = strideW;
        PadTop = padTop;
        PadLeft = padLeft;
        PadBottom = padBottom;
        PadRight = padRight;
        DilationH = dilationH;
        DilationW = dilationW;
    }

    /// <summary>Input channels C.</summary>
    public int InChannels { get; }

    /// <summary>Kernel height.</summary>
    public int KernelH { get; }

    /// <summary>Kernel width.</summary>
    public int KernelW { get; }

    /// <summary>Vertical stride.</summary>
    public int StrideH { get; }

    /// <summary>Horizontal stride.</summary>
    public int StrideW { get; }

    /// <summary>Zero rows added above the input.</summary>
    public int PadTop { get; }

    /// <summary>Zero columns added left of the input.</summary>
    public int PadLeft { get; }

    /// <summary>Zero rows added below the input.</summary>
    public int PadBottom { get; }

    /// <summary>Zero columns added right of the input.</summary>
    public int PadRight { get; }

    /// <summary>Vertical spacing of kernel taps (1: contiguous).</summary>
    public int DilationH { get; }

    /// <summary>Horizontal spacing of kernel taps (1: contiguous).</summary>
    public int DilationW { get; }

    /// <summary>Values in one receptive field: C·kH·kW.</summary>
    public int Patch => InChannels * KernelH * KernelW;

    /// <summary>Output height for an input of height <paramref name="inputH"/> (≤ 0: the kernel does not fit).</summary>
    public int OutputHeight(int inputH) => ImageShape.OutputSize(inputH, PadTop, PadBottom, KernelH, StrideH, DilationH);

    /// <summary>Output width for an input of width <paramref name="inputW"/> (≤ 0: the kernel does not fit).</summary>
    public int OutputWidth(int inputW) => ImageShape.OutputSize(inputW, PadLeft, PadRight, KernelW, StrideW, DilationW);

    /// <summary>
    /// Checks that <paramref name="x"/> is [batch, <see cref="InChannels"/>, H, W] with a non-empty output,
    /// naming <paramref name="layer"/>; returns the output height and width.
    /// </summary>
    public (int OutH, int OutW) Require<T>(string layer, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ImageShape.RequireNchw(layer, x, InChannels);
        int outH = OutputHeight(x.Dim(2)), outW = OutputWidth(x.Dim(3));
        ImageShape.RequireNonEmpty(layer, x, outH, outW, $"dilated {KernelH}×{KernelW} kernel with its padding");
        return (outH, outW);
    }

    /// <summary>
    /// im2col of batch items [<paramref name="n0"/>, n0 + <paramref name="items"/>) of the NCHW input
    /// <paramref name="x"/> (height <paramref name="h"/>, width <paramref name="w"/>):
    /// columns[(c·kH + u)·kW + v, item·H'·W' + i·W' + j] = x[n0 + item, c, i·sH + u·dH − padTop, j·sW + v·dW − padLeft],
    /// zero where that falls in the padding. <paramref name="columns"/> holds at least Patch · items·H'·W' values;
    /// items are unrolled in parallel, each writing only its own columns.
    /// </summary>
    public void Unroll<T>(T[] x, int h, int w, int n0, int items, T[] columns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(columns);
        int outH = OutputHeight(h), outW = OutputWidth(w), pixels = outH * outW;
        int cols = items * pixels;
        BatchParallel.For(items, (long)Patch * pixels, item =>
        {
            var dst = columns.AsSpan();
            int n = n0 + item;
            for (int c = 0; c < InChannels; c++)
            {
                var plane = x.AsSpan(((n * InChannels) + c) * h * w, h * w);
                for (int u = 0; u < KernelH; u++)
                {
                    var (iLo, iHi) = Inside((u * DilationH) - PadTop, StrideH, h, outH);
                    for (int v = 0; v < KernelW; v++)
                    {
                        int row = (((c * KernelH) + u) * KernelW) + v;
                        var outRow = dst.Slice((row * cols) + (item * pixels), pixels);
                        int offW = (v * DilationW) - PadLeft;
                        var (jLo, jHi) = Inside(offW, StrideW, w, outW);
                        outRow[..(iLo * outW)].Clear();
                        outRow[(iHi * outW)..].Clear();
                        for (int i = iLo; i < iHi; i++)
                        {
                            var line = outRow.Slice(i * outW, outW);
                            var src = plane.Slice(((i * StrideH) + (u * DilationH) - PadTop) * w, w);
                            line[..jLo].Clear();
                            line[jHi..].Clear();
                            if (StrideW == 1)
                            {
                                src.Slice(jLo + offW, jHi - jLo).CopyTo(line[jLo..jHi]);
                            }
                            else
                            {
                                for (int j = jLo; j < jHi; j++)
                                {
                                    line[j] = src[(j * StrideW) + offW];
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    /// <summary>
    /// col2im, the adjoint of <see cref="Unroll{T}"/>: adds each entry of <paramref name="columns"/> (laid out as
    /// Unroll writes them) onto the pixel of <paramref name="dx"/> it was copied from; padding positions are dropped.
    /// </summary>
    public void Fold<T>(T[] columns, T[] dx, int h, int w, int n0, int items) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(dx);
        int outH = OutputHeight(h), outW = OutputWidth(w), pixels = outH * outW;
        int cols = items * pixels;
        BatchParallel.For(items, (long)Patch * pixels, item =>
        {
            var src = columns.AsSpan();
            int n = n0 + item;
            for (int c = 0; c < InChannels; c++)
            {
                var plane = dx.AsSpan(((n * InChannels) + c) * h * w, h * w);
                for (int u = 0; u < KernelH; u++)
                {
                    var (iLo, iHi) = Inside((u * DilationH) - PadTop, StrideH, h, outH);
                    for (int v = 0; v < KernelW; v++)
                    {
                        int row = (((c * KernelH) + u) * KernelW) + v;
                        var inRow = src.Slice((row * cols) + (item * pixels), pixels);
                        int offW = (v * DilationW) - PadLeft;
                        var (jLo, jHi) = Inside(offW, StrideW, w, outW);
                        for (int i = iLo; i < iHi; i++)
                        {
                            var line = inRow.Slice(i * outW, outW);
                            var dst = plane.Slice(((i * StrideH) + (u * DilationH) - PadTop) * w, w);
                            if (StrideW == 1)
                            {
                                var target = dst.Slice(jLo + offW, jHi - jLo);
                                TensorPrimitives.Add<T>(target, line[jLo..jHi], target);
                            }
                            else
                            {
                                for (int j = jLo; j < jHi; j++)
                                {
                                    dst[(j * StrideW) + offW] += line[j];
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    /// <summary>
    /// Range [lo, hi) of output positions along one axis whose tap at offset <paramref name="offset"/>
    /// (tap·dilation − padBefore) lands inside an input of length <paramref name="input"/>.
    /// </summary>
    private static (int Lo, int Hi) Inside(int offset, int stride, int input, int outputs)
    {
        // need 0 ≤ o·stride + offset ≤ input − 1
        int lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        int last = input - 1 - offset;
        int hi = last < 0 ? 0 : Math.Min(outputs, (last / stride) + 1);
        return (Math.Min(lo, hi), hi);
    }
}
