using PnnKit.Core.Costs;
using PnnKit.Core.Random;

namespace PnnKit.Memristive.Devices;

/// <summary>
/// A floating-gate (embedded NOR) flash cell used as an analog weight, as in Mythic's analog matrix processor
/// ("the flash transistor acts as a variable resistor", Mythic white paper 2022; 40 nm embedded flash, M1076 product brief 2021).
/// <para><b>Read.</b> Linear (triode) region at a small drain bias: I_D = β·(V_G − V_t − V_D/2)·V_D, so the cell's
/// conductance G = I_D / V_D = β·(V_G − V_t − V_D/2) is linear in V_t (Sze &amp; Ng, Physics of Semiconductor Devices,
/// 3rd ed., eq. 6.16), and zero (cut off; subthreshold leakage neglected) for V_t ≥ V_G − V_D/2. A weight of ±WeightMax
/// is a cell at <see cref="VtMin"/>; a weight of 0 is a cell programmed off, at <see cref="VtOff"/>.</para>
/// <para><b>Programming.</b> From the erased state (V_t ≈ <see cref="ErasedVt"/>, spread <see cref="ErasedVtSpread"/>),
/// incremental step pulse programming (ISPP): each pulse raises V_t by the gate-voltage step ΔV_pp (the ISPP steady
/// state, Suh et al., IEEE JSSC 30, 1149 (1995)) plus the electron-injection noise σ = √(q·ΔV_pp / C_fg) (Compagnoni
/// et al., IEEE TED 55, 2695 (2008)); after every pulse a verify read stops programming once V_t ≥ target − ΔV_pp/2, so
/// a noise-free cell ends within ±ΔV_pp/2 of its target.</para>
/// <para><b>Retention.</b> Intrinsic charge loss, logarithmic in time (Vt shift linear in log t, as the bake data of
/// floating-gate cells; e.g. Calabrese, ICICDT 2013, 45 nm NOR) and proportional to the stored charge above the neutral
/// threshold: ΔV_t = −λ·(V_t − V_t,neutral)·log10(1 + t_eq/t₀), with the Arrhenius-equivalent time
/// t_eq = t·exp(E_a/k·(1/T_ref − 1/T)).</para>
/// <para><b>Temperature.</b> Phonon-limited mobility β ∝ (T/T_ref)^−1.5 and V_t falling by <see cref="VtTemperatureCoefficient"/>
/// per kelvin (Sze &amp; Ng, §6.2.4).</para>
/// <para><b>Read noise.</b> Random telegraph noise of the threshold, drawn afresh on every read as a Gaussian of σ
/// <see cref="ReadNoiseVt"/> (the RTN amplitude of scaled flash cells, Kurata et al., IEEE VLSI Symp. 2006).</para>
/// </summary>
public sealed record FloatingGateCellModel : ICostModel
{
    /// <summary>Boltzmann constant, eV/K.</summary>
    public const double BoltzmannEv = 8.617333262e-5;

    /// <summary>Elementary charge, C.</summary>
    public const double ElementaryCharge = 1.602176634e-19;

    /// <summary>Temperature the retention and read parameters are given at, K (room temperature).</summary>
    public const double ReferenceTemperature = 300;

    /// <summary>Read word-line (control-gate) voltage, V. Assumption: 2.5 V, a 40 nm embedded-NOR read level (Vcc-class word line).</summary>
    public double ReadGateVoltage { get; init; } = 2.5;

    /// <summary>Read drain (bit-line) voltage, V. Assumption: 0.1 V, small enough for the linear region over the whole window.</summary>
    public double ReadDrainVoltage { get; init; } = 0.1;

    /// <summary>β = µ·C_ox·W/L at <see cref="ReferenceTemperature"/>, A/V². Assumption: 5 µA/V², a minimum-width 40 nm cell read through its coupled floating gate.</summary>
    public double Beta { get; init; } = 5e-6;

    /// <summary>Lowest programmed threshold (largest conductance, |w| = WeightMax), V. Assumption: 1.0 V, above the erased distribution.</summary>
    public double VtMin { get; init; } = 1.0;

