using PnnKit.Photonics.Converters;
using PnnKit.Photonics.Costs;

namespace PnnKit.Photonics.TensorCore;

/// <summary>
/// An incoherent intensity crossbar (the seed: the rack-mounted photonic tensor processor of "Deep neural network inference
/// on an integrated, reconfigurable photonic tensor processor", Nat. Commun. (2026), doi 10.1038/s41467-026-71599-2: imec
/// iSiPP50G, electro-absorption modulators (EAMs) and photodiodes, an all-optical 9-input × 3-output crossbar with
/// intensity-based accumulation). Each input waveguide carries laser light set by a DAC-driven EAM, is split 1→<see cref="Outputs"/>,
/// passes one weight EAM per output, and each output photodiode sums the powers of its row: I_j = R·Σ_i t_w(i,j)·P_in,i/N.
/// Powers and transmissions are non-negative, so signed weights and inputs are split into sign parts run as separate passes
/// (<see cref="IntensityCrossbarLinear{T}"/>). DESIGN §9: the device physics in one record with documented defaults.
/// </summary>
public sealed record IntensityCrossbarConfig
{
    /// <summary>The processor's settings (the defaults below).</summary>
    public static IntensityCrossbarConfig Default { get; } = new();

    /// <summary>
    /// Exact converters, EAMs that close fully and noise-free photodiodes: the crossbar then computes W·x to rounding (the
    /// reference for tests). Insertion loss stays: it scales the light, and the readout's gain undoes it.
    /// </summary>
    public static IntensityCrossbarConfig Ideal { get; } = new() { DacBits = 0, AdcBits = 0, ExtinctionRatioDb = double.PositiveInfinity, DetectorNoise = false };

    /// <summary>Input waveguides (EAM-modulated inputs) of the crossbar: 9 (the paper's 9 × 3 crossbar).</summary>
    public int Inputs { get; init; } = 9;

    /// <summary>Output photodiodes of the crossbar: 3 (the paper's 9 × 3 crossbar); each input is split this many ways.</summary>
    public int Outputs { get; init; } = 3;

    /// <summary>
    /// Bits of the DACs driving the input and weight EAMs (0: ideal). Assumption: 8 bits; the paper's converter resolution was not
    /// found here (the summaries found give the 9 × 3 crossbar, iSiPP50G, EAMs and photodiodes, not the converters); 8 bits is the
    /// precision at which the imported networks are usually quantized for inference.
    /// </summary>
    public int DacBits { get; init; } = 8;

    /// <summary>Bits of the ADCs after the photodiode TIAs (0: ideal). Assumption: 8 bits, as <see cref="DacBits"/> (the paper's resolution was not found).</summary>
    public int AdcBits { get; init; } = 8;

    /// <summary>
    /// Extinction ratio of an EAM between its open and closed states, dB (+∞: it closes fully). Assumption: 7 dB, the low end of
    /// germanium waveguide EAMs' static extinction ratio (7.3–11.8 dB mean over devices, Opt. Express 30, 34276 (2022)); the
    /// iSiPP50G GeSi EAM's figure (Pantouvaki et al., JLT 35, 631 (2017)) was not found here, so the conservative value is used.
    /// </summary>
    public double ExtinctionRatioDb { get; init; } = 7.0;

    /// <summary>
    /// Insertion loss of an EAM in its open state, dB. Assumption: 4 dB; GeSi EAMs lose several dB in the open state (the iSiPP50G
    /// figure of Pantouvaki et al. 2017 was not found here; Ge/SiGe quantum-well EAMs report below 4.5 dB, Edwards et al., Opt. Express
    /// 20, 29164 (2012), a different, vertical-incidence device). Light passes two EAMs (input, weight).
    /// </summary>
    public double InsertionLossDb { get; init; } = 4.0;

    /// <summary>Laser power entering each input EAM, W. Assumption: 1 mW, the per-waveguide power of <see cref="PhotonicCostModel.OpticalPowerPerModeWatts"/>.</summary>
    public double LaserPowerPerInputWatts { get; init; } = PhotonicCostModel.Default.OpticalPowerPerModeWatts;

    /// <summary>Photodiode responsivity, A/W: Ge-on-Si photodiodes (<see cref="Photodetector{T}.DefaultResponsivity"/>, Michel et al. 2010).</summary>
    public double Responsivity { get; init; } = Photodetector<double>.DefaultResponsivity;

    /// <summary>Photodiode dark current, A (<see cref="PhotodetectorNoise.DefaultDarkCurrent"/>, Michel et al. 2010).</summary>
    public double DarkCurrentAmps { get; init; } = PhotodetectorNoise.DefaultDarkCurrent;

