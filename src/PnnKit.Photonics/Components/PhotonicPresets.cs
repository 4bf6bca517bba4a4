using PnnKit.Core.Physical;
using PnnKit.Photonics.Accel;
using PnnKit.Photonics.Converters;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.Components;

/// <summary>
/// The photonic substrate's device presets, each wrapping the record (or default constants) the physics already uses;
/// values are read back from it so the display cannot drift from the code. Sources are the records' own.
/// </summary>
public static class PhotonicPresets
{
    private const string Harris = "Harris et al., Opt. Express 22, 10487 (2014)";
    private const string Michel = "Michel et al., Nat. Photonics 4, 527 (2010)";

    /// <summary>A silicon thermo-optic heater with a 12-bit driver (the default ThermoOpticPhaseShifter).</summary>
    public static DevicePreset<ThermoOpticPhaseShifter> HeaterSiHarris2014 { get; } = Heater(new ThermoOpticPhaseShifter());

    /// <summary>The typical fabrication and drive errors of a silicon thermo-optic MZI mesh (<see cref="MeshVariation.Typical"/>).</summary>
    public static DevicePreset<MeshVariation> MziSiThermoOptic { get; } = Mesh(MeshVariation.Typical);

    /// <summary>Ge-on-Si photodiodes with TIAs at 1 mW per unit power over 10 GHz: the detector noise of <see cref="MeshVariation.Typical"/>.</summary>
    public static DevicePreset<PhotodetectorNoise> PdGeSiMichel2010 { get; } = Detector(MeshVariation.Typical.DetectorNoise!);

    /// <summary>ACCEL's 180 nm EAC, its light and its readout (the default <see cref="AccelCostModel"/>).</summary>
    public static DevicePreset<AccelCostModel> AccelEacChen2023 { get; } = AccelEac(AccelCostModel.Default);

    /// <summary>Every photonic preset.</summary>
    public static IReadOnlyList<DevicePreset> All { get; } = [HeaterSiHarris2014, MziSiThermoOptic, PdGeSiMichel2010, AccelEacChen2023];

    private static DevicePreset<AccelCostModel> AccelEac(AccelCostModel m) => new()
    {
        Name = "accel-eac-chen-2023",
        Substrate = "photonic",
        Device = "ACCEL electronic analog computing module",
        Summary = "32×32 photodiodes summed on SRAM-switched computing lines (180 nm CMOS, 1.8 V), its 532 nm light and its comparator readout",
        Source = "Chen et al., Nature 623, 48 (2023), Methods; circuit values are assumptions stated per parameter",
        Model = m,
        // Read back from the cost model's own list (names in words there, property names here).
        Parameters =
        [
            new(nameof(m.SupplyVolts), m.SupplyVolts, "V", "Chen et al. 2023, Methods"),
            new(nameof(m.ControllerVolts), m.ControllerVolts, "V", "Chen et al. 2023, Methods"),
            new(nameof(m.PhotodiodeCapacitanceFarads), m.PhotodiodeCapacitanceFarads, "F", "assumption: 10.6 µm-square n-well diode, ~0.1 fF/µm²"),
            new(nameof(m.SwitchCapacitanceFarads), m.SwitchCapacitanceFarads, "F", "assumption: minimum-size 180 nm transmission gate"),
            new(nameof(m.LineSwingVolts), m.LineSwingVolts, "V", "assumption: above a latch comparator's offset"),
            new(nameof(m.ResetSeconds), m.ResetSeconds, "s", "assumption"),
            new(nameof(m.ResponsivityAmpsPerWatt), m.ResponsivityAmpsPerWatt, "A/W", "Sze & Ng 2007, ch. 13: silicon at 532 nm, η ≈ 0.7"),
            new(nameof(m.ArrayOpticalPowerWatts), m.ArrayOpticalPowerWatts, "W", "assumption; latency ∝ 1/power"),
            new(nameof(m.LaserToArrayEfficiency), m.LaserToArrayEfficiency, "1", "assumption: 200 mW laser (Chen et al. 2023, Methods) → 1 mW on the array"),
            new(nameof(m.LaserWallPlugEfficiency), m.LaserWallPlugEfficiency, "1", "assumption: frequency-doubled DPSS 532 nm lasers"),
            new(nameof(m.ComparatorJoules), m.ComparatorJoules, "J", "assumption: 180 nm dynamic latch, 0.1–1 pJ"),
            new(nameof(m.ComparatorSeconds), m.ComparatorSeconds, "s", "assumption"),
            new(nameof(m.ControllerJoulesPerCycle), m.ControllerJoulesPerCycle, "J", "assumption"),
            new(nameof(m.OutputPadCapacitanceFarads), m.OutputPadCapacitanceFarads, "F", "assumption: pad, package and PCB trace"),
            new(nameof(m.GapMeters), m.GapMeters, "m", "Chen et al. 2023, Methods: 150 mm"),
            new(nameof(m.AdcBits), m.AdcBits, "bit", "assumption (the comparison design's per-pixel ADCs)"),
            new(nameof(m.PixelAdcRateHz), m.PixelAdcRateHz, "Hz", "assumption: pixel-parallel SAR ADCs"),
        ],
    };

