using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Devices;

namespace PnnKit.Memristive.Layers;

/// <summary>
/// A 2-D convolution on crossbar tiles (Digital → Digital, NCHW, cross-correlation like <see cref="Conv2d{T}"/>),
/// in the standard mapping: each of the <see cref="OutChannels"/> kernels is one crossbar column of
/// C·kH·kW rows, and every output pixel is one analog matrix–vector product of its input patch
/// (Gokmen, Onen and Haensch, Front. Neurosci. 2017; aihwkit's AnalogConv2d). Tiles of the configured size
/// split the rows and columns as for a dense layer.
/// <para>It is composed, not re-derived (<see cref="PatchConvolution{T}"/>): the input is unrolled (<see cref="ConvWindow.Unroll{T}"/>, im2col)
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
/// <see cref="AnalogLinear{T}.Compensation"/>). <see cref="ProgramReplicas"/> replicates the kernels on separately programmed
/// copies, as <see cref="RramConv2d{T}"/> does (<see cref="Replication"/>: patches dealt round-robin, latency ÷ copies).</para>
/// </summary>
public sealed class AnalogConv2d<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly PatchConvolution<T> _conv;

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
        _conv = new PatchConvolution<T>(Window, Inner, outChannels, name);
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

    /// <summary>Programs the kernels onto <paramref name="copies"/> separately fabricated copies read in parallel (<see cref="AnalogLinear{T}.ProgramReplicas"/>).</summary>
    public IReadOnlyList<CrossbarInstance> ProgramReplicas(int copies, DeviceVariation variation, ulong seed, PcmNoiseModel? noise = null) =>
        Inner.ProgramReplicas(copies, variation, seed, noise);

    /// <summary>Latency of one image of <paramref name="inputH"/> × <paramref name="inputW"/>: one read per output pixel, shared by the copies, s.</summary>
    public double LatencySeconds(int inputH, int inputW) => Inner.LatencySeconds((long)OutputHeight(inputH) * OutputWidth(inputW));

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx) => _conv.Forward(x, ctx);

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput) => _conv.Backward(gradOutput);
}
