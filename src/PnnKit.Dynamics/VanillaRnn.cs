using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace PnnKit.Dynamics;

/// <summary>
/// The digital baseline of the wave RNN: a vanilla (Elman) tanh RNN, hₜ = tanh(W_x xₜ + W_h hₜ₋₁ + b), reading a scalar
/// waveform [batch, steps] and emitting class logits W_o ē + b_o from the time-averaged squared hidden state ē = ⟨hₜ ⊙ hₜ⟩
/// (the digital counterpart of the wave RNN's time-integrated probe intensity; a plain mean of an oscillating state would
/// average the signal away, and averaging over time keeps the gradient of a 1,000-step sequence usable).
/// Trained by back-propagation through time in double precision.
/// Initialisation as PyTorch's nn.RNN: every weight uniform in ±1/√H.
/// </summary>
public sealed class VanillaRnn : ILayer<double>
{
    private readonly Parameter<double> _wx;
    private readonly Parameter<double> _wh;
    private readonly Parameter<double> _b;
    private readonly Parameter<double> _wo;
    private readonly Parameter<double> _bo;
    private Tensor<double>? _input;
    private double[][]? _hidden;

    /// <summary>
    /// A network with <paramref name="hidden"/> units and <paramref name="classes"/> outputs, reading
    /// <paramref name="frame"/> consecutive samples per time step (1: one sample per step).
    /// </summary>
    public VanillaRnn(int hidden, int classes, Rng rng, int frame = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frame, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArgumentNullException.ThrowIfNull(rng);
        Hidden = hidden;
        Classes = classes;
        Frame = frame;
        double k = 1 / Math.Sqrt(hidden);
        Parameter<double> Make(string name, params int[] shape)
        {
            var t = new Tensor<double>(shape);
            rng.FillUniform(t.Span, -k, k);
            return new Parameter<double>(name, t);
        }
        _wx = Make("W_x", hidden, frame);
        _wh = Make("W_h", hidden, hidden);
        _b = Make("b", hidden);
        _wo = Make("W_o", classes, hidden);
        _bo = Make("b_o", classes);
        Parameters = [_wx, _wh, _b, _wo, _bo];
    }

    /// <summary>Hidden units H.</summary>
    public int Hidden { get; }

    /// <summary>Output classes.</summary>
    public int Classes { get; }

    /// <summary>Samples read per time step.</summary>
    public int Frame { get; }

    /// <summary>Trainable numbers: H² + H·F (input weights) + H (bias) + C·H + C.</summary>
    public int ParameterCount => Parameters.Sum(p => p.Value.Length);

    /// <summary>The largest H whose <see cref="ParameterCount"/> for <paramref name="classes"/> outputs does not exceed <paramref name="budget"/>.</summary>
    public static int HiddenForBudget(int budget, int classes, int frame = 1)
    {
        int h = 1;
        while (((h + 1) * (h + 1)) + ((h + 1) * (frame + 1 + classes)) + classes <= budget)
        {
            h++;
        }
        return h;
    }

    /// <inheritdoc/>
    public string Name => "vanilla RNN";

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<double>> Parameters { get; }

    /// <inheritdoc/>
    public Tensor<double> Forward(Tensor<double> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        if (x.Rank != 2 || x.Dim(1) < Frame || x.Dim(1) % Frame != 0)
        {
            throw new ArgumentException($"Vanilla RNN input must be [batch, samples] with samples a multiple of the frame ({Frame}), got {x}.", nameof(x));
        }
        int batch = x.Rows, steps = x.Dim(1) / Frame, hn = Hidden, fr = Frame;
        var y = new Tensor<double>(batch, Classes);
        var hidden = new double[batch][];
        Parallel.For(0, batch, b =>
        {
            // h[t·H + j] = hₜ₊₁ (h₀ = 0 is implicit).
            var h = new double[steps * hn];
            var mean = new double[hn];
            var wx = _wx.Value.Span;
            var wh = _wh.Value.Data;
            var bias = _b.Value.Span;
            for (int t = 0; t < steps; t++)
            {
                var xt = x.Row(b).Slice(t * fr, fr);
                for (int i = 0; i < hn; i++)
                {
                    double a = TensorPrimitives.Dot<double>(wx.Slice(i * fr, fr), xt) + bias[i];
                    if (t > 0)
                    {
                        a += TensorPrimitives.Dot<double>(wh.AsSpan(i * hn, hn), h.AsSpan((t - 1) * hn, hn));
                    }
                    double v = Math.Tanh(a);
                    h[(t * hn) + i] = v;
                    mean[i] += v * v / steps;
                }
            }
            for (int c = 0; c < Classes; c++)
            {
                double s = _bo.Value[c];
                for (int i = 0; i < hn; i++)
                {
                    s += _wo.Value[c, i] * mean[i];
                }
                y[b, c] = s;
            }
            hidden[b] = h;
        });
        (_input, _hidden) = ctx.IsTraining ? (x, hidden) : (null, null);
        return y;
    }

