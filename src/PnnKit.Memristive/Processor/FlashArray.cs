using PnnKit.Core.Random;
using PnnKit.Memristive.Devices;

namespace PnnKit.Memristive.Processor;

/// <summary>How a signed weight sits on its pair of flash cells.</summary>
public enum FlashPairEncoding
{
    /// <summary>One cell of the pair conducts, G⁺ = w/WeightMax·GMax for w &gt; 0 (G⁻ for w &lt; 0), the other programmed off: least current, but charge loss (an affine shift of each conducting cell's G toward the neutral threshold) moves w by a sign-dependent offset no output scale undoes.</summary>
    OneSided,

    /// <summary>Both cells conduct around mid-range, G± = GMax/2·(1 ± w/WeightMax): the affine charge-loss shift and the threshold's temperature shift cancel in G⁺ − G⁻, which only scales by (1 − λ·decades); twice the read noise and more array current.</summary>
    CommonMode,
}

/// <summary>
/// One programmed copy of a weight matrix in flash: each weight w a pair of cells, G⁺ − G⁻ = (w / WeightMax)·GMax, the
/// unused side programmed off (DESIGN §4: the design is the weights; this is an instance, its thresholds fixed by ISPP with
/// verify from a random erased state; <see cref="At"/> gives its state at an age and temperature).
/// </summary>
public sealed class FlashArrayInstance
{
    private readonly double[] _vtPlus, _vtMinus;

    private FlashArrayInstance(FloatingGateCellModel cell, int inputs, int outputs, double weightMax, double[] vtPlus, double[] vtMinus, long pulses, long unverified, FlashPairEncoding encoding)
    {
        Encoding = encoding;
        Cell = cell;
        Inputs = inputs;
        Outputs = outputs;
        WeightMax = weightMax;
        _vtPlus = vtPlus;
        _vtMinus = vtMinus;
        Pulses = pulses;
        Unverified = unverified;
        ReferenceSum = ReferenceRead(0, FloatingGateCellModel.ReferenceTemperature);
    }

    /// <summary>How the weights sit on the pairs.</summary>
    public FlashPairEncoding Encoding { get; }

    /// <summary>The cell model.</summary>
    public FloatingGateCellModel Cell { get; }

    /// <summary>Inputs (rows).</summary>
    public int Inputs { get; }

    /// <summary>Outputs (weight columns).</summary>
    public int Outputs { get; }

    /// <summary>The weight at GMax.</summary>
    public double WeightMax { get; }

    /// <summary>Program pulses applied to all cells.</summary>
    public long Pulses { get; }

    /// <summary>Cells whose pulse budget ran out before verify passed.</summary>
    public long Unverified { get; }

    /// <summary>Programming energy (every pulse at <see cref="FloatingGateCellModel.PulseEnergy"/>), J.</summary>
    public double ProgrammingJoules => Pulses * Cell.PulseEnergy;

    /// <summary>The drift-compensation reference read at age 0 and the reference temperature (<see cref="Reference"/>), S.</summary>
    public double ReferenceSum { get; }

    /// <summary>Thresholds as programmed, [outputs, inputs], the G⁺ side.</summary>
    public ReadOnlySpan<double> VtPlus => _vtPlus;

    /// <summary>Thresholds as programmed, the G⁻ side.</summary>
    public ReadOnlySpan<double> VtMinus => _vtMinus;

