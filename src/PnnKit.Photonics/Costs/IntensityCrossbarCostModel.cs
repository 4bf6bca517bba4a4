using PnnKit.Core.Costs;

namespace PnnKit.Photonics.Costs;

/// <summary>
/// Energy of an intensity crossbar of EAMs and photodiodes (<see cref="TensorCore.IntensityCrossbarConfig"/>), per pass (one symbol
/// through the whole crossbar) and per weight load (DESIGN §6). The core is the light the crossbar computes with; the system adds
/// the laser's wall-plug loss, the EAM drivers, DACs, photodiode receivers and ADCs. Change values with <c>with { … }</c>.
/// </summary>
public sealed record IntensityCrossbarCostModel : ICostModel
{
    /// <summary>The defaults below.</summary>
    public static IntensityCrossbarCostModel Default { get; } = new();

    /// <summary>Laser wall-plug efficiency (<see cref="PhotonicCostModel.LaserWallPlugEfficiency"/>: 0.1, assumption after Nahmias et al. 2020).</summary>
    public double LaserWallPlugEfficiency { get; init; } = PhotonicCostModel.Default.LaserWallPlugEfficiency;

    /// <summary>
    /// Capacitance of one EAM with its pad, F. Assumption: 10 fF, a lumped germanium EAM a few tens of µm long; the iSiPP50G
    /// GeSi EAM's value (Pantouvaki et al., JLT 35, 631 (2017)) was not found here. Consistent with what was found: lumped EAM
    /// contact parasitics brought below 10 fF (Photonics 10, 885 (2023)); C·V²/4 at 2.3 Vpp gives 13 fJ/bit, beside the 13.8 fJ/bit
    /// reported for NRZ GeSi EAMs (cited in IEEE Xplore 9678059) and above the 6.3 fJ/bit of the Ge EAM of Opt. Express 30, 34276
    /// (2022) (≈ 5 fF), so it is on the conservative side.
    /// </summary>
    public double EamCapacitanceFarads { get; init; } = 10e-15;

    /// <summary>Peak-to-peak drive of an EAM, V: 2.3 Vpp, as the 80 Gb/s Ge EAM of Opt. Express 30, 34276 (2022) is driven.</summary>
    public double EamDriveVolts { get; init; } = 2.3;

    /// <summary>Data-converter Walden figure of merit, J per step (<see cref="PhotonicCostModel.ConverterJoulesPerStep"/>: 20 fJ, Murmann's ADC survey).</summary>
    public double ConverterJoulesPerStep { get; init; } = PhotonicCostModel.Default.ConverterJoulesPerStep;

    /// <summary>Photodiode + TIA energy per symbol, J (<see cref="PhotonicCostModel.ReceiverJoulesPerSymbol"/>: 1 pJ, Razavi 2012).</summary>
    public double ReceiverJoulesPerSymbol { get; init; } = PhotonicCostModel.Default.ReceiverJoulesPerSymbol;

    /// <inheritdoc/>
    public string Component => "photonic intensity crossbar";

    /// <summary>Energy of driving one EAM through one random NRZ symbol, J: C·V²/4 (a charge to V on half the symbols, CV²/2 each).</summary>
    public double EamJoulesPerSymbol => EamCapacitanceFarads * EamDriveVolts * EamDriveVolts / 4;

    /// <summary>Energy of setting a held weight EAM once, J: C·V²/2 (one charge to its bias).</summary>
    public double EamJoulesPerLoad => EamCapacitanceFarads * EamDriveVolts * EamDriveVolts / 2;

    /// <summary>One DAC or ADC conversion at <paramref name="bits"/> bits, J: FOM·2^bits (an ideal, 0-bit converter is costed at 8 bits, the default).</summary>
    public double ConversionJoules(int bits) => ConverterJoulesPerStep * Math.Pow(2, bits == 0 ? 8 : bits);

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("laser wall-plug efficiency", LaserWallPlugEfficiency, "1", "assumption; Nahmias et al., IEEE JSTQE 26, 7701518 (2020): 10–20 %", "integrated III-V/Si lasers, C-band"),
        new("EAM capacitance", EamCapacitanceFarads, "F", "assumption: lumped Ge EAM of tens of µm (iSiPP50G figure not found); parasitics < 10 fF, Photonics 10, 885 (2023); ≈ 5 fF from Opt. Express 30, 34276 (2022)'s 6.3 fJ/bit at 2.3 Vpp", "assumption; compact GeSi/Ge EAMs"),
        new("EAM drive swing", EamDriveVolts, "V", "Opt. Express 30, 34276 (2022): 2.3 Vpp", "Ge waveguide EAMs at 50–80 Gb/s"),
        new("converter Walden FOM", ConverterJoulesPerStep, "J/step", "Murmann, ADC Performance Survey 1997–2023 (DAC: same, assumption)", "ADCs at GS/s rates; DACs assumed equal"),
        new("photodiode + TIA energy per symbol", ReceiverJoulesPerSymbol, "J", "Razavi 2012: ~10 mW TIA at 10 GS/s", "CMOS optical receivers at ~10 GS/s (order of magnitude)"),
    ];

    /// <summary>
    /// Charges <paramref name="passes"/> passes of a crossbar of <paramref name="inputs"/> × <paramref name="outputs"/>: the light
    /// (core), the laser's wall-plug loss, the input EAMs with their DACs, the photodiode receivers with their ADCs.
    /// <paramref name="latencySeconds"/> is the stage's latency for one inference.
    /// </summary>
    public void ChargePasses(CostLedger ledger, string name, int inputs, int outputs, long passes, double laserWattsPerInput, double symbolRateHz,
        int dacBits, int adcBits, double latencySeconds)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        long inputSymbols = inputs * passes, readings = outputs * passes;
        double light = inputSymbols * laserWattsPerInput / symbolRateHz;
        ledger.Charge($"{name} crossbar light", CostCategory.Core, new Energy(light), inputSymbols, new Duration(latencySeconds), this);
        ledger.Charge($"{name} laser wall-plug loss", CostCategory.LightSource, new Energy(light * ((1 / LaserWallPlugEfficiency) - 1)), inputSymbols, Duration.Zero, this);
        ledger.Charge($"{name} input EAMs", CostCategory.Converter, new Energy(inputSymbols * EamJoulesPerSymbol), inputSymbols, Duration.Zero, this);
        ledger.Charge($"{name} input DACs", CostCategory.Converter, new Energy(inputSymbols * ConversionJoules(dacBits)), inputSymbols, Duration.Zero, this);
        ledger.Charge($"{name} photodiodes + TIAs", CostCategory.Converter, new Energy(readings * ReceiverJoulesPerSymbol), readings, Duration.Zero, this);
        ledger.Charge($"{name} ADCs", CostCategory.Converter, new Energy(readings * ConversionJoules(adcBits)), readings, Duration.Zero, this);
    }

    /// <summary>Charges <paramref name="loads"/> loads of <paramref name="weights"/> weight EAMs, each a DAC write and one charge of the EAM.</summary>
    public void ChargeWeightLoads(CostLedger ledger, string name, int weights, long loads, int dacBits)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        long writes = weights * loads;
        ledger.Charge($"{name} weight loads", CostCategory.Converter, new Energy(writes * (ConversionJoules(dacBits) + EamJoulesPerLoad)), writes, Duration.Zero, this);
    }
}
