using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Spintronics.Costs;

namespace PnnKit.Spintronics;

/// <summary>
/// A spin-torque-oscillator reservoir seen as a black box (DESIGN.md §5), for the methods in PnnKit.Methods: each
/// example is an input sequence of <see cref="InputSize"/> samples in [−1, 1], run from the oscillator's rest state at
/// the bias current; the measurement is the oscillator power at the end of every virtual node,
/// [batch, InputSize × Nodes], with additive Gaussian detection noise. The two controls are the knobs of the
/// experiment (Torrejon et al. 2017): the DC bias current and the input-current scale ΔI, both in units of the
/// threshold current. The input mask is fixed by <c>maskSeed</c>. At T &gt; 0 the oscillator's thermal noise is drawn from
/// <c>thermal</c>, split per example (query number), so runs are reproducible and examples independent. Every example counts
/// one query and one inference.
/// </summary>
public sealed class ReservoirSystem<T> : IPhysicalSystem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Rng _noise;
    private readonly Rng? _thermal;

    /// <summary>A reservoir of <paramref name="nodes"/> virtual nodes of <paramref name="nodeSeconds"/> each, fed sequences of <paramref name="sequenceLength"/> samples.</summary>
    public ReservoirSystem(AutoOscillatorParameters oscillator, int nodes, double nodeSeconds, int sequenceLength, double noiseStd, ulong maskSeed, ulong noiseSeed = 1, Rng? thermal = null)
    {
        ArgumentNullException.ThrowIfNull(oscillator);
        oscillator.Validate();
        if (oscillator.Temperature > 0 && thermal is null)
        {
            throw new ArgumentNullException(nameof(thermal), $"STO reservoir at Temperature = {oscillator.Temperature} K needs a thermal Rng (or set Temperature = 0).");
        }
        _thermal = thermal;
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequenceLength, 1);
        if (!(nodeSeconds > 0) || !double.IsFinite(nodeSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(nodeSeconds), $"Node duration θ must be finite and > 0 s, got {nodeSeconds}.");
        }
        if (!(noiseStd >= 0) || !double.IsFinite(noiseStd))
        {
            throw new ArgumentOutOfRangeException(nameof(noiseStd), $"Measurement noise must be finite and ≥ 0, got {noiseStd}.");
        }
        Oscillator = oscillator;
        Nodes = nodes;
        NodeSeconds = nodeSeconds;
        InputSize = sequenceLength;
        NoiseStd = noiseStd;
        MaskSeed = maskSeed;
        _noise = new Rng(noiseSeed);
    }

    /// <summary>Oscillator parameters.</summary>
    public AutoOscillatorParameters Oscillator { get; }

    /// <summary>Virtual nodes per input sample.</summary>
    public int Nodes { get; }

    /// <summary>Duration θ of one virtual node, s.</summary>
    public double NodeSeconds { get; }

    /// <summary>Seed of the fixed input mask.</summary>
    public ulong MaskSeed { get; }

    /// <summary>Standard deviation of the additive detection noise (normalised power units).</summary>
    public double NoiseStd { get; }

    /// <summary>Cost model charged per node.</summary>
    public ReservoirCostModel Costs { get; init; } = ReservoirCostModel.Default;

    /// <inheritdoc/>
    public string Name => $"STO reservoir ({Nodes} virtual nodes)";

    /// <inheritdoc/>
    public int InputSize { get; }

    /// <inheritdoc/>
    public int OutputSize => InputSize * Nodes;

    /// <inheritdoc/>
    public int ControlCount => 2;

    /// <inheritdoc/>
    public long QueryCount { get; private set; }

    /// <inheritdoc/>
    public Tensor<T> Measure(Tensor<T> inputs, ReadOnlySpan<T> controls, CostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.RowLength != InputSize)
        {
            throw new ArgumentException($"{Name}: inputs need {InputSize} samples per example; got {inputs.RowLength}.", nameof(inputs));
        }
        if (controls.Length != ControlCount)
        {
            throw new ArgumentException($"{Name}: expected 2 controls (bias current and input scale, in units of I_th); got {controls.Length}.", nameof(controls));
        }
        double ith = Oscillator.ThresholdCurrentAmps;
        double bias = double.CreateChecked(controls[0]) * ith, scale = double.CreateChecked(controls[1]) * ith;
        if (!double.IsFinite(bias) || !double.IsFinite(scale) || bias < 0 || scale < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(controls), $"{Name}: bias current and input scale must be finite and ≥ 0, got {controls[0]} and {controls[1]} I_th.");
        }
        var y = new Tensor<T>(inputs.Rows, OutputSize);
        var u = new double[InputSize];
        var noise = _noise.Split((ulong)QueryCount);
        for (int b = 0; b < inputs.Rows; b++)
        {
            // Rest state: the steady power at the bias, or the default small thermal seed below threshold (p = 0 never starts).
            var osc = new AutoOscillator(Oscillator, thermal: _thermal?.Split((ulong)(QueryCount + b)));
            osc.Power = Math.Max(osc.Power, osc.SteadyPower(bias));
            var reservoir = new OscillatorReservoir(osc, Nodes, NodeSeconds, bias, scale, new Rng(MaskSeed)) { Costs = Costs };
            for (int t = 0; t < InputSize; t++)
            {
                u[t] = double.CreateChecked(inputs[b, t]);
            }
            var states = reservoir.Run(u, ledger);
            for (int k = 0; k < states.Length; k++)
            {
                y[b, k] = T.CreateChecked(states[k] + (NoiseStd > 0 ? noise.Normal(0, NoiseStd) : 0));
            }
        }
        QueryCount += inputs.Rows;
        ledger?.RecordInferences(inputs.Rows);
        return y;
    }
}
