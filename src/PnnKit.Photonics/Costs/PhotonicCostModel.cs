using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Photonics.Components;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.Costs;

/// <summary>
/// Energy, static power and latency of a photonic mesh processor and its converters (DESIGN.md §6).
/// Dynamic terms are per symbol (one sample on one waveguide); the heaters that hold the phases are
/// static power. Every parameter is listed with its source; change them with <c>with { … }</c>.
/// </summary>
public sealed record PhotonicCostModel : ICostModel
{
    /// <summary>The defaults below.</summary>
    public static PhotonicCostModel Default { get; } = new();

    /// <summary>Laser wall-plug efficiency: 0.1 (assumption; integrated III-V/Si lasers reach 10–20 %, Nahmias et al., IEEE JSTQE 26, 7701518 (2020)).</summary>
    public double LaserWallPlugEfficiency { get; init; } = 0.1;

    /// <summary>Optical power launched per waveguide, W: 1 mW (assumption, matches <see cref="MeshVariation.DefaultWattsPerUnitPower"/>).</summary>
    public double OpticalPowerPerModeWatts { get; init; } = MeshVariation.DefaultWattsPerUnitPower;

    /// <summary>Symbol rate, Hz: 10 GS/s (assumption, matches <see cref="MeshVariation.DefaultReceiverBandwidthHz"/>).</summary>
    public double SymbolRateHz { get; init; } = MeshVariation.DefaultReceiverBandwidthHz;

    /// <summary>Modulator and driver energy per symbol, J: 1 pJ (silicon MZMs with drivers sit near pJ/bit, Miller, J. Lightwave Technol. 35, 346 (2017)).</summary>
    public double ModulatorJoulesPerSymbol { get; init; } = 1e-12;

    /// <summary>Data-converter Walden figure of merit, J per conversion step: 20 fJ (GS/s converters in Murmann's ADC Performance Survey 1997–2023; the same value is assumed for DACs).</summary>
    public double ConverterJoulesPerStep { get; init; } = 20e-15;

    /// <summary>DAC resolution driving the modulators, bits: 8 (assumption).</summary>
    public int DacBits { get; init; } = 8;

    /// <summary>ADC resolution after the detectors, bits: 8 (assumption).</summary>
    public int AdcBits { get; init; } = 8;

    /// <summary>Photodetector + TIA energy per symbol, J: 1 pJ (≈ 10 mW TIA at 10 GS/s, Razavi, Design of Integrated Circuits for Optical Communications, 2012).</summary>
    public double ReceiverJoulesPerSymbol { get; init; } = 1e-12;

    /// <summary>The phase-shifter technology holding the mesh's phases: thermo-optic heaters by default (<see cref="PhaseShifterTechnology"/>).</summary>
    public PhaseShifterTechnology PhaseShifter { get; init; } = PhaseShifterTechnology.ThermoOptic;

    /// <summary>Static power for a π shift, W: the phase shifter's (20 mW for thermo-optic heaters, Harris et al. 2014; 0 for MEMS and PCM).</summary>
    public double PiPowerWatts => PhaseShifter.PiPowerWatts;

    /// <summary>Optical delay per MZI column, s: 300 µm cell at group index 4.2 ≈ 4.2 ps (assumption for silicon strip waveguides).</summary>
    public double SecondsPerColumn { get; init; } = 300e-6 * 4.2 / 299_792_458.0;

    /// <summary>
    /// Time a phase shifter needs to settle after a new phase is written, s: the technology's (10 µs for
    /// thermo-optic heaters, an assumption within the µs to tens of µs of Harris et al. 2014).
    /// In-situ training holds every heater over this time once per step.
    /// </summary>
    public double HeaterSettlingSeconds => PhaseShifter.SettlingSeconds;

    /// <inheritdoc/>
    public string Component => "photonic mesh processor";

    /// <summary>Energy of one DAC conversion, J: FOM·2^bits.</summary>
    public double DacJoulesPerConversion => ConverterJoulesPerStep * Math.Pow(2, DacBits);

    /// <summary>Energy of one ADC conversion, J: FOM·2^bits.</summary>
    public double AdcJoulesPerConversion => ConverterJoulesPerStep * Math.Pow(2, AdcBits);

