using PnnKit.Core.Physical;
using PnnKit.Memristive.Periphery;

namespace PnnKit.Memristive.Devices;

/// <summary>
/// The memristive substrate's device presets. Each wraps the record the physics uses with its defaults (the one
/// definition of every number stays in that record's initializers) and reads the displayed values back from it, so
/// `pnn devices show` cannot disagree with the code. Sources are carried over from the records' documentation.
/// </summary>
public static class MemristivePresets
{
    private const string Aihwkit = "aihwkit PCMLikeNoiseModel (Nandakumar et al., ICECS 2019; Joshi et al., Nat. Commun. 11, 2473 (2020))";
    private const string Yao = "Yao et al., Nature 577, 641 (2020)";

    /// <summary>PCM inference statistics fitted on ~1M devices, at GMax = 25 µS (the default of every PCM crossbar).</summary>
    public static DevicePreset<PcmNoiseModel> PcmJoshi2020 { get; } = PcmPreset(new PcmNoiseModel());

    /// <summary>The 1T1R TaOx/HfOx RRAM cell of Yao et al. 2020 (the default RramDeviceModel).</summary>
    public static DevicePreset<RramDeviceModel> RramYao2020 { get; } = RramPreset(new RramDeviceModel());

    /// <summary>The column ADC's energy model: Walden FOM of medium-speed SAR ADCs (the default AdcCostModel).</summary>
    public static DevicePreset<AdcCostModel> AdcSarMurmann { get; } = AdcPreset(new AdcCostModel());

    /// <summary>The 40 nm embedded-NOR floating-gate cell of the flash analog matrix processor (the default FloatingGateCellModel).</summary>
    public static DevicePreset<FloatingGateCellModel> FlashMythic40nm { get; } = FlashPreset(new FloatingGateCellModel());

    /// <summary>Every memristive preset.</summary>
    public static IReadOnlyList<DevicePreset> All { get; } = [PcmJoshi2020, RramYao2020, FlashMythic40nm, AdcSarMurmann];

    /// <summary>The PCM presets (the ones a PCM crossbar's `device:` may name).</summary>
    public static IReadOnlyList<DevicePreset<PcmNoiseModel>> Pcm { get; } = [PcmJoshi2020];

    private static DevicePreset<PcmNoiseModel> PcmPreset(PcmNoiseModel m) => new()
    {
        Name = "pcm-joshi-2020",
        Substrate = "memristive",
        Device = "PCM cell",
        Summary = "phase-change memory: programming noise, drift ν(G), 1/f read noise, Arrhenius temperature",
        Source = Aihwkit,
        Model = m,
        Parameters =
        [
            new("GMax", m.GMax, "S", "aihwkit PCM inference g_max (WeightMapping.DefaultGMax)"),
            .. m.ProgrammingCoefficients.Select((c, i) => new DeviceParameter($"ProgrammingCoefficients[{i}]", c, "µS", "aihwkit PCMLikeNoiseModel prog_coeff, fitted at GMax = 25 µS")),
            new("CoefficientReferenceGMax", PcmNoiseModel.CoefficientReferenceGMax, "S", "aihwkit prog_coeff_g_max_reference"),
            new("T0", m.T0, "s", "aihwkit PCMLikeNoiseModel t_0"),
            new("TRead", m.TRead, "s", "aihwkit PCMLikeNoiseModel t_read"),
            new("ConductionActivationEnergy", m.ConductionActivationEnergy, "eV", "Muneer et al., AIP Advances 8, 065314 (2018), melt-quenched amorphous Ge₂Sb₂Te₅"),
            new("DriftActivationEnergy", m.DriftActivationEnergy, "eV", "assumption: one effective E_d after Ielmini et al., Appl. Phys. Lett. 92, 193511 (2008)"),
            new("ReferenceTemperature", PcmNoiseModel.ReferenceTemperature, "K", "room temperature, as aihwkit's PCM fit"),
            new("MinTemperature", PcmNoiseModel.MinTemperature, "K", "drift keeps its power law down to 125 K (Khan, Dirisaglik et al., GST line cells)"),
            new("MaxTemperature", PcmNoiseModel.MaxTemperature, "K", "assumption: above ~400 K the amorphous phase crystallises within days"),
            new("ProgrammingNoiseScale", m.ProgrammingNoiseScale, "1", "1 = the fitted model"),
            new("ReadNoiseScale", m.ReadNoiseScale, "1", "1 = the fitted model"),
            new("DriftScale", m.DriftScale, "1", "1 = the fitted model"),
        ],
    };

