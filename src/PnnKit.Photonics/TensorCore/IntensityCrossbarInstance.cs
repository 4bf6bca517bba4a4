using PnnKit.Core.Random;

namespace PnnKit.Photonics.TensorCore;

/// <summary>
/// Static device spread of a fabricated intensity crossbar (DESIGN §4). Every value is an assumption: the seed paper's
/// device statistics were not found here, and these are of the order a wafer-scale silicon-photonics process shows.
/// </summary>
public sealed record IntensityCrossbarVariation
{
    /// <summary>A typical chip (the defaults below).</summary>
    public static IntensityCrossbarVariation Typical { get; } = new();

    /// <summary>Relative σ of each EAM's open transmission and each photodiode's responsivity. Assumption: 2 % (≈ 0.09 dB of insertion-loss spread).</summary>
    public double TransmissionSpread { get; init; } = 0.02;

    /// <summary>σ of each EAM's extinction ratio, dB. Assumption: 0.5 dB (Ge EAMs' extinction ratio spreads by dB across devices, Opt. Express 30, 34276 (2022)).</summary>
    public double ExtinctionRatioSpreadDb { get; init; } = 0.5;

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(TransmissionSpread >= 0 && TransmissionSpread <= 0.3))
        {
            throw new ArgumentOutOfRangeException(nameof(TransmissionSpread), $"TransmissionSpread must be in [0, 0.3]; got {TransmissionSpread}.");
        }
        if (!(ExtinctionRatioSpreadDb >= 0 && ExtinctionRatioSpreadDb <= 5))
        {
            throw new ArgumentOutOfRangeException(nameof(ExtinctionRatioSpreadDb), $"ExtinctionRatioSpreadDb must be in [0, 5] dB; got {ExtinctionRatioSpreadDb}.");
        }
    }
}

/// <summary>
/// One intensity crossbar's devices (DESIGN §4): each input EAM's and weight EAM's open transmission relative to nominal
/// (<see cref="InputGain"/>, <see cref="WeightGain"/>) and closed/open ratio (<see cref="InputClosed"/>, <see cref="WeightClosed"/>),
/// each photodiode's responsivity relative to nominal. Every tile of a layer runs on these same devices; the host decodes with
/// the nominal values, so a spread is an error it does not see. A gain never lets an EAM pass more than all of its light.
/// </summary>
/// <param name="Inputs">Input waveguides.</param>
/// <param name="Outputs">Output photodiodes.</param>
/// <param name="InputGain">Per input EAM, open transmission / nominal.</param>
/// <param name="InputClosed">Per input EAM, closed/open transmission.</param>
/// <param name="WeightGain">Per weight EAM [output, input], open transmission / nominal.</param>
/// <param name="WeightClosed">Per weight EAM [output, input], closed/open transmission.</param>
/// <param name="DetectorGain">Per photodiode, responsivity / nominal.</param>
public sealed record IntensityCrossbarInstance(int Inputs, int Outputs, double[] InputGain, double[] InputClosed, double[] WeightGain, double[] WeightClosed, double[] DetectorGain)
{
    /// <summary>
    /// Whether the host has calibrated this chip: measured every EAM's open and closed transmission and every photodiode's
    /// responsivity (assumption: measured exactly, the read noise averaged out over many reads), and since drives each EAM
    /// with the code that makes it pass the transmission asked for in the range all devices of its kind share (a device can dim
    /// light, never add it; <see cref="InputRange"/>), decodes with that range and divides each reading by its photodiode's gain.
    /// What it cannot undo: the DACs' rounding of the corrected codes, and a narrower range (a lower effective extinction ratio).
    /// </summary>
    public bool Calibrated { get; init; }

    /// <summary>Device reads the calibration takes: open and closed for every EAM, one per photodiode (0 when uncalibrated).</summary>
    public long CalibrationReads => Calibrated ? (2L * (Inputs + (Inputs * Outputs))) + Outputs : 0;

    /// <summary>
    /// The transmission range the host drives the input EAMs over, as (scale, closed ratio): τ(code) = scale·(r + (1 − r)·code).
    /// Uncalibrated: the nominal device, (1, <paramref name="nominalClosed"/>). Calibrated: the range every input EAM can reach,
    /// from the least-closing device's closed transmission up to the weakest device's open one.
    /// </summary>
    public (double Scale, double Closed) InputRange(double nominalClosed) => Range(InputGain, InputClosed, nominalClosed);

    /// <summary>The same range for the weight EAMs (<see cref="InputRange"/>).</summary>
    public (double Scale, double Closed) WeightRange(double nominalClosed) => Range(WeightGain, WeightClosed, nominalClosed);

    private (double Scale, double Closed) Range(double[] gain, double[] closed, double nominalClosed)
    {
        if (!Calibrated)
        {
            return (1, nominalClosed);
        }
        double hi = gain.Min(), lo = gain.Zip(closed, (g, r) => g * r).Max();
        if (!(lo < hi))
        {
            throw new InvalidOperationException($"calibration: the EAMs share no transmission range (closed up to {lo:G3}, open down to {hi:G3}); the chip cannot be calibrated.");
        }
        return (hi, lo / hi);
    }