    /// <summary>TIA input-referred noise current density, A/√Hz (<see cref="PhotodetectorNoise.DefaultTiaNoiseDensity"/>, Razavi 2012).</summary>
    public double TiaNoiseDensity { get; init; } = PhotodetectorNoise.DefaultTiaNoiseDensity;

    /// <summary>Laser relative intensity noise, 1/Hz (<see cref="PhotodetectorNoise.DefaultRinPerHz"/>: −150 dB/Hz, DFB lasers, Agrawal 2010).</summary>
    public double RinPerHz { get; init; } = PhotodetectorNoise.DefaultRinPerHz;

    /// <summary>Shot, thermal (TIA, dark current) and RIN noise on every photodiode reading (false: noise-free reads).</summary>
    public bool DetectorNoise { get; init; } = true;

    /// <summary>
    /// Symbols per second on every input: one crossbar pass per symbol. Assumption: 10 GBd, a fifth of the 50 Gb/s the iSiPP50G
    /// EAMs and photodiodes are built for, leaving the host interface's DAC/ADC rate as the limit; the paper's rate was not found here.
    /// The devices are not the limit: Ge EAMs pass 67 GHz (Opt. Express 30, 34276 (2022)) and imec's C-band GeSi EAM 110 GHz (imec, 2025).
    /// </summary>
    public double SymbolRateHz { get; init; } = 10e9;

    /// <summary>Energy of lasers, EAMs, converters and receivers.</summary>
    public IntensityCrossbarCostModel Cost { get; init; } = IntensityCrossbarCostModel.Default;

    /// <summary>Fraction of the closed-over-open transmission an EAM keeps when closed: 10^(−ER/10) (0 for an ideal EAM).</summary>
    public double ClosedTransmission => double.IsPositiveInfinity(ExtinctionRatioDb) ? 0 : Math.Pow(10, -ExtinctionRatioDb / 10);

    /// <summary>Open-state transmission of one EAM: 10^(−IL/10).</summary>
    public double OpenTransmission => Math.Pow(10, -InsertionLossDb / 10);

    /// <summary>Receiver bandwidth, Hz: the Nyquist bandwidth of the symbols (half the symbol rate).</summary>
    public double ReceiverBandwidthHz => SymbolRateHz / 2;

    /// <summary>The photodiode noise in units of <see cref="LaserPowerPerInputWatts"/> (null when <see cref="DetectorNoise"/> is off).</summary>
    public PhotodetectorNoise? Noise => DetectorNoise
        ? PhotodetectorNoise.FromPhysics(LaserPowerPerInputWatts, ReceiverBandwidthHz, Responsivity, TiaNoiseDensity, DarkCurrentAmps, RinPerHz)
        : null;

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Inputs is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(Inputs), $"Inputs must be 1–1024 waveguides; got {Inputs}.");
        }
        if (Outputs is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(Outputs), $"Outputs must be 1–1024 photodiodes; got {Outputs}.");
        }
        if (DacBits is < 0 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(DacBits), $"DacBits must be 0 (ideal) to 16; got {DacBits}.");
        }
        if (AdcBits is < 0 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(AdcBits), $"AdcBits must be 0 (ideal) to 16; got {AdcBits}.");
        }
        if (!(ExtinctionRatioDb > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(ExtinctionRatioDb), $"ExtinctionRatioDb must be > 0 dB (+∞: the EAM closes fully); got {ExtinctionRatioDb}.");
        }
        Positive(InsertionLossDb, nameof(InsertionLossDb), orZero: true, max: 30);
        Positive(LaserPowerPerInputWatts, nameof(LaserPowerPerInputWatts), orZero: false, max: 1);
        Positive(Responsivity, nameof(Responsivity), orZero: false, max: 2);
        Positive(DarkCurrentAmps, nameof(DarkCurrentAmps), orZero: true, max: 1e-3);
        Positive(TiaNoiseDensity, nameof(TiaNoiseDensity), orZero: true, max: 1e-6);
        Positive(RinPerHz, nameof(RinPerHz), orZero: true, max: 1e-6);
        Positive(SymbolRateHz, nameof(SymbolRateHz), orZero: false, max: 1e12);
        ArgumentNullException.ThrowIfNull(Cost, nameof(Cost));
    }

    private static void Positive(double v, string name, bool orZero, double max)
    {
        if (!double.IsFinite(v) || v > max || (orZero ? v < 0 : v <= 0))
        {
            throw new ArgumentOutOfRangeException(name, $"{name} must be {(orZero ? "≥ 0" : "> 0")} and ≤ {max}; got {v}.");
        }
    }
}
