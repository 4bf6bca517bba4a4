using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.Accel;

/// <summary>
/// ACCEL's electronic analog computing module (EAC; Chen et al., Nature 623, 48 (2023)): every photodiode's
/// current is steered by in-pixel SRAM-controlled switches onto the positive or the negative computing line of
/// an output node (binary weight ±1), or onto neither (ternary 0); each node's two lines integrate their summed
/// currents, and the difference of the two line voltages is the node's output. With the node weights
/// q ∈ {−1, +1} (or {−1, 0, +1}) this is V_k = Gain·Σ_j q_kj·I_j, computed in the current domain, before any ADC.
/// The weights are trained as latent values w ∈ [−1, 1] quantized in the forward pass (binary: sign; ternary:
/// 0 where |w| &lt; <see cref="TernaryThreshold"/>) with the straight-through estimator, ∂L/∂w = ∂L/∂q
/// (Courbariaux et al., BinaryConnect, NeurIPS 2015). <see cref="WeightLevels"/> = 0 uses w itself (an ideal
/// analog weight, or the digital layer after per-pixel ADCs). Electrical → electrical.
/// With <see cref="Noise"/> set, every read outside training adds each line's shot and kT/C noise, a fresh draw per
/// read; training in silico sees noise-free lines, so the gradients stay those of the physical law.
/// </summary>
public sealed class CurrentDomainCrossbar<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Latent weights below this magnitude switch a ternary cell off (neither line).</summary>
    public const double TernaryThreshold = 1.0 / 3;

    private Tensor<T>? _x;
    private T[] _q = [];
    private ulong _reads;

    /// <summary>A crossbar from <paramref name="inputs"/> photocurrents to <paramref name="outputs"/> nodes; latent weights uniform in [−1, 1].</summary>
    public CurrentDomainCrossbar(int inputs, int outputs, int weightLevels, Rng rng, double gain = 1.0, string name = "eac")
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (inputs < 1 || outputs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), $"inputs and outputs must be ≥ 1; got {inputs} and {outputs}.");
        }
        if (weightLevels is not (0 or 2 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(weightLevels), $"weightLevels must be 2 (binary ±1), 3 (ternary −1, 0, +1) or 0 (unquantized); got {weightLevels}.");
        }
        if (!(gain > 0) || !double.IsFinite(gain))
        {
            throw new ArgumentOutOfRangeException(nameof(gain), $"gain must be finite and > 0; got {gain}.");
        }
        Inputs = inputs;
        Outputs = outputs;
        WeightLevels = weightLevels;
        Gain = gain;
        Name = name;
        Weight = new Parameter<T>("weight", new Tensor<T>(outputs, inputs), -1, 1);
        rng.FillUniform(Weight.Value.Span, -1.0, 1.0);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Photocurrents in (photodiodes).</summary>
    public int Inputs { get; }

    /// <summary>Output nodes.</summary>
    public int Outputs { get; }

    /// <summary>2: binary, 3: ternary, 0: unquantized.</summary>
    public int WeightLevels { get; }

    /// <summary>Line-voltage difference per unit of weighted current, model units.</summary>
    public double Gain { get; }

    /// <summary>Latent weights [outputs, inputs] in [−1, 1].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>The computing lines' shot and reset noise, read outside training; null: noise-free lines.</summary>
    public LineNoise? Noise { get; set; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Electrical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Electrical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [Weight];

    /// <summary>The programmed weight of latent value <paramref name="w"/> at <paramref name="levels"/>.</summary>
    public static double Quantize(double w, int levels) => levels switch
    {
        2 => w >= 0 ? 1 : -1,
        3 => Math.Abs(w) < TernaryThreshold ? 0 : Math.Sign(w),
        _ => w,
    };

    /// <summary>The weights as programmed into the SRAM cells, [outputs, inputs].</summary>
    public double[] ProgrammedWeights() => [.. Weight.Value.Data.Select(w => Quantize(double.CreateChecked(w), WeightLevels))];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        if (x.Rank != 2 || x.Dim(1) != Inputs)
        {
            throw new ArgumentException($"{Name}: input must be photocurrents [batch, {Inputs}]; got [{string.Join(", ", x.Shape.ToArray())}].", nameof(x));
        }
        _x = x;
        int n = Outputs * Inputs;
        if (_q.Length != n)
        {
            _q = new T[n];
        }
        var w = Weight.Value.Data;
        T g = T.CreateChecked(Gain);
        for (int i = 0; i < n; i++)
        {
            double v = double.CreateChecked(w[i]);
            if (!double.IsFinite(v))
            {
                throw new InvalidOperationException($"{Name}: weight[{i}] is {v}; weights must be finite.");
            }
            _q[i] = g * T.CreateChecked(Quantize(v, WeightLevels));
        }
        var y = new Tensor<T>(x.Dim(0), Outputs);
        var noise = ctx.IsTraining ? null : Noise;
        var rng = noise is null ? null : ctx.Rng.Split("eac." + Name).Split(_reads++);
        for (int b = 0; b < x.Dim(0); b++)
        {
            var row = x.Row(b);
            var o = y.Row(b);
            for (int k = 0; k < Outputs; k++)
            {
                var qk = _q.AsSpan(k * Inputs, Inputs);
                T s = T.Zero;
                for (int j = 0; j < Inputs; j++)
                {
                    s += qk[j] * row[j];
                }
                o[k] = s;
                if (rng is not null)
                {
                    // Each line's own collected current sets its shot noise: the positive line holds the pixels with q = +1,
                    // the negative line the rest (its current is plus − s). Only noisy reads pay for this pass.
                    T plus = T.Zero;
                    for (int j = 0; j < Inputs; j++)
                    {
                        plus += T.Max(qk[j] * row[j], T.Zero);
                    }
                    double p = double.CreateChecked(plus) / Gain, m = double.CreateChecked(plus - s) / Gain;
                    o[k] += T.CreateChecked(Gain * ((noise!.StdOf(p) * rng.Normal()) - (noise.StdOf(m) * rng.Normal())));
                }
            }
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _x ?? throw new InvalidOperationException($"{Name}: Backward called without a preceding Forward.");
        var dx = Tensor<T>.ZerosLike(x);
        var gw = Weight.Grad.Span;
        T g = T.CreateChecked(Gain);
        for (int b = 0; b < x.Dim(0); b++)
        {
            var row = x.Row(b);
            var go = gradOutput.Row(b);
            var d = dx.Row(b);
            for (int k = 0; k < Outputs; k++)
            {
                T gk = go[k];
                var qk = _q.AsSpan(k * Inputs, Inputs);
                var gwk = gw.Slice(k * Inputs, Inputs);
                T ggk = g * gk;
                for (int j = 0; j < Inputs; j++)
                {
                    d[j] += qk[j] * gk;
                    gwk[j] += ggk * row[j]; // straight through: ∂q/∂w = 1 inside [−1, 1]
                }
            }
        }
        return dx;
    }
}