    private static DevicePreset<ThermoOpticPhaseShifter> Heater(ThermoOpticPhaseShifter m) => new()
    {
        Name = "heater-si-harris-2014",
        Substrate = "photonic",
        Device = "thermo-optic phase shifter",
        Summary = "resistive heater over a silicon waveguide, φ = π·P/P_π, DAC-quantized drive voltage",
        Source = Harris,
        Model = m,
        Parameters =
        [
            new("PiPowerWatts", m.PiPowerWatts, "W", Harris + ": P_π ≈ 20 mW without thermal isolation"),
            new("ResistanceOhms", m.ResistanceOhms, "Ω", "assumption: order of the ≈ 1 kΩ doped-silicon heaters of " + Harris),
            new("DacBits", m.DacBits, "bit", "assumption: 12-bit drivers are common (e.g. Pai et al., Science 380, 398 (2023))"),
        ],
    };

    private static DevicePreset<MeshVariation> Mesh(MeshVariation m) => new()
    {
        Name = "mzi-si-thermo-optic",
        Substrate = "photonic",
        Device = "MZI mesh process",
        Summary = "typical static errors of a silicon thermo-optic MZI mesh: couplers, phases, loss, crosstalk, 12-bit drivers, detector noise",
        Source = "Bandyopadhyay et al., Optica 8, 1247 (2021); Shen et al., Nat. Photonics 11, 441 (2017); Milanizadeh et al., JLT 37, 1325 (2019)",
        Model = m,
        Parameters =
        [
            new("CouplerSplittingStd", m.CouplerSplittingStd, "1", "assumption within the 1–5 % splitter errors of Bandyopadhyay, Hamerly & Englund, Optica 8, 1247 (2021)"),
            new("PhaseErrorStd", m.PhaseErrorStd, "rad", "assumption: tens of mrad after calibration, cf. Shen et al., Nat. Photonics 11, 441 (2017)"),
            new("InsertionLossDb", m.InsertionLossDb, "dB", "assumption: 0.1–0.3 dB per cell (Shen et al. 2017; Bogaerts et al., Nature 586, 207 (2020))"),
            new("InsertionLossStdDb", m.InsertionLossStdDb, "dB", "assumption: 10 % of the 0.2 dB mean"),
            new("ThermalCrosstalk.NearestCoupling", m.ThermalCrosstalk!.NearestCoupling, "1", "Milanizadeh et al., J. Lightwave Technol. 37, 1325 (2019): a few percent at tens-of-µm pitch; here at 50 µm"),
            new("ThermalCrosstalk.DecayLengthMeters", m.ThermalCrosstalk.DecayLengthMeters, "m", "50 µm / ln(1/0.03): the exponential kernel calibrated to the 3 % at 50 µm"),
            new("ThermalCrosstalk.ModePitchMeters", m.ThermalCrosstalk.ModePitchMeters, "m", "assumption: 25 µm waveguide pitch, neighbouring MZIs of a column 50 µm apart"),
            new("ThermalCrosstalk.ColumnPitchMeters", m.ThermalCrosstalk.ColumnPitchMeters, "m", "assumption: the 300 µm cell of the photonic cost model"),
            new("PathImbalanceStdMeters", m.PathImbalanceStdMeters, "m", "assumption: nominally balanced arms; drift δφ = 2π·(dn/dT)·ΔL·ΔT/λ with dn/dT 1.8e-4 /K (Komma et al., APL 101, 041905 (2012))"),
            new("DacBits", m.DacBits, "bit", "the heater driver of heater-si-harris-2014 (assumption)"),
            new("DetectorNoise.ShotNoiseFactor", m.DetectorNoise!.ShotNoiseFactor, "1", "pd-ge-si-michel-2010"),
            new("DetectorNoise.ThermalNoiseStd", m.DetectorNoise.ThermalNoiseStd, "1", "pd-ge-si-michel-2010"),
            new("DetectorNoise.RinFactor", m.DetectorNoise.RinFactor, "1", "pd-ge-si-michel-2010"),
        ],
    };

    private static DevicePreset<PhotodetectorNoise> Detector(PhotodetectorNoise m) => new()
    {
        Name = "pd-ge-si-michel-2010",
        Substrate = "photonic",
        Device = "photodetector + TIA",
        Summary = "Ge-on-Si photodiode and TIA: shot, thermal and laser RIN noise at 1 mW per unit power, 10 GHz",
        Source = Michel + "; Razavi, Design of Integrated Circuits for Optical Communications (2012)",
        Model = m,
        Parameters =
        [
            new("Responsivity", Photodetector<double>.DefaultResponsivity, "A/W", Michel + ": Ge-on-Si at 1550 nm, 0.8–1.0 A/W"),
            new("DarkCurrent", PhotodetectorNoise.DefaultDarkCurrent, "A", Michel + ": tens of nA at −1 V"),
            new("TiaNoiseDensity", PhotodetectorNoise.DefaultTiaNoiseDensity, "A/√Hz", "Razavi (2012): 25–50 Gb/s optical-receiver TIAs"),
            new("RinPerHz", PhotodetectorNoise.DefaultRinPerHz, "1/Hz", "Agrawal, Fiber-Optic Communication Systems, 4th ed. (2010): DFB lasers, −150 dB/Hz"),
            new("ReceiverBandwidthHz", MeshVariation.DefaultReceiverBandwidthHz, "Hz", "assumption: a 10 GS/s photonic processor"),
            new("WattsPerUnitPower", MeshVariation.DefaultWattsPerUnitPower, "W", "assumption: 1 mW per mode"),
            new("ShotNoiseFactor", m.ShotNoiseFactor, "1", "2·q·B/R per unit model power (PhotodetectorNoise.FromPhysics)"),
            new("ThermalNoiseStd", m.ThermalNoiseStd, "1", "TIA and dark-current noise in model power units (PhotodetectorNoise.FromPhysics)"),
            new("RinFactor", m.RinFactor, "1", "RIN·B (PhotodetectorNoise.FromPhysics)"),
        ],
    };
}