    private static DevicePreset<RramDeviceModel> RramPreset(RramDeviceModel m) => new()
    {
        Name = "rram-yao-2020",
        Substrate = "memristive",
        Device = "RRAM cell (1T1R)",
        Summary = "TiN/TaOx/HfOx/TiN cell: 8 levels by write-and-verify, nonlinear read, relaxation",
        Source = Yao,
        Model = m,
        Parameters =
        [
            new("GMin", m.GMin, "S", "assumption: filament floor of a few µS; keeps 128-row column currents in an 8-bit ADC's range"),
            new("GMax", m.GMax, "S", "assumption: a 10:1 analog window, typical of the stack"),
            new("Levels", m.Levels, "1", Yao + " (Methods): 8-level cells, differential pairs give 15 weight levels"),
            new("VerifyTolerance", m.VerifyTolerance, "S", "assumption: below half the level spacing"),
            new("MaxProgramPulses", m.MaxProgramPulses, "1", "assumption: a full GMin → GMax sweep by a slow cell, plus back-off"),
            new("PulseStep", m.PulseStep, "S", "assumption: identical 50 ns SET/RESET pulses (" + Yao + "), below the verify window"),
            new("PulseNoise", m.PulseNoise, "1", "assumption: pulse-to-pulse variation of filamentary RRAM is tens of percent"),
            new("DeviceToDeviceSpread", m.DeviceToDeviceSpread, "1", "assumption: " + Yao + " give no number for the step spread"),
            new("StuckAtOnFraction", m.StuckAtOnFraction, "1", Yao + ": high-yield arrays"),
            new("StuckAtOffFraction", m.StuckAtOffFraction, "1", Yao + ": high-yield arrays"),
            new("ReadVoltage", m.ReadVoltage, "V", Yao + ", Extended Data Fig. 7 and Methods (0.2 V, 50 ns read)"),
            new("PulseWidthSeconds", m.PulseWidthSeconds, "s", Yao + " (Methods), closed-loop SET/RESET pulses"),
            new("IvNonlinearity", m.IvNonlinearity, "V⁻²", "assumption: near-ohmic HfOx at read voltages, sinh-like above ~0.5 V"),
            new("ReadNoise", m.ReadNoise, "1", "assumption: ~1% read fluctuation (Nminibapiel et al., IEEE EDL 38, 2017)"),
            new("RelaxationSpreadPerDecade", m.RelaxationSpreadPerDecade, "1/decade", "Wan et al., Nature 608, 504 (2022), scaled to this window; shape after Zhao et al., IEDM 2017"),
            new("RelaxationDriftPerDecade", m.RelaxationDriftPerDecade, "1/decade", "Wan et al., Nature 608, 504 (2022)"),
            new("RelaxationOnsetSeconds", m.RelaxationOnsetSeconds, "s", "assumption: the first read after write-verify"),
        ],
    };

