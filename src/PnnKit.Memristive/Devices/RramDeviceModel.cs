using PnnKit.Memristive.Crossbar;

namespace PnnKit.Memristive.Devices;

/// <summary>
/// A 1T1R RRAM cell model (TiN/TaOx/HfOx/TiN) as used in Yao et al., "Fully hardware-implemented memristor
/// convolutional neural network", Nature 577, 641–646 (2020): multi-level conductance in [<see cref="GMin"/>,
/// <see cref="GMax"/>] reached by closed-loop write-and-verify with identical SET/RESET pulses, a mild
/// nonlinear read I = G·V·(1 + a·V²), and the fabrication statistics an instance samples once
/// (DESIGN.md §4: this record is the device "design"; <see cref="RramArrayInstance"/> is one fabricated array;
/// <see cref="RramArrayState"/> is its conductance map after programming).
/// Values the paper gives are marked "Yao 2020"; the others are assumptions, each with its reason.
/// </summary>
public sealed record RramDeviceModel
{
    /// <summary>
    /// Lowest programmable conductance, S. Default 2 µS. Assumption: the conductance window is not given in the text
    /// we could read; filamentary TaOx/HfOx cells keep a floor of a few µS after forming, and 2–20 µS keeps the
    /// read current at 0.2 V in the 0.4–4 µA range a 128-row column sums without saturating an 8-bit ADC.
    /// </summary>
    public double GMin { get; init; } = 2e-6;

    /// <summary>Highest programmable conductance, S. Default 20 µS. Assumption (see <see cref="GMin"/>): a 10:1 analog window, typical of the stack.</summary>
    public double GMax { get; init; } = 20e-6;

    /// <summary>
    /// Discrete target conductances per cell, evenly spaced in [GMin, GMax]. Default 8: Yao 2020 (Methods) store each weight
    /// as the differential conductance of a pair of 8-level memristors, giving 15 weight levels (32 distinct states were
    /// demonstrated on 1,024 cells, Fig. 1c, but 8 were used in the network). The paper does not say the levels are evenly spaced;
    /// even spacing is our assumption, matching the fixed-point 15-level weights.
    /// </summary>
    public int Levels { get; init; } = 8;

    /// <summary>
    /// Verify window, S: programming stops once |G − target| ≤ this. Default 0.25 µS. Assumption: no number in the text we
    /// could read; it must be below half the level spacing ((20 − 2)/7 / 2 ≈ 1.29 µS) so levels do not overlap, and 0.25 µS
    /// is small enough that 32 states in the same window (spacing 0.58 µS) would still be separated, as Fig. 1c shows.
    /// </summary>
    public double VerifyTolerance { get; init; } = 0.25e-6;

    /// <summary>
    /// Pulse budget per cell and programming; a cell not verified within it is reported as failed. Default 500. Assumption:
    /// enough for a full GMin → GMax sweep (~90 nominal pulses) by a cell 2.5 σ slow at the default spread, plus back-off after overshoot.
    /// </summary>
    public int MaxProgramPulses { get; init; } = 500;

    /// <summary>
    /// Mean conductance change of one SET (up) or RESET (down) pulse, S. Default 0.2 µS. Assumption: Yao 2020 use identical
    /// 50 ns SET and RESET pulse trains (Methods), so one step for both directions; 0.2 µS is below the 2 × 0.25 µS verify window
    /// so a pulse cannot jump over it, and about 1% of the window, the fine-tuning regime of such cells.
    /// </summary>
    public double PulseStep { get; init; } = 0.2e-6;

    /// <summary>Cycle-to-cycle noise of a pulse's step, relative std (each pulse moves step · (1 + this · N(0, 1))). Default 0.3. Assumption: pulse-to-pulse variation of filamentary RRAM is tens of percent.</summary>
    public double PulseNoise { get; init; } = 0.3;

    /// <summary>
    /// Device-to-device spread: each cell's mean step is <see cref="PulseStep"/> · (1 + this · N(0, 1)), drawn once at fabrication
    /// (clamped to at least 10% of the nominal step). Default 0.2. Assumption: Yao 2020 report high array uniformity but give
    /// no number for the step; 20% changes the pulses needed while program-and-verify still lands every cell in the window.
    /// </summary>
    public double DeviceToDeviceSpread { get; init; } = 0.2;