    /// <inheritdoc/>
    public Tensor<double> Backward(Tensor<double> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _input ?? throw new InvalidOperationException("Backward needs a training-mode Forward first.");
        var hidden = _hidden!;
        int batch = x.Rows, steps = x.Dim(1) / Frame, hn = Hidden, fr = Frame;
        var gx = new Tensor<double>(batch, steps * fr);
        var gradients = new double[batch][];
        Parallel.For(0, batch, b =>
        {
            // Per-sample gradient of every parameter, in Parameters order, summed after the loop.
            var g = new double[ParameterCount];
            int nx = hn * fr;
            var gwx = g.AsSpan(0, nx);
            var gwh = g.AsSpan(nx, hn * hn);
            var gb = g.AsSpan(nx + (hn * hn), hn);
            var gwo = g.AsSpan(nx + hn + (hn * hn), Classes * hn);
            var gbo = g.AsSpan(nx + hn + (hn * hn) + (Classes * hn), Classes);
            var h = hidden[b];
            var dmean = new double[hn];
            for (int c = 0; c < Classes; c++)
            {
                double go = gradOutput[b, c];
                gbo[c] += go;
                for (int i = 0; i < hn; i++)
                {
                    double m = 0;
                    for (int t = 0; t < steps; t++)
                    {
                        double v = h[(t * hn) + i];
                        m += v * v;
                    }
                    gwo[(c * hn) + i] += go * m / steps;
                    dmean[i] += go * _wo.Value[c, i];
                }
            }
            var carry = new double[hn];
            var da = new double[hn];
            var wh = _wh.Value.Data;
            var wx = _wx.Value.Span;
            for (int t = steps - 1; t >= 0; t--)
            {
                var xt = x.Row(b).Slice(t * fr, fr);
                var gxt = gx.Row(b).Slice(t * fr, fr);
                for (int i = 0; i < hn; i++)
                {
                    double v = h[(t * hn) + i];
                    double d = ((2 * v * dmean[i] / steps) + carry[i]) * (1 - (v * v));
                    da[i] = d;
                    var gwxRow = gwx.Slice(i * fr, fr);
                    TensorPrimitives.MultiplyAdd(xt, d, gwxRow, gwxRow);
                    gb[i] += d;
                    TensorPrimitives.MultiplyAdd(wx.Slice(i * fr, fr), d, gxt, gxt);
                }
                Array.Clear(carry);
                if (t > 0)
                {
                    var prev = h.AsSpan((t - 1) * hn, hn);
                    for (int i = 0; i < hn; i++)
                    {
                        double d = da[i];
                        var grow = gwh.Slice(i * hn, hn);
                        TensorPrimitives.MultiplyAdd(prev, d, grow, grow);
                        TensorPrimitives.MultiplyAdd(wh.AsSpan(i * hn, hn), d, carry, carry);
                    }
                }
            }
            gradients[b] = g;
        });
        int offset = 0;
        foreach (var p in Parameters)
        {
            var grad = p.Grad.Span;
            for (int b = 0; b < batch; b++)
            {
                var g = gradients[b].AsSpan(offset, grad.Length);
                for (int i = 0; i < grad.Length; i++)
                {
                    grad[i] += g[i];
                }
            }
            offset += grad.Length;
        }
        return gx;
    }
}
