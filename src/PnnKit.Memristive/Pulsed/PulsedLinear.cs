using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Layers;

namespace PnnKit.Memristive.Pulsed;

/// <summary>
/// A crossbar layer trained in situ: its weights are the states of a <see cref="PulsedArray"/>, read
/// through the same periphery as <see cref="AnalogLinear{T}"/>, and changed only by pulse trains.
/// After <see cref="Backward"/>, call <see cref="ApplyPulsedUpdate"/> to update the devices with
/// ΔW = −η Σ_b δ_b x_bᵀ (one stochastic pulse train per sample). The digital bias, if any, is an
/// ordinary parameter for a digital optimizer; the weights are not in <see cref="Parameters"/>.
/// The backward pass is, by default, the crossbar's transposed read (<see cref="NoisyTransposedRead"/>):
/// δ enters the columns through the same DACs, noise management, output noise and ADCs as a forward read
/// (aihwkit's SingleRPUConfig.backward, an IOParameters like the forward's), so the error a hidden layer
/// receives carries the periphery's noise and resolution, as on the chip (Gokmen &amp; Vlasov 2016).
/// </summary>
public sealed class PulsedLinear<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly AnalogLinear<T> _read, _transposed;
    private Tensor<T>? _input, _grad;
    private Rng? _readRng;

    /// <summary>A layer of <paramref name="outputs"/> × <paramref name="inputs"/> fresh devices (weights 0).</summary>
    public PulsedLinear(int inputs, int outputs, PulsedDeviceConfig device, ulong seed, AnalogConfig? config = null, bool bias = true, string name = "pulsed")
    {
        Array = new PulsedArray(inputs, outputs, device, seed);
        double reach = 0;
        for (int k = 0; k < inputs * outputs; k++)
        {
            reach = Math.Max(reach, Math.Max(Array.UpperBound(k), -Array.LowerBound(k)));
        }
        var cfg = (config ?? new AnalogConfig()) with { Mapping = new WeightMapping(weightMax: Math.Max(reach, 1e-9)) };
        _read = new AnalogLinear<T>(inputs, outputs, new Rng(seed).Split("read"), cfg, bias, name);
        _read.Weight.Trainable = false;
        // The same array read from the other side: rows of Wᵀ are the array's columns.
        _transposed = new AnalogLinear<T>(outputs, inputs, new Rng(seed).Split("transposed read"), cfg, bias: false, name + ".transposed");
        _transposed.Weight.Trainable = false;
        Name = name;
        Parameters = _read.Bias is null ? [] : [_read.Bias];
        SyncWeights();
    }

    /// <summary>The devices.</summary>
    public PulsedArray Array { get; }

    /// <summary>
    /// Backward as the array's noisy transposed read (true, the default: what an in-situ chip does) or as the exact
    /// product δ·W (false: a digital backward pass, the idealisation).
    /// </summary>
    public bool NoisyTransposedRead { get; init; } = true;

    /// <summary>Digital bias, or null.</summary>
    public Parameter<T>? Bias => _read.Bias;

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        SyncWeights();
        var y = _read.Forward(x, ctx);
        _input = ctx.IsTraining ? x : null;
        _readRng = ctx.IsTraining ? ctx.Rng : null;
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        _grad = gradOutput;
        var dx = _read.Backward(gradOutput); // the bias gradient, and the exact δ·W
        _read.Weight.ZeroGrad();
        if (!NoisyTransposedRead)
        {
            return dx;
        }
        var rng = _readRng ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        return _transposed.Forward(gradOutput, new ForwardContext(Mode.Eval, rng.Split("transposed read"))).Reshape([.. dx.Shape]);
    }

    /// <summary>Cost of programming pulses.</summary>
    public ProgrammingCostModel ProgrammingCost { get; init; } = new();

    /// <summary>
    /// Updates the devices from the last Forward/Backward pair; returns the number of pulses applied and,
    /// with a <paramref name="ledger"/>, charges their energy (category Calibration) and the BL slots per sample.
    /// </summary>
    public long ApplyPulsedUpdate(double learningRate, Rng rng, CostLedger? ledger = null)
    {
        var x = _input ?? throw new InvalidOperationException($"{Name}: ApplyPulsedUpdate needs a training-mode Forward and a Backward first.");
        var g = _grad ?? throw new InvalidOperationException($"{Name}: ApplyPulsedUpdate needs a Backward first.");
        var xs = new double[x.RowLength];
        var ds = new double[g.RowLength];
        long pulses = 0;
        for (int b = 0; b < x.Rows; b++)
        {
            for (int i = 0; i < xs.Length; i++)
            {
                xs[i] = double.CreateTruncating(x[b, i]);
            }
            for (int j = 0; j < ds.Length; j++)
            {
                ds[j] = double.CreateTruncating(g[b, j]);
            }
            pulses += Array.Update(xs, ds, learningRate, rng);
        }
        _grad = null;
        SyncWeights();
        ledger?.Charge($"{Name} programming", CostCategory.Calibration, new Energy(pulses * ProgrammingCost.EnergyPerPulse), pulses, new Duration(Array.Config.PulseLength * ProgrammingCost.SlotSeconds), ProgrammingCost);
        return pulses;
    }

    private void SyncWeights()
    {
        var w = Array.Weights;
        var v = _read.Weight.Value.Span;
        var t = _transposed.Weight.Value.Span;
        int inputs = _read.Inputs, outputs = _read.Outputs;
        for (int j = 0; j < outputs; j++)
        {
            for (int i = 0; i < inputs; i++)
            {
                var wji = T.CreateTruncating(w[(j * inputs) + i]);
                v[(j * inputs) + i] = wji;
                t[(i * outputs) + j] = wji;
            }
        }
    }
}
