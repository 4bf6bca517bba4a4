using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Memristive.Processor;

/// <summary>
/// A 2-D convolution on flash tiles (NCHW, as <see cref="Conv2d{T}"/>): the patches are unrolled (im2col) and read by
/// <see cref="Inner"/>, a <see cref="FlashLinear{T}"/> of C·kH·kW inputs and one weight column per kernel, one tile
/// matrix–vector product per output pixel (<see cref="PatchConvolution{T}"/>), so every cost is charged per pixel.
/// </summary>
public sealed class FlashConv2d<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly PatchConvolution<T> _conv;

    /// <summary>A convolution with the geometry of <see cref="Conv2d{T}"/> on the tiles of <paramref name="config"/>.</summary>
    public FlashConv2d(int inChannels, int outChannels, int kernelH, int kernelW, Rng rng, AnalogMatrixProcessorConfig? config = null,
        int strideH = 1, int strideW = 1, int padTop = 0, int padLeft = 0, int padBottom = 0, int padRight = 0,
        int dilationH = 1, int dilationW = 1, bool bias = true, string name = "flash-conv")
    {
        ArgumentNullException.ThrowIfNull(rng);
        Window = new ConvWindow(inChannels, kernelH, kernelW, strideH, strideW, padTop, padLeft, padBottom, padRight, dilationH, dilationW);
        Name = name;
        Inner = new FlashLinear<T>(Window.Patch, outChannels, rng, config, bias, name);
        Weight = Inner.Weight.Reshape(outChannels, inChannels, kernelH, kernelW);
        Bias = Inner.Bias;
        Parameters = Bias is null ? [Weight] : [Weight, Bias];
        _conv = new PatchConvolution<T>(Window, Inner, outChannels, name);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Kernel, stride, padding and dilation.</summary>
    public ConvWindow Window { get; }

    /// <summary>The flash layer that reads the patches (its instance, ADC range and compensation are this layer's).</summary>
    public FlashLinear<T> Inner { get; }

    /// <summary>Kernels [out, in, kH, kW] (the inner layer's weights, same storage).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Digital bias, or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx) => _conv.Forward(x, ctx);

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput) => _conv.Backward(gradOutput);
}