    private static DevicePreset<FloatingGateCellModel> FlashPreset(FloatingGateCellModel m) => new()
    {
        Name = "flash-mythic-40nm",
        Substrate = "memristive",
        Device = "floating-gate flash cell (embedded NOR)",
        Summary = "analog flash weight: ISPP program-and-verify, linear-region read, log-time Arrhenius charge loss, Vt and mobility temperature, RTN read noise",
        Source = "Mythic M1076 product brief 2021 and white paper 2022 (40 nm flash, 8-bit); device physics as each parameter says",
        Model = m,
        Parameters =
        [
            new("ReadGateVoltage", m.ReadGateVoltage, "V", "assumption: 40 nm embedded-NOR read word line"),
            new("ReadDrainVoltage", m.ReadDrainVoltage, "V", "assumption: small drain bias, linear (triode) region (Mythic white paper 2022: the cell as a variable resistor)"),
            new("Beta", m.Beta, "A/V²", "assumption: µCox·W/L of a minimum 40 nm cell read through its floating gate"),
            new("VtMin", m.VtMin, "V", "assumption: lowest programmed threshold, above the erased distribution"),
            new("VtOff", m.VtOff, "V", "V_G − V_D/2: the cell stops conducting (Sze & Ng, eq. 6.16)"),
            new("OffMargin", m.OffMargin, "V", "assumption: weight-0 cells programmed this far above VtOff"),
            new("GMax", m.GMax, "S", "β·(V_G − VtMin − V_D/2) at 300 K"),
            new("ErasedVt", m.ErasedVt, "V", "assumption"),
            new("ErasedVtSpread", m.ErasedVtSpread, "V", "assumption: typical erased-distribution width"),
            new("NeutralVt", m.NeutralVt, "V", "assumption: the uncharged floating gate"),
            new("IsppStep", m.IsppStep, "V", "ISPP ΔVt per pulse = ΔVpp (Suh et al., IEEE JSSC 30, 1149 (1995)); 10 mV fine step assumed"),
            new("MaxPulses", m.MaxPulses, "1", "assumption: the full window at one step, with margin"),
            new("FloatingGateCapacitance", m.FloatingGateCapacitance, "F", "assumption: ~1 fF at 40 nm; sets the injection noise √(q·ΔVpp/C) (Compagnoni et al., IEEE TED 55, 2695 (2008))"),
            new("PulseNoise", m.PulseNoise, "V", "√(q·ΔVpp/C_fg), Compagnoni et al. 2008"),
            new("ProgramCurrent", m.ProgramCurrent, "A", "Bez et al., Proc. IEEE 91, 489 (2003): CHE programming ~100 µA; 50 µA for a scaled cell assumed"),
            new("ProgramDrainVoltage", m.ProgramDrainVoltage, "V", "Bez et al. 2003: 4–5 V"),
            new("ProgramPulseSeconds", m.ProgramPulseSeconds, "s", "Bez et al. 2003: ~1 µs CHE pulses"),
            new("RetentionLossPerDecade", m.RetentionLossPerDecade, "1/decade", "assumption: log-time intrinsic charge loss (Calabrese, ICICDT 2013, 45 nm NOR bakes), 0.5 % of stored charge per decade"),
            new("RetentionOnsetSeconds", m.RetentionOnsetSeconds, "s", "assumption"),
            new("RetentionActivationEnergy", m.RetentionActivationEnergy, "eV", "JEDEC JEP122: floating-gate charge loss, 1.1 eV as retention bakes use"),
            new("VtTemperatureCoefficient", m.VtTemperatureCoefficient, "V/K", "Sze & Ng §6.2.4: −0.5 to −2 mV/K"),
            new("MobilityTemperatureExponent", m.MobilityTemperatureExponent, "1", "Sze & Ng: phonon-limited mobility ∝ T^−1.5"),
            new("ReadNoiseVt", m.ReadNoiseVt, "V", "Kurata et al., VLSI Symp. 2006: RTN of a few mV in scaled flash; fresh Gaussian draw per read"),
            new("ReferenceTemperature", FloatingGateCellModel.ReferenceTemperature, "K", "room temperature"),
            new("MinTemperature", FloatingGateCellModel.MinTemperature, "K", "industrial range, −40 °C"),
            new("MaxTemperature", FloatingGateCellModel.MaxTemperature, "K", "automotive grade, 125 °C"),
        ],
    };

    private static DevicePreset<AdcCostModel> AdcPreset(AdcCostModel m) => new()
    {
        Name = "adc-sar-murmann",
        Substrate = "memristive",
        Device = "column ADC",
        Summary = "column ADC energy from the Walden FOM, E = FOM · 2^bits (bits set by the crossbar's AnalogConfig.AdcBits)",
        Source = "B. Murmann, ADC Performance Survey 1997–2024 (Stanford)",
        Model = m,
        Parameters = [.. m.Parameters.Select(p => new DeviceParameter(p.Name, p.Value, p.Unit, p.Source))],
    };
}
