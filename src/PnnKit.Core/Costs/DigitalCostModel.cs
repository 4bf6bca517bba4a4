namespace PnnKit.Core.Costs;

/// <summary>Arithmetic precision of a digital processor.</summary>
public enum DigitalPrecision
{
    /// <summary>32-bit floating point.</summary>
    Fp32,

    /// <summary>16-bit floating point (IEEE half).</summary>
    Fp16,

    /// <summary>8-bit integer (fixed point).</summary>
    Fixed8,
}

/// <summary>
/// Energy and latency of digital arithmetic from published per-operation energies, so a digital
/// baseline is costed like any substrate. Energies: M. Horowitz, "Computing's energy problem (and
/// what we can do about it)", ISSCC 2014, 45 nm, 0.9 V.
/// </summary>
public sealed class DigitalCostModel : ICostModel
{
    private const string Horowitz = "Horowitz, ISSCC 2014, 45 nm";

    /// <summary>A model for the given precision with weights read from on-chip SRAM.</summary>
    public DigitalCostModel(DigitalPrecision precision = DigitalPrecision.Fp32)
    {
        Precision = precision;
        (MultiplyJoules, AddJoules, WordBits) = precision switch
        {
            DigitalPrecision.Fp32 => (3.7e-12, 0.9e-12, 32), // Horowitz 2014: FP mult 32-bit 3.7 pJ, FP add 32-bit 0.9 pJ
            DigitalPrecision.Fp16 => (1.1e-12, 0.4e-12, 16), // Horowitz 2014: FP mult 16-bit 1.1 pJ, FP add 16-bit 0.4 pJ
            // Horowitz 2014: int mult 8-bit 0.2 pJ, int add 8-bit 0.03 pJ. A deployed int8 kernel accumulates in
            // 32 bits (0.1 pJ per add), so the 8-bit add is the cheapest reading of the table: generous to digital.
            DigitalPrecision.Fixed8 => (0.2e-12, 0.03e-12, 8),
            _ => throw new ArgumentOutOfRangeException(nameof(precision)),
        };
    }

    /// <summary>Arithmetic precision.</summary>
    public DigitalPrecision Precision { get; }

    /// <summary>Energy of one multiply, J.</summary>
    public double MultiplyJoules { get; }

    /// <summary>Energy of one add, J.</summary>
    public double AddJoules { get; }

    /// <summary>Bits per operand word.</summary>
    public int WordBits { get; }

    /// <summary>
    /// SRAM read energy per 64 bits, J. Horowitz 2014: 64-bit read from a 1 MB SRAM costs 100 pJ
    /// (8 KB: 10 pJ, 32 KB: 20 pJ); weights of the models here need the large array.
    /// </summary>
    public double SramReadJoulesPer64Bits { get; init; } = 100e-12;

    /// <summary>
    /// DRAM read energy per 64 bits, J. Horowitz 2014 gives 1.3–2.6 nJ per 64-bit DRAM access; the
    /// midpoint is used when <see cref="WeightsInDram"/> is set (models too large for on-chip SRAM).
    /// </summary>
    public double DramReadJoulesPer64Bits { get; init; } = 1.95e-9;

    /// <summary>Read weights from DRAM instead of on-chip SRAM.</summary>
    public bool WeightsInDram { get; init; }

    /// <summary>
    /// MACs per second of the assumed digital engine, for latency. Assumption (not from a paper):
    /// 256 MAC lanes at 1 GHz, a small edge accelerator; state it in reports.
    /// </summary>
    public double MacsPerSecond { get; init; } = 256e9;

    /// <summary>
    /// Energy of rescaling one 32-bit accumulator to an 8-bit activation code (one 32-bit integer multiply,
    /// Horowitz 2014: 3.1 pJ), J; 0 for floating point, whose outputs need no rescale.
    /// </summary>
    public double RequantizeJoules => Precision == DigitalPrecision.Fixed8 ? 3.1e-12 : 0;

    /// <summary>Energy of one multiply-accumulate, J.</summary>
    public double MacJoules => MultiplyJoules + AddJoules;

    /// <summary>Energy of reading one operand word from SRAM, J.</summary>
    public double WordReadJoules => (WeightsInDram ? DramReadJoulesPer64Bits : SramReadJoulesPer64Bits) * WordBits / 64.0;

    /// <inheritdoc/>
    public string Component => $"digital MAC ({Precision})";

    /// <summary>"fp32", "fp16" or "int8".</summary>
    public string PrecisionName => Precision switch { DigitalPrecision.Fp32 => "fp32", DigitalPrecision.Fp16 => "fp16", _ => "int8" };

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("multiply energy", MultiplyJoules, "J", Horowitz, $"45 nm CMOS, 0.9 V, {PrecisionName}"),
        new("add energy", AddJoules, "J", Horowitz, $"45 nm CMOS, 0.9 V, {PrecisionName}"),
        new("SRAM read per 64 bits", SramReadJoulesPer64Bits, "J", Horowitz + ": 8 KB 10 pJ, 32 KB 20 pJ, 1 MB 100 pJ", "45 nm CMOS, 0.9 V, 64-bit word; array size as the value picks"),
        new("DRAM read per 64 bits" + (WeightsInDram ? " (weights in DRAM)" : " (unused: weights in SRAM)"), DramReadJoulesPer64Bits, "J", Horowitz + ": 1.3–2.6 nJ, midpoint",
            "64-bit DRAM access as tabulated in 2014 (not node-specific); ±33 % over the quoted range"),
        new("MAC throughput", MacsPerSecond, "MAC/s", "assumption: 256 lanes at 1 GHz", "assumption; a small edge accelerator, not a measured chip"),
    ];

    /// <summary>
    /// Charges a dense layer: <paramref name="macsPerSample"/> MACs and <paramref name="weightWords"/>
    /// weight reads for a batch of <paramref name="samples"/> (weights are read once per batch,
    /// the reuse a real accelerator gets; activations stay in registers).
    /// </summary>
    public void ChargeDense(CostLedger ledger, string layerName, long macsPerSample, long weightWords, int samples)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        long macs = macsPerSample * samples;
        ledger.Charge($"{layerName} MACs", CostCategory.Core, new Energy(MacJoules) * macs, macs, new Duration(macsPerSample / MacsPerSecond), this);
        ledger.Charge($"{layerName} weight reads", CostCategory.Memory, new Energy(WordReadJoules) * weightWords, weightWords, Duration.Zero, this);
    }

    /// <summary>
    /// Charges element-wise digital work (pooling, normalisation, residual adds) as
    /// <paramref name="adds"/> add-equivalents and <paramref name="multiplies"/> multiplies under
    /// "{layerName} (digital)", the entry the activations use; no weights are read.
    /// </summary>
    internal void ChargeElementwise(CostLedger ledger, string layerName, long adds, long multiplies = 0)
        => ledger.Charge($"{layerName} (digital)", CostCategory.Core, new Energy((adds * AddJoules) + (multiplies * MultiplyJoules)), adds + multiplies, Duration.Zero, this);
}