    /// <summary>Electrical energy of the laser light for one symbol on one waveguide, J.</summary>
    public double LaserJoulesPerSymbol => OpticalPowerPerModeWatts / LaserWallPlugEfficiency / SymbolRateHz;

    /// <summary>Optical energy one symbol carries on one waveguide, J: P/rate.</summary>
    public double OpticalJoulesPerSymbol => OpticalPowerPerModeWatts / SymbolRateHz;

    /// <summary>
    /// Charges <paramref name="symbols"/> symbols of laser light, split the way every photonic core in PnnKit counts it: the
    /// optical energy that enters the core is the core's energy (what photonic papers quote per MAC: passive interference
    /// and diffraction spend nothing but the light), and the laser's wall-plug loss is the light source's.
    /// </summary>
    public void ChargeLight(CostLedger ledger, string name, long symbols, double stageLatencySeconds)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ledger.Charge($"{name} light", CostCategory.Core, new Energy(symbols * OpticalJoulesPerSymbol), symbols, new Duration(stageLatencySeconds), this);
        ledger.Charge($"{name} laser wall-plug loss", CostCategory.LightSource, new Energy(symbols * (LaserJoulesPerSymbol - OpticalJoulesPerSymbol)), symbols, Duration.Zero, this);
    }

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("laser wall-plug efficiency", LaserWallPlugEfficiency, "1", "assumption; Nahmias et al., IEEE JSTQE 26, 7701518 (2020): 10–20 %",
            "integrated III-V/Si lasers, C-band; the survey range is 10–20 %"),
        new("optical power per waveguide", OpticalPowerPerModeWatts, "W", "assumption", "assumption; silicon waveguides well below nonlinear thresholds"),
        new("symbol rate", SymbolRateHz, "Hz", "assumption", "assumption; sets the receiver bandwidth and per-symbol laser energy"),
        new("modulator + driver energy per symbol", ModulatorJoulesPerSymbol, "J", "Miller, JLT 35, 346 (2017)", "silicon Mach-Zehnder modulators with drivers, ~pJ/bit (order of magnitude)"),
        new("converter Walden FOM", ConverterJoulesPerStep, "J/step", "Murmann, ADC Performance Survey 1997–2023 (DAC: same, assumption)", "ADCs at GS/s rates; DACs assumed equal"),
        new("DAC bits", DacBits, "bit", "assumption", "assumption; any"),
        new("ADC bits", AdcBits, "bit", "assumption", "assumption; any"),
        new("photodetector + TIA energy per symbol", ReceiverJoulesPerSymbol, "J", "Razavi 2012: ~10 mW TIA at 10 GS/s", "CMOS optical receivers at ~10 GS/s (order of magnitude)"),
        new($"{PhaseShifter.Name} phase shifter: static power for π", PiPowerWatts, "W", "thermo: Harris et al., Opt. Express 22, 10487 (2014); mems, pcm: 0", "thermo: silicon heaters without thermal isolation, 1550 nm"),
        new($"{PhaseShifter.Name} phase shifter: holding power", PhaseShifter.HoldingPowerWatts, "W", "mems: assumption, actuator leakage (Edinger et al., Opt. Lett. 46, 5671 (2021)); thermo, pcm: 0", "per shifter, independent of its phase"),
        new($"{PhaseShifter.Name} phase shifter: energy per write", PhaseShifter.WriteJoules, "J", "pcm: assumption, order of Ríos et al., PhotoniX 3, 26 (2022); mems: assumption C·V²", "per shifter and write"),
        new("optical delay per MZI column", SecondsPerColumn, "s", "assumption: 300 µm cell, group index 4.2", "assumption; silicon strip waveguides, C-band"),
        new($"{PhaseShifter.Name} phase shifter: settling time", HeaterSettlingSeconds, "s", "assumption; thermo: µs to tens of µs (Harris et al. 2014); mems: 1.03 MHz bandwidth (Edinger et al. 2021)", "per write"),
    ];

    /// <summary>Static power of the phase shifters holding every phase of <paramref name="mesh"/>, W: Σ P_π·φ/π with φ wrapped to [0, 2π), plus each shifter's holding power.</summary>
    public double HeaterPowerWatts<T>(MziMesh<T> mesh) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(mesh);
        double p = 0;
        foreach (var param in mesh.Parameters)
        {
            foreach (var v in param.Value.Data)
            {
                p += PhaseShifter.HoldingPowerFor(double.CreateChecked(v));
            }
        }
        return p;
    }

    /// <summary>Charges a mesh pass: laser light for every waveguide and sample (<see cref="ChargeLight"/>), the heaters' static power, the optical delay.</summary>
    public void ChargeMesh<T>(CostLedger ledger, MziMesh<T> mesh, int samples) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(mesh);
        long symbols = (long)mesh.Modes * samples;
        ChargeLight(ledger, mesh.Name, symbols, mesh.Columns * SecondsPerColumn);
        ledger.AddStaticPower($"{mesh.Name} heaters", new Power(HeaterPowerWatts(mesh)), this);
    }

    /// <summary>Charges <paramref name="channels"/> modulators (each with its DAC) for <paramref name="samples"/> samples.</summary>
    public void ChargeModulators(CostLedger ledger, string name, int channels, int samples)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        long symbols = (long)channels * samples;
        ledger.Charge($"{name} DACs", CostCategory.Converter, new Energy(symbols * DacJoulesPerConversion), symbols, Duration.FromRate(SymbolRateHz), this);
        ledger.Charge($"{name} modulators", CostCategory.Converter, new Energy(symbols * ModulatorJoulesPerSymbol), symbols, Duration.Zero, this);
    }

    /// <summary>Charges <paramref name="channels"/> photodetectors with TIAs and ADCs for <paramref name="samples"/> samples.</summary>
    public void ChargeDetectors(CostLedger ledger, string name, int channels, int samples)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        long symbols = (long)channels * samples;
        ledger.Charge($"{name} photodetectors + TIAs", CostCategory.Converter, new Energy(symbols * ReceiverJoulesPerSymbol), symbols, Duration.FromRate(SymbolRateHz), this);
        ledger.Charge($"{name} ADCs", CostCategory.Converter, new Energy(symbols * AdcJoulesPerConversion), symbols, Duration.Zero, this);
    }

    /// <summary>
    /// Charges what in-situ backpropagation adds to a forward pass, for <paramref name="samples"/> samples:
    /// <paramref name="extraPasses"/> more passes of laser light on every waveguide (adjoint, interference,
    /// time-reversed), each launched through N complex (IQ, two-MZM) modulators with their DACs;
    /// <paramref name="tapReadings"/> monitor-photodiode readings, each a detector + TIA symbol and an ADC
    /// conversion; <paramref name="coherentReadings"/> coherent field readings, each an I and a Q channel.
    /// </summary>
    public void ChargeInSituMeasurements<T>(CostLedger ledger, MziMesh<T> mesh, int samples, int extraPasses, int tapReadings, int coherentReadings)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(mesh);
        long light = (long)extraPasses * mesh.Modes * samples;
        ChargeLight(ledger, $"{mesh.Name} in-situ", light, extraPasses * mesh.Columns * SecondsPerColumn);
        long iq = 2 * light;
        ledger.Charge($"{mesh.Name} in-situ source DACs", CostCategory.Converter, new Energy(iq * DacJoulesPerConversion), iq, Duration.Zero, this);
        ledger.Charge($"{mesh.Name} in-situ source modulators", CostCategory.Converter, new Energy(iq * ModulatorJoulesPerSymbol), iq, Duration.Zero, this);
        long reads = ((long)tapReadings + (2L * coherentReadings)) * samples;
        ledger.Charge($"{mesh.Name} in-situ photodetectors + TIAs", CostCategory.Converter, new Energy(reads * ReceiverJoulesPerSymbol), reads, Duration.Zero, this);
        ledger.Charge($"{mesh.Name} in-situ ADCs", CostCategory.Converter, new Energy(reads * AdcJoulesPerConversion), reads, Duration.Zero, this);
    }

    /// <summary>Charges one re-programming of every phase shifter of <paramref name="mesh"/> (one heater-driver DAC write each), as after an optimizer step.</summary>
    public void ChargePhaseUpdate<T>(CostLedger ledger, MziMesh<T> mesh) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(mesh);
        long writes = mesh.Parameters.Sum(p => (long)p.Value.Length);
        ledger.Charge($"{mesh.Name} heater DAC writes", CostCategory.Converter, new Energy(writes * DacJoulesPerConversion), writes, Duration.Zero, this);
    }
}
