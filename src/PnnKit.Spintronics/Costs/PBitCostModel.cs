using PnnKit.Core.Costs;

namespace PnnKit.Spintronics.Costs;

/// <summary>
/// What one p-bit update costs in a p-computer built like Borders et al. (Nature 573, 390 (2019)): a stochastic
/// MTJ read at its bias voltage for one update time and the inverter that turns its resistance into a digital m_i
/// (the p-bit, core), the digital synapse that computes the input I_i (MACs and weight reads, <see cref="DigitalCostModel"/>,
/// Horowitz 2014), and one DAC conversion that applies I_i to the p-bit (converter). Change values with <c>with { … }</c>.
/// </summary>
public sealed record PBitCostModel : ICostModel
{
    /// <summary>Component name of the p-bit (sMTJ read + inverter) in a ledger.</summary>
    public const string PBitComponent = "p-bit (sMTJ read + inverter)";

    /// <summary>Component name of the synapse MACs in a ledger.</summary>
    public const string SynapseComponent = "synapse MACs";

    /// <summary>Component name of the synapse weight reads in a ledger.</summary>
    public const string WeightComponent = "synapse weight reads";

    /// <summary>Component name of the input DAC in a ledger.</summary>
    public const string DacComponent = "p-bit input DAC";

    /// <summary>The defaults below.</summary>
    public static PBitCostModel Default { get; } = new();

    /// <summary>The stochastic MTJ: resistances and read voltage (<see cref="MtjParameters"/> defaults, Ikeda et al. 2010; a low-barrier free layer leaves R_P and TMR as they are).</summary>
    public MtjParameters Junction { get; init; } = new();

    /// <summary>
    /// Time of one p-bit update, s: 10 ns (assumption, the order of the ≈ 8 ns fluctuation time of in-plane
    /// stochastic MTJs, Hayakawa et al., PRL 126, 117202 (2021); Borders et al. 2019 ran at ms).
    /// </summary>
    public double UpdateSeconds { get; init; } = 10e-9;

    /// <summary>Inverter/comparator node capacitance, F: 1 fF (assumption, a minimum-size CMOS inverter with its wire).</summary>
    public double InverterCapacitanceFarads { get; init; } = 1e-15;

    /// <summary>Supply voltage of the inverter, V: 0.8 V (assumption, a 28 nm-class logic supply).</summary>
    public double SupplyVolts { get; init; } = 0.8;

    /// <summary>DAC Walden figure of merit, J per step: 10 fJ (medium-speed converters, Murmann, ADC Performance Survey 1997–2024; upper end; DAC assumed alike).</summary>
    public double DacJoulesPerStep { get; init; } = 10e-15;

    /// <summary>DAC resolution for the p-bit input, bits: 8 (assumption).</summary>
    public int DacBits { get; init; } = 8;

    /// <summary>The digital synapse: fp32 MACs, weights in an 8 KB SRAM (Horowitz 2014: 10 pJ per 64-bit read; the couplings of ≤ 1,000 sparse spins fit).</summary>
    public DigitalCostModel Synapse { get; init; } = new(DigitalPrecision.Fp32) { SramReadJoulesPer64Bits = 10e-12 };

    /// <summary>
    /// Energy of the p-bit itself per update, J: V_read² · (G_P + G_AP)/2 · t (a p-bit spends on average half its
    /// time in each state) plus C V_dd² for the inverter.
    /// </summary>
    public double PBitJoulesPerUpdate
    {
        get
        {
            double meanConductance = 0.5 * ((1 / Junction.ParallelResistanceOhms) + (1 / Junction.AntiparallelResistanceOhms));
            return (Junction.ReadVoltage * Junction.ReadVoltage * meanConductance * UpdateSeconds) + (InverterCapacitanceFarads * SupplyVolts * SupplyVolts);
        }
    }

    /// <summary>Energy of one DAC conversion, J: FOM · 2^bits.</summary>
    public double DacJoulesPerConversion => DacJoulesPerStep * Math.Pow(2, DacBits);

    /// <inheritdoc/>
    public string Component => "p-bit network";

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("sMTJ parallel resistance", Junction.ParallelResistanceOhms, "Ω", "assumption: RA 6 Ω·µm², 40 nm disc (Ikeda et al. 2010)", "perpendicular CoFeB/MgO MTJ, 40 nm disc"),
        new("sMTJ TMR", Junction.Tmr, "1", "Ikeda et al., Nat. Mater. 9, 721 (2010)", "perpendicular CoFeB/MgO MTJ, 40 nm, room temperature, low bias"),
        new("sMTJ read voltage", Junction.ReadVoltage, "V", "assumption", "assumption; well below the ≈ 0.4 V where TMR halves"),
        new("update time", UpdateSeconds, "s", "assumption; Hayakawa et al., PRL 126, 117202 (2021): ≈ 8 ns", "in-plane low-barrier stochastic MTJs"),
        new("inverter capacitance", InverterCapacitanceFarads, "F", "assumption", "assumption; minimum-size CMOS inverter with its wire"),
        new("supply voltage", SupplyVolts, "V", "assumption", "assumption; 28 nm-class CMOS logic"),
        new("DAC Walden FOM", DacJoulesPerStep, "J/step", "Murmann, ADC Performance Survey 1997–2024 (DAC assumed alike)", "medium-speed converters, upper end; DACs assumed alike"),
        new("DAC bits", DacBits, "bit", "assumption", "assumption; any"),
    ];

    /// <summary>
    /// Charges <paramref name="updates"/> p-bit updates whose synapses took <paramref name="macs"/> MACs and
    /// <paramref name="weightReads"/> weight reads in all.
    /// </summary>
    public void ChargeUpdates(CostLedger ledger, long updates, long macs, long weightReads)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentOutOfRangeException.ThrowIfNegative(updates);
        ArgumentOutOfRangeException.ThrowIfNegative(macs);
        ArgumentOutOfRangeException.ThrowIfNegative(weightReads);
        ledger.Charge(PBitComponent, CostCategory.Core, new Energy(updates * PBitJoulesPerUpdate), updates, Duration.Zero, this);
        ledger.Charge(SynapseComponent, CostCategory.Core, new Energy(macs * Synapse.MacJoules), macs, Duration.Zero, Synapse);
        ledger.Charge(WeightComponent, CostCategory.Memory, new Energy(weightReads * Synapse.WordReadJoules), weightReads, Duration.Zero, Synapse);
        ledger.Charge(DacComponent, CostCategory.Converter, new Energy(updates * DacJoulesPerConversion), updates, Duration.Zero, this);
    }
}