    /// <summary>Fraction of cells stuck at GMax (never move). Default 0: Yao 2020 report high-yield arrays; set it to study defects.</summary>
    public double StuckAtOnFraction { get; init; }

    /// <summary>Fraction of cells stuck at GMin (never move). Default 0 (see <see cref="StuckAtOnFraction"/>).</summary>
    public double StuckAtOffFraction { get; init; }

    /// <summary>Read voltage, V. Default 0.2 V: Yao 2020, the read pulses of Extended Data Fig. 7 and the benchmark's 0.2 V, 50 ns read pulse (Methods).</summary>
    public double ReadVoltage { get; init; } = 0.2;

    /// <summary>Programming pulse width, s. Default 50 ns: Yao 2020 (Methods), the closed-loop SET/RESET pulses.</summary>
    public double PulseWidthSeconds { get; init; } = 50e-9;

    /// <summary>
    /// I–V nonlinearity a, V⁻², in I = G·V·(1 + a·V²) (odd in V, so a cell never conducts against the voltage for a ≥ 0).
    /// Default 0.5 V⁻². Assumption: Yao 2020 do not report a coefficient; filamentary HfOx cells are close to ohmic at read
    /// voltages and sinh-like above ~0.5 V; 0.5 V⁻² gives 2% excess current at the 0.2 V read and 12.5% at 0.5 V.
    /// </summary>
    public double IvNonlinearity { get; init; } = 0.5;

    /// <summary>
    /// Read noise: every read sees each cell at G · (1 + this · N(0, 1)), a fresh draw per read (random telegraph and 1/f noise
    /// of the filament). Default 0.01. Assumption: Yao 2020 show tight read distributions without a number; filamentary HfOx
    /// read fluctuations of about 1% at tens of µS are typical (Nminibapiel et al., IEEE EDL 38, 2017, on RRAM read fluctuations).
    /// </summary>
    public double ReadNoise { get; init; } = 0.01;

    /// <summary>
    /// Conductance relaxation after programming, spread: the std of G(t) − G(0) grows by this fraction of the window
    /// (GMax − GMin) per decade of log10(1 + t / <see cref="RelaxationOnsetSeconds"/>). Default 0.0035 per decade: Wan et al.,
    /// Nature 608, 504 (2022) (NeuRRAM, Extended Data on array relaxation: the std grows to ≈ 1 µS within an hour over a 10–90 µS
    /// window, ≈ 1.25% of the window over ≈ 3.6 decades), scaled to this window; the shape in log time follows Zhao et al., IEDM 2017 (analog RRAM retention).
    /// </summary>
    public double RelaxationSpreadPerDecade { get; init; } = 0.0035;

    /// <summary>
    /// Conductance relaxation, mean: G falls by this fraction of the window per decade of log10(1 + t / onset). Default 0.0024:
    /// Wan et al. 2022 (above: mean 1-h relaxation error −0.68 µS over an 80 µS window, ≈ 0.85% over ≈ 3.6 decades).
    /// </summary>
    public double RelaxationDriftPerDecade { get; init; } = 0.0024;

    /// <summary>Time after programming at which relaxation starts counting decades, s. Default 1 s. Assumption: the first read after write-verify, the reference of the relaxation curves above.</summary>
    public double RelaxationOnsetSeconds { get; init; } = 1;

    /// <summary>Decades of relaxation at age <paramref name="seconds"/>: log10(1 + t / onset) (0 at t = 0).</summary>
    public double RelaxationDecades(double seconds) => Math.Log10(1 + (seconds / RelaxationOnsetSeconds));

    /// <summary>Spacing of the target levels, S: (GMax − GMin) / (Levels − 1).</summary>
    public double LevelSpacing => (GMax - GMin) / (Levels - 1);

