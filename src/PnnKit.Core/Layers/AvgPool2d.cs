using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// 2-D average pooling on NCHW tensors with ONNX AveragePool semantics (floor mode). Pad positions
/// add zero; the divisor is the number of input elements under the window, or the full kernel area
/// when <see cref="CountIncludePad"/> is set (ONNX count_include_pad = 1, PyTorch's default).
/// </summary>
public sealed class AvgPool2d<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly PoolWindow _window;
    private int[]? _inputShape;

    /// <summary>
    /// Averages <paramref name="kernelH"/> × <paramref name="kernelW"/> windows moved by the strides; each
    /// pad must be smaller than the kernel along its axis, so no window is padding alone.
    /// </summary>
    public AvgPool2d(int kernelH, int kernelW, int strideH, int strideW, int padTop = 0, int padLeft = 0, int padBottom = 0, int padRight = 0, bool countIncludePad = false, string name = "avgpool")
    {
        _window = new PoolWindow(kernelH, kernelW, strideH, strideW, padTop, padLeft, padBottom, padRight);
        CountIncludePad = countIncludePad;
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Window height.</summary>
    public int KernelH => _window.KernelH;

    /// <summary>Window width.</summary>
    public int KernelW => _window.KernelW;

    /// <summary>Vertical stride.</summary>
    public int StrideH => _window.StrideH;

    /// <summary>Horizontal stride.</summary>
    public int StrideW => _window.StrideW;

    /// <summary>Pad rows above the input.</summary>
    public int PadTop => _window.PadTop;

    /// <summary>Pad columns left of the input.</summary>
    public int PadLeft => _window.PadLeft;

    /// <summary>Pad rows below the input.</summary>
    public int PadBottom => _window.PadBottom;

    /// <summary>Pad columns right of the input.</summary>
    public int PadRight => _window.PadRight;

    /// <summary>True: divide by kH·kW, pads included; false (ONNX default): by the input elements under the window.</summary>
    public bool CountIncludePad { get; }

    /// <summary>How the sums are costed (one add per window element, one multiply per output).</summary>
    public DigitalCostModel CostModel { get; init; } = new();

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        ImageShape.RequireNchw(Name, x, null);
        int n = x.Dim(0), c = x.Dim(1), h = x.Dim(2), w = x.Dim(3);
        int oh = _window.OutputHeight(h), ow = _window.OutputWidth(w);
        ImageShape.RequireNonEmpty(Name, x, oh, ow, _window.Describe);
        var y = new Tensor<T>(n, c, oh, ow);
        var xd = x.Data;
        var yd = y.Data;
        BatchParallel.For(n * c, (long)oh * ow * KernelH * KernelW, plane =>
        {
            int inBase = plane * h * w, outBase = plane * oh * ow;
            for (int i = 0; i < oh; i++)
            {
                var (r0, r1) = _window.Rows(i, h);
                for (int j = 0; j < ow; j++)
                {
                    var (c0, c1) = _window.Columns(j, w);
                    T s = T.Zero;
                    for (int r = r0; r < r1; r++)
                    {
                        for (int q = c0; q < c1; q++)
                        {
                            s += xd[inBase + (r * w) + q];
                        }
                    }
                    yd[outBase + (i * ow) + j] = s / Divisor(r0, r1, c0, c1);
                }
            }
        });
        _inputShape = ctx.IsTraining ? x.Shape.ToArray() : null;
        if (ctx.Ledger is not null)
        {
            CostModel.ChargeElementwise(ctx.Ledger, Name, (long)y.Length * KernelH * KernelW, y.Length);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var shape = _inputShape ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        int n = shape[0], c = shape[1], h = shape[2], w = shape[3];
        int oh = _window.OutputHeight(h), ow = _window.OutputWidth(w);
        ImageShape.RequireGradShape(Name, gradOutput, [n, c, oh, ow]);
        var dx = new Tensor<T>(shape);
        var dxd = dx.Data;
        var g = gradOutput.Data;
        BatchParallel.For(n * c, (long)oh * ow * KernelH * KernelW, plane =>
        {
            int inBase = plane * h * w, outBase = plane * oh * ow;
            for (int i = 0; i < oh; i++)
            {
                var (r0, r1) = _window.Rows(i, h);
                for (int j = 0; j < ow; j++)
                {
                    var (c0, c1) = _window.Columns(j, w);
                    T share = g[outBase + (i * ow) + j] / Divisor(r0, r1, c0, c1);
                    for (int r = r0; r < r1; r++)
                    {
                        for (int q = c0; q < c1; q++)
                        {
                            dxd[inBase + (r * w) + q] += share;
                        }
                    }
                }
            }
        });
        return dx;
    }

    private T Divisor(int r0, int r1, int c0, int c1)
        => T.CreateChecked(CountIncludePad ? KernelH * KernelW : (r1 - r0) * (c1 - c0));
}
