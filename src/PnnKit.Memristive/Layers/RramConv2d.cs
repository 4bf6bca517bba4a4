using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Memristive.Layers;

/// <summary>
/// A 2-D convolution on RRAM arrays (Digital → Digital, NCHW, cross-correlation like <see cref="Conv2d{T}"/>): each kernel is
/// one array column of C·kH·kW differential row pairs (kernels unrolled into columns, Yao et al., Nature 577, 641 (2020)), and
/// every output pixel is one read of its input patch by <see cref="Inner"/> through <see cref="PatchConvolution{T}"/> (im2col),
/// so every DAC, array read, TIA and ADC conversion is charged per output pixel. With <see cref="RramLayerConfig.Replicas"/> &gt; 1
/// the kernels are written onto that many separately fabricated array sets and the patches dealt round-robin among them (Yao
/// 2020 replicate C1 on three arrays): latency falls by the replica count, cells grow by it, and each copy carries its own errors.
/// <see cref="Weight"/> is the inner layer's weights viewed as [out, C, kH, kW] (one storage, one gradient).
/// </summary>
public sealed class RramConv2d<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly PatchConvolution<T> _conv;

    /// <summary>A convolution from <paramref name="inChannels"/> to <paramref name="outChannels"/>, a <paramref name="kernelH"/> × <paramref name="kernelW"/> kernel, weights in ±<paramref name="weightMax"/>; pads are zeros on each side.</summary>
    public RramConv2d(
        int inChannels, int outChannels, int kernelH, int kernelW, double weightMax, Rng rng, RramLayerConfig? config = null,
        int strideH = 1, int strideW = 1, int padTop = 0, int padLeft = 0, int padBottom = 0, int padRight = 0, bool bias = true, string name = "rram-conv")
    {
        ArgumentNullException.ThrowIfNull(rng);
        Window = new ConvWindow(inChannels, kernelH, kernelW, strideH, strideW, padTop, padLeft, padBottom, padRight, 1, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        Name = name;
        Inner = new RramLinear<T>(Window.Patch, outChannels, weightMax, rng, config, bias, name);
        Weight = Inner.Weight.Reshape(outChannels, inChannels, kernelH, kernelW);
        Bias = Inner.Bias;
        Parameters = Bias is null ? [Weight] : [Weight, Bias];
        _conv = new PatchConvolution<T>(Window, Inner, outChannels, name);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Kernel, stride and padding.</summary>
    public ConvWindow Window { get; }

    /// <summary>The RRAM layer that reads the patches (C·kH·kW inputs, one output per kernel); program and reprogram through it.</summary>
    public RramLinear<T> Inner { get; }

    /// <summary>Kernels [out, in, kH, kW], the inner layer's weights.</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Digital bias [out], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Latency of one image of <paramref name="inputH"/> × <paramref name="inputW"/>: one read per output pixel, shared by the replicas, s.</summary>
    public double LatencySeconds(int inputH, int inputW) => Inner.LatencySeconds((long)Window.OutputHeight(inputH) * Window.OutputWidth(inputW));

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx) => _conv.Forward(x, ctx);

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput) => _conv.Backward(gradOutput);
}
