using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Spintronics;

/// <summary>
/// Weights stored in magnetic tunnel junctions: each weight uses <see cref="DevicesPerWeight"/> binary MTJs
/// (1 = binary weight, K &gt; 1 = multi-level with K + 1 levels). A weight w ∈ [−1, 1] is quantised to
/// level L = round((w + 1) K / 2); L junctions are written parallel (low resistance, high
/// conductance), the rest antiparallel, and the stored weight is read back as (2 G/G_span − 1) from the summed
/// conductance, so a failed write shows up as a weight error. Each write is one pulse of the given current and
/// duration and succeeds with the junction's switching probability (write errors).
/// </summary>
public sealed class MtjWeightArray
{
    private readonly MagneticTunnelJunction[] _devices;

    /// <summary>An array of <paramref name="weights"/> weights, all junctions antiparallel (weight −1).</summary>
    public MtjWeightArray(int weights, int devicesPerWeight, MtjParameters parameters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weights, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(devicesPerWeight, 1);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        DevicesPerWeight = devicesPerWeight;
        _devices = new MagneticTunnelJunction[weights * devicesPerWeight];
        for (int i = 0; i < _devices.Length; i++)
        {
            _devices[i] = new MagneticTunnelJunction(parameters, MtjState.Antiparallel);
        }
        Parameters = parameters;
    }

    /// <summary>Device parameters.</summary>
    public MtjParameters Parameters { get; }

    /// <summary>Junctions per weight K.</summary>
    public int DevicesPerWeight { get; }

    /// <summary>Number of weights.</summary>
    public int Count => _devices.Length / DevicesPerWeight;

    /// <summary>Write energy spent so far, J.</summary>
    public double WriteEnergyJoules { get; private set; }

    /// <summary>Write pulses applied so far.</summary>
    public long WritePulses { get; private set; }

    /// <summary>Pulses that left a junction in the wrong state.</summary>
    public long WriteErrors { get; private set; }

    /// <summary>
    /// Programs <paramref name="targets"/> (each clamped to [−1, 1]) with one pulse of |<paramref name="writeCurrent"/>|
    /// for <paramref name="pulseSeconds"/> per junction that must change state (the sign selects the direction).
    /// </summary>
    public void Program(ReadOnlySpan<double> targets, double writeCurrent, double pulseSeconds, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (targets.Length != Count)
        {
            throw new ArgumentException($"Expected {Count} targets, got {targets.Length}.", nameof(targets));
        }
        int k = DevicesPerWeight;
        for (int w = 0; w < Count; w++)
        {
            int level = (int)Math.Round((Math.Clamp(targets[w], -1, 1) + 1) * k / 2);
            for (int d = 0; d < k; d++)
            {
                var mtj = _devices[(w * k) + d];
                var want = d < level ? MtjState.Parallel : MtjState.Antiparallel;
                if (mtj.State == want)
                {
                    continue;
                }
                double current = want == MtjState.Antiparallel ? Math.Abs(writeCurrent) : -Math.Abs(writeCurrent);
                WriteEnergyJoules += mtj.ApplyPulse(current, pulseSeconds, rng);
                WritePulses++;
                WriteErrors += mtj.State == want ? 0 : 1;
            }
        }
    }

    /// <summary>The stored weight read from the summed conductance, in [−1, 1].</summary>
    public double Read(int w)
    {
        int k = DevicesPerWeight;
        double gp = 1 / Parameters.ParallelResistanceOhms, gap = 1 / Parameters.AntiparallelResistanceOhms;
        double g = 0;
        for (int d = 0; d < k; d++)
        {
            g += 1 / _devices[(w * k) + d].Resistance;
        }
        double frac = (g - (k * gap)) / (k * (gp - gap));
        return (2 * frac) - 1;
    }

    /// <summary>Read energy of one read of every junction of one weight for <paramref name="seconds"/>, J.</summary>
    public double ReadEnergy(int w, double seconds)
    {
        double e = 0;
        for (int d = 0; d < DevicesPerWeight; d++)
        {
            e += _devices[(w * DevicesPerWeight) + d].ReadEnergy(seconds);
        }
        return e;
    }
}