    /// <summary>
    /// The transmission (relative to a nominal open EAM) of a device of <paramref name="gain"/> and closed ratio
    /// <paramref name="closed"/> asked for code <paramref name="code"/> on a chip of nominal closed ratio <paramref name="r"/>:
    /// uncalibrated it is driven to the code itself; calibrated, to the code (rounded by the <paramref name="bits"/>-bit DAC)
    /// that passes <paramref name="scale"/>·τ_nominal(code).
    /// </summary>
    internal double Transmission(double gain, double closed, double code, double r, double scale, int bits)
    {
        if (!Calibrated)
        {
            return gain * IntensityCrossbarLinear<double>.Dim(closed, code);
        }
        double target = scale * IntensityCrossbarLinear<double>.Dim(r, code);
        double drive = closed < 1 ? ((target / gain) - closed) / (1 - closed) : 1;
        return gain * IntensityCrossbarLinear<double>.Dim(closed, IntensityCrossbarLinear<double>.Quantize(drive, bits));
    }

    /// <summary>The crossbar with every device at its nominal value.</summary>
    public static IntensityCrossbarInstance Nominal(IntensityCrossbarConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        int n = config.Inputs, m = config.Outputs;
        double r = config.ClosedTransmission;
        return new(n, m, Filled(n, 1), Filled(n, r), Filled(n * m, 1), Filled(n * m, r), Filled(m, 1));
    }

    /// <summary>A fabricated copy of <paramref name="config"/>'s crossbar, its devices drawn from <paramref name="variation"/> with <paramref name="seed"/>.</summary>
    public static IntensityCrossbarInstance Fabricate(IntensityCrossbarConfig config, IntensityCrossbarVariation variation, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(variation);
        variation.Validate();
        int n = config.Inputs, m = config.Outputs;
        var rng = new Rng(seed).Split("intensity-crossbar");
        // Passive: an EAM's absolute open transmission T·gain stays ≤ 1.
        double maxGain = 1 / config.OpenTransmission;
        double Gain() => Math.Clamp(1 + (variation.TransmissionSpread * rng.Normal()), 0, maxGain);
        double Closed() => double.IsPositiveInfinity(config.ExtinctionRatioDb)
            ? 0
            : Math.Pow(10, -Math.Max(config.ExtinctionRatioDb + (variation.ExtinctionRatioSpreadDb * rng.Normal()), 0) / 10);
        var inputGain = new double[n];
        var inputClosed = new double[n];
        for (int i = 0; i < n; i++)
        {
            inputGain[i] = Gain();
            inputClosed[i] = Closed();
        }
        var weightGain = new double[n * m];
        var weightClosed = new double[n * m];
        for (int k = 0; k < n * m; k++)
        {
            weightGain[k] = Gain();
            weightClosed[k] = Closed();
        }
        var detector = new double[m];
        for (int j = 0; j < m; j++)
        {
            detector[j] = Math.Max(1 + (variation.TransmissionSpread * rng.Normal()), 0);
        }
        return new(n, m, inputGain, inputClosed, weightGain, weightClosed, detector);
    }

    /// <summary>
    /// The optical power on each photodiode, in units of the laser power per input, when the input EAMs are driven to
    /// <paramref name="inputCodes"/> and the weight EAMs to <paramref name="weightCodes"/> ([output, input]), all in [0, 1]:
    /// P_j = (T²/N)·Σ_i g_ij·τ(w_ij)·g_i·τ(x_i). The crossbar is passive: the powers sum to at most the light it receives.
    /// </summary>
    public double[] DetectedPowers(IntensityCrossbarConfig config, ReadOnlySpan<double> inputCodes, ReadOnlySpan<double> weightCodes)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (inputCodes.Length != Inputs || weightCodes.Length != Inputs * Outputs)
        {
            throw new ArgumentException($"expects {Inputs} input codes and {Inputs * Outputs} weight codes; got {inputCodes.Length} and {weightCodes.Length}.");
        }
        double open = config.OpenTransmission;
        var powers = new double[Outputs];
        for (int j = 0; j < Outputs; j++)
        {
            for (int i = 0; i < Inputs; i++)
            {
                double light = InputGain[i] * IntensityCrossbarLinear<double>.Dim(InputClosed[i], inputCodes[i]) * open / Outputs;
                powers[j] += light * WeightGain[(j * Inputs) + i] * IntensityCrossbarLinear<double>.Dim(WeightClosed[(j * Inputs) + i], weightCodes[(j * Inputs) + i]) * open;
            }
        }
        return powers;
    }

    private static double[] Filled(int count, double value)
    {
        var a = new double[count];
        Array.Fill(a, value);
        return a;
    }
}