    /// <summary>Target conductance of level <paramref name="k"/> (0 = GMin, Levels − 1 = GMax), S.</summary>
    public double Level(int k)
    {
        if (k < 0 || k >= Levels)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"level must be in [0, {Levels - 1}], got {k}.");
        }
        return GMin + (k * LevelSpacing);
    }

    /// <summary>Current through a cell of conductance <paramref name="g"/> at voltage <paramref name="v"/>, A: G·V·(1 + a·V²).</summary>
    public double Current(double g, double v) => g * v * (1 + (IvNonlinearity * v * v));

    /// <summary>The signed-weight mapping onto differential pairs G⁺ − G⁻ in [GMin, GMax], quantized to <see cref="Levels"/> (15 weight levels for 8).</summary>
    public WeightMapping Mapping(double weightMax = 1.0, OutOfRangePolicy policy = OutOfRangePolicy.ClipWithWarning) =>
        new(GMax, weightMax, Levels, policy, GMin);

    /// <summary>Throws naming the first invalid field and its allowed range.</summary>
    public void Validate()
    {
        if (!double.IsFinite(GMax) || GMax <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(GMax), $"GMax must be a finite conductance > 0 S, got {GMax}.");
        }
        if (!double.IsFinite(GMin) || GMin < 0 || GMin >= GMax)
        {
            throw new ArgumentOutOfRangeException(nameof(GMin), $"GMin must be in [0, GMax = {GMax}) S, got {GMin}.");
        }
        if (Levels < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Levels), $"Levels must be ≥ 2, got {Levels}.");
        }
        if (!double.IsFinite(VerifyTolerance) || VerifyTolerance <= 0 || VerifyTolerance > GMax - GMin)
        {
            throw new ArgumentOutOfRangeException(nameof(VerifyTolerance), $"VerifyTolerance must be in (0, GMax − GMin = {GMax - GMin}] S, got {VerifyTolerance}.");
        }
        if (MaxProgramPulses < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxProgramPulses), $"MaxProgramPulses must be ≥ 1, got {MaxProgramPulses}.");
        }
        if (!double.IsFinite(PulseStep) || PulseStep <= 0 || PulseStep > GMax - GMin)
        {
            throw new ArgumentOutOfRangeException(nameof(PulseStep), $"PulseStep must be in (0, GMax − GMin = {GMax - GMin}] S, got {PulseStep}.");
        }
        if (!(PulseNoise >= 0 && PulseNoise <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(PulseNoise), $"PulseNoise must be in [0, 1], got {PulseNoise}.");
        }
        if (!(DeviceToDeviceSpread >= 0 && DeviceToDeviceSpread <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DeviceToDeviceSpread), $"DeviceToDeviceSpread must be in [0, 1], got {DeviceToDeviceSpread}.");
        }
        if (!(StuckAtOnFraction >= 0 && StuckAtOnFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(StuckAtOnFraction), $"StuckAtOnFraction must be in [0, 1], got {StuckAtOnFraction}.");
        }
        if (!(StuckAtOffFraction >= 0 && StuckAtOffFraction <= 1 - StuckAtOnFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(StuckAtOffFraction), $"StuckAtOffFraction must be in [0, 1 − StuckAtOnFraction = {1 - StuckAtOnFraction}], got {StuckAtOffFraction}.");
        }
        if (!(ReadVoltage > 0 && ReadVoltage <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ReadVoltage), $"ReadVoltage must be in (0, 1] V (reads stay below switching), got {ReadVoltage}.");
        }
        if (!double.IsFinite(PulseWidthSeconds) || PulseWidthSeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PulseWidthSeconds), $"PulseWidthSeconds must be finite and > 0 s, got {PulseWidthSeconds}.");
        }
        if (!(ReadNoise >= 0 && ReadNoise <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ReadNoise), $"ReadNoise must be in [0, 1] (relative std per read), got {ReadNoise}.");
        }
        if (!(RelaxationSpreadPerDecade >= 0 && RelaxationSpreadPerDecade <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(RelaxationSpreadPerDecade), $"RelaxationSpreadPerDecade must be in [0, 1] (fraction of the window per decade), got {RelaxationSpreadPerDecade}.");
        }
        if (!(RelaxationDriftPerDecade >= -1 && RelaxationDriftPerDecade <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(RelaxationDriftPerDecade), $"RelaxationDriftPerDecade must be in [-1, 1] (fraction of the window per decade), got {RelaxationDriftPerDecade}.");
        }
        if (!double.IsFinite(RelaxationOnsetSeconds) || RelaxationOnsetSeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RelaxationOnsetSeconds), $"RelaxationOnsetSeconds must be finite and > 0 s, got {RelaxationOnsetSeconds}.");
        }
        if (!double.IsFinite(IvNonlinearity) || IvNonlinearity < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(IvNonlinearity), $"IvNonlinearity must be finite and ≥ 0 V⁻² (a passive cell), got {IvNonlinearity}.");
        }
    }
}