    /// <summary>How far above <see cref="VtOff"/> a weight-0 cell is programmed, V. Assumption: 0.3 V, so charge loss and heat (−1 mV/K) leave it off over the model's range.</summary>
    public double OffMargin { get; init; } = 0.3;

    /// <summary>Mean erased threshold, V. Assumption: 0.5 V (erase verify below VtMin).</summary>
    public double ErasedVt { get; init; } = 0.5;

    /// <summary>Standard deviation of the erased threshold, V. Assumption: 0.1 V, a typical erased-distribution width.</summary>
    public double ErasedVtSpread { get; init; } = 0.1;

    /// <summary>Neutral (uncharged floating gate) threshold that charge loss relaxes towards, V. Assumption: equal to the mean erased threshold.</summary>
    public double NeutralVt { get; init; } = 0.5;

    /// <summary>ISPP gate-voltage step = V_t increase per pulse, V. Assumption: 10 mV, a fine-programming step (Suh et al. 1995 use 0.5 V for digital NAND).</summary>
    public double IsppStep { get; init; } = 0.010;

    /// <summary>Most ISPP pulses per cell, 1. Assumption: 300, the full window (≈ 2 V) at one step with margin for the erased spread.</summary>
    public int MaxPulses { get; init; } = 300;

    /// <summary>Floating-gate (control-to-floating gate) capacitance, F, for the injection noise. Assumption: 1 fF, the order of a 40 nm cell (Compagnoni et al. 2008 scale it with the cell).</summary>
    public double FloatingGateCapacitance { get; init; } = 1e-15;

    /// <summary>Channel-hot-electron program current, A. Bez et al., Proc. IEEE 91, 489 (2003): NOR CHE programming draws ~100 µA per cell; assumption 50 µA for a scaled cell.</summary>
    public double ProgramCurrent { get; init; } = 50e-6;

    /// <summary>Drain voltage while programming, V. Bez et al. 2003: 4–5 V for CHE; 4 V taken.</summary>
    public double ProgramDrainVoltage { get; init; } = 4.0;

    /// <summary>Program pulse width, s. Bez et al. 2003: CHE pulses of ~1 µs.</summary>
    public double ProgramPulseSeconds { get; init; } = 1e-6;

    /// <summary>Fraction of the stored charge (above <see cref="NeutralVt"/>) lost per decade of equivalent time, 1/decade. Assumption: 0.5 %, i.e. ~60 mV from the top of the window after ten years at room temperature.</summary>
    public double RetentionLossPerDecade { get; init; } = 0.005;

    /// <summary>Onset time t₀ of the log-time charge loss, s. Assumption: 1 s.</summary>
    public double RetentionOnsetSeconds { get; init; } = 1.0;

    /// <summary>Activation energy of the charge loss, eV. JEDEC JEP122 (floating-gate data retention, charge loss; 0.6–1.4 eV by mechanism): 1.1 eV, the value retention bakes commonly use.</summary>
    public double RetentionActivationEnergy { get; init; } = 1.1;

    /// <summary>dV_t/dT, V/K. Sze &amp; Ng §6.2.4: −0.5 to −2 mV/K for MOSFET thresholds; −1 mV/K taken.</summary>
    public double VtTemperatureCoefficient { get; init; } = -1e-3;

    /// <summary>Mobility temperature exponent (β ∝ T^exponent). Sze &amp; Ng: phonon-limited inversion-layer mobility ∝ T^−1.5.</summary>
    public double MobilityTemperatureExponent { get; init; } = -1.5;

    /// <summary>Read-noise σ of the threshold per read (random telegraph noise), V. Kurata et al., VLSI Symp. 2006: RTN amplitudes of a few mV in scaled flash; 2 mV taken.</summary>
    public double ReadNoiseVt { get; init; } = 0.002;

    /// <summary>Lowest temperature the model is used at, K (−40 °C, industrial range).</summary>
    public const double MinTemperature = 233;