/// <summary>
/// A fully connected layer y = x Wᵀ whose weights are stored in an <see cref="MtjWeightArray"/>: the trainable
/// parameter is the designed weight (in [−1, 1]), <see cref="Program"/> writes it to the junctions (with write
/// errors), and Forward then uses the weights read back from them (before the first Program, the designed weights). Backward treats the stored weight as the designed
/// one (straight-through, the usual choice for quantised device weights). Each forward charges the MTJ read energy
/// (V²/R · t_read per junction per sample) to the ledger.
/// </summary>
public sealed class MtjLinear<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _in, _out;
    private readonly double[] _stored;
    private bool _programmed;
    private Tensor<T>? _x;

    /// <summary>A layer of <paramref name="inputs"/> → <paramref name="outputs"/> with K = <paramref name="devicesPerWeight"/>.</summary>
    public MtjLinear(int inputs, int outputs, int devicesPerWeight, MtjParameters parameters, Rng init)
    {
        ArgumentNullException.ThrowIfNull(init);
        _in = inputs;
        _out = outputs;
        Array = new MtjWeightArray(inputs * outputs, devicesPerWeight, parameters);
        var w = new Tensor<T>(outputs, inputs);
        init.FillUniform(w.Span, -1, 1);
        Weight = new Parameter<T>("mtj.weight", w, -1, 1);
        Parameters = [Weight];
        _stored = new double[inputs * outputs];
    }

    /// <summary>The junction array.</summary>
    public MtjWeightArray Array { get; }

    /// <summary>Designed weights [outputs, inputs].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Read duration per inference, s (assumption: 10 ns, a typical STT-MRAM read).</summary>
    public double ReadSeconds { get; init; } = 10e-9;

    /// <inheritdoc/>
    public string Name => "MTJ linear";

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Electrical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Electrical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The weights read back from the junctions after the last <see cref="Program"/>.</summary>
    public ReadOnlySpan<double> StoredWeights => _stored;

    /// <summary>True once <see cref="Program"/> ran; before that Forward uses the designed weights (an ideal array).</summary>
    public bool IsProgrammed => _programmed;

    private double W(int i) => _programmed ? _stored[i] : double.CreateChecked(Weight.Value[i]);

    /// <summary>
    /// Writes the designed weights to the junctions and reads them back. With a <paramref name="ledger"/>, charges the
    /// write energy of this programming (I² R t per pulse) as calibration, amortised over the inferences the ledger records.
    /// </summary>
    public void Program(double writeCurrent, double pulseSeconds, Rng rng, CostLedger? ledger = null)
    {
        var targets = new double[_stored.Length];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = double.CreateChecked(Weight.Value[i]);
        }
        double energyBefore = Array.WriteEnergyJoules;
        long pulsesBefore = Array.WritePulses;
        Array.Program(targets, writeCurrent, pulseSeconds, rng);
        ledger?.Charge("MTJ array write", CostCategory.Calibration, new Energy(Array.WriteEnergyJoules - energyBefore), Array.WritePulses - pulsesBefore);
        for (int i = 0; i < _stored.Length; i++)
        {
            _stored[i] = Array.Read(i);
        }
        _programmed = true;
    }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        if (x.RowLength != _in)
        {
            throw new ArgumentException($"MTJ linear expects {_in} inputs per row, got {x.RowLength}.", nameof(x));
        }
        var y = new Tensor<T>(x.Rows, _out);
        for (int b = 0; b < x.Rows; b++)
        {
            for (int o = 0; o < _out; o++)
            {
                double s = 0;
                for (int i = 0; i < _in; i++)
                {
                    s += W((o * _in) + i) * double.CreateChecked(x[b, i]);
                }
                y[b, o] = T.CreateChecked(s);
            }
        }
        if (ctx.Ledger is { } ledger)
        {
            double e = 0;
            for (int w = 0; w < _stored.Length; w++)
            {
                e += Array.ReadEnergy(w, ReadSeconds);
            }
            ledger.Charge("MTJ array read", CostCategory.Core, new Energy(e * x.Rows), x.Rows, new Duration(ReadSeconds));
        }
        _x = ctx.IsTraining ? x : null;
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _x ?? throw new InvalidOperationException("Backward needs a training-mode Forward first.");
        var gx = new Tensor<T>(x.Rows, _in);
        for (int b = 0; b < x.Rows; b++)
        {
            for (int o = 0; o < _out; o++)
            {
                double g = double.CreateChecked(gradOutput[b, o]);
                for (int i = 0; i < _in; i++)
                {
                    gx[b, i] += T.CreateChecked(g * W((o * _in) + i));
                    Weight.Grad[(o * _in) + i] += T.CreateChecked(g * double.CreateChecked(x[b, i]));
                }
            }
        }
        return gx;
    }
}
