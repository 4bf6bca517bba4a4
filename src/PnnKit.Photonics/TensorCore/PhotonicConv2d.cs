using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.TensorCore;

/// <summary>
/// A 2-D convolution on a photonic tensor core (Digital → Digital, NCHW, cross-correlation like <see cref="Conv2d{T}"/>):
/// the kernels form an out × C·kH·kW matrix on <see cref="Inner"/> (a <see cref="PhotonicLinear{T}"/>), every output pixel
/// is one product of its patch with it (<see cref="PatchConvolution{T}"/>), so the core runs ⌈out/k⌉·⌈C·kH·kW/k⌉ passes per
/// output pixel, each charged with its modulators, laser, receivers and converters. Time multiplexing on one core is
/// what a rack processor of a few cores does with a CNN (the patches stream through while the kernels stay on the meshes).
/// <see cref="Weight"/> is the inner weight viewed as [out, in, kH, kW]; fabricate through <see cref="Inner"/>.
/// </summary>
public sealed class PhotonicConv2d<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly PatchConvolution<T> _conv;

    /// <summary>A convolution of <paramref name="window"/> to <paramref name="outChannels"/> channels on a core set by <paramref name="config"/>.</summary>
    public PhotonicConv2d(ConvWindow window, int outChannels, Rng rng, PhotonicCoreConfig? config = null, bool bias = true, string name = "photonic-conv")
    {
        ArgumentNullException.ThrowIfNull(window);
        Window = window;
        Name = name;
        Inner = new PhotonicLinear<T>(window.Patch, outChannels, rng, config, bias, name);
        Weight = Inner.Weight.Reshape(outChannels, window.InChannels, window.KernelH, window.KernelW);
        Bias = Inner.Bias;
        Parameters = Bias is null ? [Weight] : [Weight, Bias];
        _conv = new PatchConvolution<T>(window, Inner, outChannels, name);
    }

    /// <summary>The same convolution as <paramref name="conv"/> (its geometry, weights and bias) on a photonic core.</summary>
    public static PhotonicConv2d<T> From(Conv2d<T> conv, PhotonicCoreConfig config, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(conv);
        var p = new PhotonicConv2d<T>(conv.Window, conv.OutChannels, rng, config, conv.Bias is not null, $"photonic-{conv.Name}");
        conv.Weight.Value.Span.CopyTo(p.Weight.Value.Span);
        conv.Bias?.Value.Span.CopyTo(p.Bias!.Value.Span);
        return p;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Kernel, stride, padding and dilation.</summary>
    public ConvWindow Window { get; }

    /// <summary>The core layer that reads the patches (C·kH·kW inputs, out outputs); its fabricated instance is this layer's.</summary>
    public PhotonicLinear<T> Inner { get; }

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
