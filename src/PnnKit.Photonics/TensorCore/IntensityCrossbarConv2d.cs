using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.TensorCore;

/// <summary>
/// A 2-D convolution on an intensity crossbar (Digital → Digital, NCHW, like <see cref="Conv2d{T}"/>): the kernels form an
/// out × C·kH·kW matrix on <see cref="Inner"/> (an <see cref="IntensityCrossbarLinear{T}"/>) and every output pixel's patch is
/// one product with it (<see cref="PatchConvolution{T}"/>). A 3×3 kernel's patch of one channel is exactly the 9 inputs of the
/// seed's crossbar. <see cref="Weight"/> is the inner weight viewed as [out, in, kH, kW].
/// </summary>
public sealed class IntensityCrossbarConv2d<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly PatchConvolution<T> _conv;

    /// <summary>A convolution of <paramref name="window"/> to <paramref name="outChannels"/> channels on a crossbar set by <paramref name="config"/>.</summary>
    public IntensityCrossbarConv2d(ConvWindow window, int outChannels, Rng rng, IntensityCrossbarConfig? config = null, bool bias = true, string name = "crossbar-conv")
    {
        ArgumentNullException.ThrowIfNull(window);
        Window = window;
        Name = name;
        Inner = new IntensityCrossbarLinear<T>(window.Patch, outChannels, rng, config, bias, name);
        Weight = Inner.Weight.Reshape(outChannels, window.InChannels, window.KernelH, window.KernelW);
        Bias = Inner.Bias;
        Parameters = Bias is null ? [Weight] : [Weight, Bias];
        _conv = new PatchConvolution<T>(window, Inner, outChannels, name);
    }

    /// <summary>The same convolution as <paramref name="conv"/> (its geometry, weights and bias) on an intensity crossbar.</summary>
    public static IntensityCrossbarConv2d<T> From(Conv2d<T> conv, IntensityCrossbarConfig config, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(conv);
        var p = new IntensityCrossbarConv2d<T>(conv.Window, conv.OutChannels, rng, config, conv.Bias is not null, $"crossbar-{conv.Name}");
        conv.Weight.Value.Span.CopyTo(p.Weight.Value.Span);
        conv.Bias?.Value.Span.CopyTo(p.Bias!.Value.Span);
        return p;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Kernel, stride, padding and dilation.</summary>
    public ConvWindow Window { get; }

    /// <summary>The crossbar layer that reads the patches (C·kH·kW inputs, out outputs).</summary>
    public IntensityCrossbarLinear<T> Inner { get; }

    /// <summary>Kernels [out, in, kH, kW]: the inner layer's weights, same storage.</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Digital bias [out], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        var (outH, outW) = Window.Require(Name, x);
        Inner.ReadsPerInference = outH * outW;
        return _conv.Forward(x, ctx);
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput) => _conv.Backward(gradOutput);
}
