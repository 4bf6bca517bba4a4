using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// 2-D max pooling on NCHW tensors with ONNX MaxPool semantics (floor mode): pad positions count as
/// −∞, so they never win. Backward routes each output's gradient to the input element that won its
/// window, the first maximum in row-major order when several tie.
/// </summary>
public sealed class MaxPool2d<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly PoolWindow _window;
    private int[]? _argmax;
    private int[]? _inputShape;

    /// <summary>
    /// Pools <paramref name="kernelH"/> × <paramref name="kernelW"/> windows moved by the strides; each
    /// pad must be smaller than the kernel along its axis, so every window holds an input element.
    /// </summary>
    public MaxPool2d(int kernelH, int kernelW, int strideH, int strideW, int padTop = 0, int padLeft = 0, int padBottom = 0, int padRight = 0, string name = "maxpool")
    {
        _window = new PoolWindow(kernelH, kernelW, strideH, strideW, padTop, padLeft, padBottom, padRight);
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

    /// <summary>How the comparisons are costed (one add-equivalent per window element).</summary>
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
        var argmax = new int[y.Length];
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
                    int best = inBase + (r0 * w) + c0;
                    for (int r = r0; r < r1; r++)
                    {
                        for (int q = c0; q < c1; q++)
                        {
                            int at = inBase + (r * w) + q;
                            if (xd[at] > xd[best])
                            {
                                best = at; // strict: the first maximum keeps the gradient on ties
                            }
                        }
                    }
                    yd[outBase + (i * ow) + j] = xd[best];
                    argmax[outBase + (i * ow) + j] = best;
                }
            }
        });
        (_argmax, _inputShape) = ctx.IsTraining ? (argmax, x.Shape.ToArray()) : (null, null);
        if (ctx.Ledger is not null)
        {
            CostModel.ChargeElementwise(ctx.Ledger, Name, (long)y.Length * KernelH * KernelW);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (_argmax is null || _inputShape is null)
        {
            throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        }
        int n = _inputShape[0], c = _inputShape[1];
        int oh = _window.OutputHeight(_inputShape[2]), ow = _window.OutputWidth(_inputShape[3]);
        ImageShape.RequireGradShape(Name, gradOutput, [n, c, oh, ow]);
        var dx = new Tensor<T>(_inputShape);
        var dxd = dx.Data;
        var g = gradOutput.Data;
        var argmax = _argmax;
        // Windows of one plane only reach that plane, so planes run in parallel and each adds in order.
        BatchParallel.For(n * c, (long)oh * ow, plane =>
        {
            for (int k = plane * oh * ow, end = k + (oh * ow); k < end; k++)
            {
                dxd[argmax[k]] += g[k];
            }
        });
        return dx;
    }
}