    /// <summary>Highest temperature the model is used at, K (125 °C, automotive grade; charge loss above it is not log-time).</summary>
    public const double MaxTemperature = 398;

    /// <summary>Threshold at which the cell stops conducting in read (weight 0), V: V_G − V_D/2.</summary>
    public double VtOff => ReadGateVoltage - (ReadDrainVoltage / 2);

    /// <summary>Largest conductance, at <see cref="VtMin"/> and the reference temperature, S.</summary>
    public double GMax => Conductance(VtMin, ReferenceTemperature);

    /// <summary>The Vt increase per pulse's injection noise σ = √(q·ΔV_pp/C_fg), V.</summary>
    public double PulseNoise => Math.Sqrt(ElementaryCharge * IsppStep / FloatingGateCapacitance);

    /// <summary>Energy of one program pulse (CHE: I·V·t), J.</summary>
    public double PulseEnergy => ProgramCurrent * ProgramDrainVoltage * ProgramPulseSeconds;

    /// <inheritdoc/>
    public string Component => "flash cell array (linear-region read)";

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("read drain voltage", ReadDrainVoltage, "V", "assumption: linear-region read", "40 nm embedded NOR"),
        new("read gate voltage", ReadGateVoltage, "V", "assumption", "40 nm embedded NOR"),
        new("β = µCox·W/L", Beta, "A/V²", "assumption", "40 nm embedded NOR"),
        new("lowest programmed threshold", VtMin, "V", "assumption", "40 nm embedded NOR"),
    ];

    /// <summary>Throws naming the first parameter out of its range.</summary>
    public void Validate()
    {
        Positive(ReadGateVoltage, nameof(ReadGateVoltage), 20);
        Positive(ReadDrainVoltage, nameof(ReadDrainVoltage), 1);
        Positive(Beta, nameof(Beta), 1e-2);
        Positive(IsppStep, nameof(IsppStep), 1);
        Positive(FloatingGateCapacitance, nameof(FloatingGateCapacitance), 1e-12);
        Positive(ProgramCurrent, nameof(ProgramCurrent), 1e-2);
        Positive(ProgramDrainVoltage, nameof(ProgramDrainVoltage), 20);
        Positive(ProgramPulseSeconds, nameof(ProgramPulseSeconds), 1);
        Positive(RetentionOnsetSeconds, nameof(RetentionOnsetSeconds), 1e6);
        NonNegative(OffMargin, nameof(OffMargin), 2);
        NonNegative(ErasedVtSpread, nameof(ErasedVtSpread), 1);
        NonNegative(RetentionLossPerDecade, nameof(RetentionLossPerDecade), 0.1);
        NonNegative(RetentionActivationEnergy, nameof(RetentionActivationEnergy), 3);
        NonNegative(ReadNoiseVt, nameof(ReadNoiseVt), 0.1);
        if (!double.IsFinite(VtTemperatureCoefficient) || Math.Abs(VtTemperatureCoefficient) > 0.01)
        {
            throw new ArgumentOutOfRangeException(nameof(VtTemperatureCoefficient), $"VtTemperatureCoefficient must be in [−0.01, 0.01] V/K, got {VtTemperatureCoefficient}.");
        }
        if (!double.IsFinite(MobilityTemperatureExponent) || Math.Abs(MobilityTemperatureExponent) > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(MobilityTemperatureExponent), $"MobilityTemperatureExponent must be in [−3, 3], got {MobilityTemperatureExponent}.");
        }
        if (MaxPulses is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPulses), $"MaxPulses must be in [1, 100000], got {MaxPulses}.");
        }
        if (!double.IsFinite(ErasedVt) || !double.IsFinite(NeutralVt) || !double.IsFinite(VtMin) || !(ErasedVt < VtMin) || !(VtMin < VtOff))
        {
            throw new ArgumentOutOfRangeException(nameof(VtMin), $"thresholds must satisfy ErasedVt < VtMin < VtOff = ReadGateVoltage − ReadDrainVoltage/2; got ErasedVt {ErasedVt} V, VtMin {VtMin} V, VtOff {VtOff} V.");
        }
    }

    /// <summary>Throws unless <paramref name="kelvin"/> is within [<see cref="MinTemperature"/>, <see cref="MaxTemperature"/>].</summary>
    public static void ValidateTemperature(double kelvin, string parameter = "temperature")
    {
        if (!(kelvin >= MinTemperature && kelvin <= MaxTemperature))
        {
            throw new ArgumentOutOfRangeException(parameter, $"{parameter} must be in [{MinTemperature}, {MaxTemperature}] K for the flash cell model, got {kelvin}.");
        }
    }

    /// <summary>Read conductance I_D/V_D of a cell of threshold <paramref name="vt"/> (given at the reference temperature) at <paramref name="kelvin"/>, S.</summary>
    public double Conductance(double vt, double kelvin)
    {
        double beta = Beta * Math.Pow(kelvin / ReferenceTemperature, MobilityTemperatureExponent);
        double vtT = vt + (VtTemperatureCoefficient * (kelvin - ReferenceTemperature));
        return beta * Math.Max(0, ReadGateVoltage - vtT - (ReadDrainVoltage / 2));
    }

    /// <summary>The threshold (at the reference temperature) whose conductance is <paramref name="g"/> ∈ (0, GMax], V; a cell of g ≤ 0 is programmed off, <see cref="OffMargin"/> above <see cref="VtOff"/>.</summary>
    public double ThresholdFor(double g)
    {
        if (!(g > 0))
        {
            return VtOff + OffMargin;
        }
        return VtOff - (Math.Min(g, GMax) / Beta);
    }

    /// <summary>Arrhenius acceleration factor of charge loss at <paramref name="kelvin"/> relative to the reference temperature: exp(E_a/k·(1/T_ref − 1/T)).</summary>
    public double AccelerationFactor(double kelvin) => Math.Exp(RetentionActivationEnergy / BoltzmannEv * ((1 / ReferenceTemperature) - (1 / kelvin)));

    /// <summary>Threshold after <paramref name="seconds"/> of retention at <paramref name="kelvin"/> of a cell programmed to <paramref name="vt"/>, V.</summary>
    public double Retained(double vt, double seconds, double kelvin)
    {
        if (seconds <= 0)
        {
            return vt;
        }
        double decades = Math.Log10(1 + (seconds * AccelerationFactor(kelvin) / RetentionOnsetSeconds));
        return vt - (RetentionLossPerDecade * Math.Max(0, vt - NeutralVt) * decades);
    }

    /// <summary>
    /// ISPP with verify from <paramref name="startVt"/> to <paramref name="targetVt"/>: pulses until V_t ≥ target − step/2
    /// or the budget is spent. <paramref name="rng"/> draws the injection noise (null: noise-free).
    /// </summary>
    public IsppResult Program(double startVt, double targetVt, Rng? rng)
    {
        double verify = targetVt - (IsppStep / 2);
        double vt = startVt;
        double sigma = rng is null ? 0 : PulseNoise;
        int pulses = 0;
        while (vt < verify && pulses < MaxPulses)
        {
            vt += IsppStep + (sigma == 0 ? 0 : sigma * rng!.Normal());
            pulses++;
        }
        return new IsppResult(vt, pulses, vt >= verify);
    }

    private static void Positive(double v, string name, double max)
    {
        if (!(v > 0 && v <= max))
        {
            throw new ArgumentOutOfRangeException(name, $"{name} must be in (0, {max}], got {v}.");
        }
    }

    private static void NonNegative(double v, string name, double max)
    {
        if (!(v >= 0 && v <= max))
        {
            throw new ArgumentOutOfRangeException(name, $"{name} must be in [0, {max}], got {v}.");
        }
    }
}

/// <summary>What one ISPP programming of a cell ended with.</summary>
/// <param name="Vt">Final threshold, V.</param>
/// <param name="Pulses">Program pulses applied (each followed by a verify read).</param>
/// <param name="Verified">False when the pulse budget ran out before the verify level was reached.</param>
public readonly record struct IsppResult(double Vt, int Pulses, bool Verified);
