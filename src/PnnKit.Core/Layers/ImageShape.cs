using System.Numerics;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>Shape checks and output sizes shared by the NCHW layers (convolution, pooling).</summary>
internal static class ImageShape
{
    /// <summary>"[2, 3, 8, 8]".</summary>
    public static string Format(ReadOnlySpan<int> shape) => $"[{string.Join(", ", shape.ToArray())}]";

    /// <summary>
    /// Output length along one axis, ONNX/PyTorch floor rule: (in + pads − dilation·(kernel − 1) − 1)/stride + 1;
    /// zero or less when the padded input is shorter than the dilated kernel.
    /// </summary>
    public static int OutputSize(int input, int padBefore, int padAfter, int kernel, int stride, int dilation)
    {
        long span = (long)input + padBefore + padAfter - ((long)dilation * (kernel - 1)) - 1;
        return span < 0 ? 0 : (int)((span / stride) + 1);
    }

    /// <summary>Requires a rank-4 [batch, C, H, W] input (with C = <paramref name="channels"/> unless null), naming the layer and both shapes.</summary>
    public static void RequireNchw<T>(string layer, Tensor<T> x, int? channels) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Rank != 4 || (channels is int c && x.Dim(1) != c))
        {
            string expected = $"[batch, {(channels is int ch ? ch.ToString() : "C")}, H, W]";
            throw new ArgumentException($"{layer}: expects input of shape {expected}, got {Format(x.Shape)}.", nameof(x));
        }
    }

    /// <summary>Throws when the output would have no elements along H or W.</summary>
    public static void RequireNonEmpty<T>(string layer, Tensor<T> x, int outH, int outW, string window) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (outH <= 0 || outW <= 0)
        {
            throw new ArgumentException($"{layer}: input {Format(x.Shape)} is smaller than the {window}, so the output [{x.Dim(0)}, C, {outH}, {outW}] would be empty.", nameof(x));
        }
    }

    /// <summary>Requires a gradient of exactly the shape the forward pass produced.</summary>
    public static void RequireGradShape<T>(string layer, Tensor<T> grad, ReadOnlySpan<int> expected) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!grad.Shape.SequenceEqual(expected))
        {
            throw new ArgumentException($"{layer}: gradient of shape {Format(grad.Shape)} does not match the output shape {Format(expected)}.", nameof(grad));
        }
    }
}