    /// <summary>
    /// Programs <paramref name="weights"/> ([outputs, inputs], row-major) into fresh cells: each cell's erased threshold
    /// drawn from N(ErasedVt, ErasedVtSpread), then ISPP with verify to its target (injection noise drawn when
    /// <paramref name="noisy"/>). Reproducible from <paramref name="seed"/>.
    /// </summary>
    public static FlashArrayInstance Program(ReadOnlySpan<double> weights, int inputs, int outputs, double weightMax, FloatingGateCellModel cell, ulong seed, bool noisy = true,
        FlashPairEncoding encoding = FlashPairEncoding.OneSided)
    {
        ArgumentNullException.ThrowIfNull(cell);
        cell.Validate();
        if (weights.Length != inputs * outputs)
        {
            throw new ArgumentException($"weights has {weights.Length} values; {outputs} × {inputs} = {inputs * outputs} expected.", nameof(weights));
        }
        if (!(weightMax > 0) || !double.IsFinite(weightMax))
        {
            throw new ArgumentOutOfRangeException(nameof(weightMax), $"weightMax must be finite and > 0, got {weightMax}.");
        }
        var vp = new double[weights.Length];
        var vm = new double[weights.Length];
        var rng = new Rng(seed).Split("flash-program");
        long pulses = 0, unverified = 0;
        double gMax = cell.GMax;
        for (int k = 0; k < weights.Length; k++)
        {
            double w = weights[k];
            if (!double.IsFinite(w))
            {
                throw new ArgumentException($"weights[{k}] is {w}; weights must be finite.", nameof(weights));
            }
            double g = Math.Min(Math.Abs(w) / weightMax, 1) * gMax;
            var (gPlus, gMinus) = encoding == FlashPairEncoding.CommonMode
                ? ((gMax + (Math.Sign(w) * g)) / 2, (gMax - (Math.Sign(w) * g)) / 2)
                : (w > 0 ? g : 0, w < 0 ? g : 0);
            double tPlus = cell.ThresholdFor(gPlus), tMinus = cell.ThresholdFor(gMinus);
            var rp = cell.Program(cell.ErasedVt + (cell.ErasedVtSpread * rng.Normal()), tPlus, noisy ? rng : null);
            var rm = cell.Program(cell.ErasedVt + (cell.ErasedVtSpread * rng.Normal()), tMinus, noisy ? rng : null);
            vp[k] = rp.Vt;
            vm[k] = rm.Vt;
            pulses += rp.Pulses + rm.Pulses;
            unverified += (rp.Verified ? 0 : 1) + (rm.Verified ? 0 : 1);
        }
        return new FlashArrayInstance(cell, inputs, outputs, weightMax, vp, vm, pulses, unverified, encoding);
    }

    /// <summary>Conductances G⁺, G⁻ ([outputs, inputs], S) after <paramref name="ageSeconds"/> of retention at <paramref name="kelvin"/>, read at <paramref name="kelvin"/>.</summary>
    public (double[] GPlus, double[] GMinus) At(double ageSeconds, double kelvin)
    {
        if (!(ageSeconds >= 0) || !double.IsFinite(ageSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(ageSeconds), $"ageSeconds must be finite and ≥ 0 s, got {ageSeconds}.");
        }
        FloatingGateCellModel.ValidateTemperature(kelvin, nameof(kelvin));
        var gp = new double[_vtPlus.Length];
        var gm = new double[_vtMinus.Length];
        for (int k = 0; k < gp.Length; k++)
        {
            gp[k] = Cell.Conductance(Cell.Retained(_vtPlus[k], ageSeconds, kelvin), kelvin);
            gm[k] = Cell.Conductance(Cell.Retained(_vtMinus[k], ageSeconds, kelvin), kelvin);
        }
        return (gp, gm);
    }

    /// <summary>The reference read (all rows at full scale) at an age and temperature, S: see <see cref="Reference"/>.</summary>
    public double ReferenceRead(double ageSeconds, double kelvin)
    {
        var (gp, gm) = At(ageSeconds, kelvin);
        return Reference(gp, gm);
    }

    /// <summary>
    /// What the reference read measures from conductances <paramref name="gp"/>, <paramref name="gm"/>: one-sided pairs, the total
    /// current Σ(G⁺ + G⁻) (as the PCM crossbars' reference); common-mode pairs, the differential column sums Σ_j |Σ_i (G⁺ − G⁻)|,
    /// which scale exactly as the weights do.
    /// </summary>
    public double Reference(ReadOnlySpan<double> gp, ReadOnlySpan<double> gm)
    {
        double total = 0;
        if (Encoding == FlashPairEncoding.OneSided)
        {
            for (int k = 0; k < gp.Length; k++)
            {
                total += gp[k] + gm[k];
            }
            return total;
        }
        for (int j = 0; j < Outputs; j++)
        {
            double column = 0;
            for (int i = 0; i < Inputs; i++)
            {
                column += gp[(j * Inputs) + i] - gm[(j * Inputs) + i];
            }
            total += Math.Abs(column);
        }
        return total;
    }
}
