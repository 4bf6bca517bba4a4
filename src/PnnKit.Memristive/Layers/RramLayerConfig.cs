using PnnKit.Core.Costs;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Periphery;

namespace PnnKit.Memristive.Layers;

/// <summary>
/// Everything an <see cref="RramLinear{T}"/> needs besides its weights: the 1T1R cell, the array size, the converters and
/// their costs, in the spirit of <see cref="AnalogConfig"/> but in physical units (volts, siemens, amperes), as the RRAM
/// arrays of Yao et al., Nature 577, 641 (2020) are driven.
/// </summary>
public sealed record RramLayerConfig
{
    /// <summary>The 1T1R cell (levels, write-verify, spread, stuck cells, nonlinear I–V, read noise, relaxation).</summary>
    public RramDeviceModel Device { get; init; } = new();

    /// <summary>Physical rows per array (two per input: differential pairs). Default 128: Yao 2020, 2,048-cell arrays of 128 × 16.</summary>
    public int ArrayRows { get; init; } = 128;

    /// <summary>Columns per array (one per output). Default 16: Yao 2020 (128 × 16 arrays).</summary>
    public int ArrayColumns { get; init; } = 16;

    /// <summary>
    /// Input DAC resolution, bits, or null for ideal. Default 8. Assumption: Yao 2020 feed 8-bit inputs (as pulse trains, bit
    /// by bit); an 8-bit amplitude DAC carries the same information in one read.
    /// </summary>
    public int? DacBits { get; init; } = 8;

    /// <summary>Column ADC resolution, bits, or null for ideal. Default 8. Assumption: the converters of <see cref="AnalogConfig"/>; Yao 2020 do not give an ADC width we could read.</summary>
    public int? AdcBits { get; init; } = 8;

    /// <summary>
    /// ADC full scale as a fraction of the largest differential current an array column can carry, rows · (GMax − GMin) ·
    /// I(V)/G at full-scale input. Default 0.25. Assumption: activations are sparse and weights are rarely all at one sign's
    /// extreme, so a quarter of the worst case keeps clipping rare while the 8-bit step stays fine; the reproduction checks it on validation.
    /// </summary>
    public double AdcFullScaleFraction { get; init; } = 0.25;

    /// <summary>
    /// Identical copies of the weights on separately fabricated arrays (each its own cell errors); sample b is read by copy
    /// b mod Replicas, so a convolution's patches are dealt round-robin and read in parallel. Default 1. Yao 2020 replicate the first
    /// convolution's kernels on three arrays.
    /// </summary>
    public int Replicas { get; init; } = 1;

    /// <summary>
    /// Whether write-verify, once a cell has failed to verify (it is stuck), retargets the other cell of its pair so
    /// G⁺ − G⁻ still holds the weight where the window allows. Default true. Assumption: the controller knows the failed
    /// cells (it counted their pulses); this is the pair remapping of the stuck-at-fault literature (e.g. Xia et al., DAC 2017,
    /// fault-tolerant training with on-line fault detection for RRAM); Yao 2020 do not describe one. False: the plain mapping,
    /// where a stuck-ON unused cell turns its weight into ∓WeightMax.
    /// </summary>
    public bool CompensateStuckCells { get; init; } = true;

    /// <summary>Read voltage (0.2 V, Yao 2020) and read time per array read.</summary>
    public ArrayReadCostModel ArrayCost { get; init; } = new() { ReadSeconds = 50e-9 };

    /// <summary>Row-driver DAC energies.</summary>
    public DacCostModel DacCost { get; init; } = new();

    /// <summary>Column ADC energies.</summary>
    public AdcCostModel AdcCost { get; init; } = new();

    /// <summary>Column TIA / integrator energies.</summary>
    public TiaCostModel TiaCost { get; init; } = new();

    /// <summary>Program-and-verify energies (SET/RESET pulses, verify reads), charged per (re)programming.</summary>
    public WriteVerifyCostModel WriteVerifyCost { get; init; } = new();

    /// <summary>Digital partial sums of the arrays and output scaling: fixed point on ADC codes (Horowitz 2014, 8-bit int add and multiply).</summary>
    public DigitalCostModel DigitalCost { get; init; } = new(DigitalPrecision.Fixed8);

    /// <summary>Ideal converters, an ohmic noiseless cell that does not relax: the layer computes x·W_programmedᵀ + b exactly (for gradient and physics checks).</summary>
    public static RramLayerConfig Ideal => new()
    {
        Device = new RramDeviceModel { IvNonlinearity = 0, ReadNoise = 0, RelaxationSpreadPerDecade = 0, RelaxationDriftPerDecade = 0 },
        DacBits = null,
        AdcBits = null,
        AdcFullScaleFraction = double.PositiveInfinity,
    };

    /// <summary>Inputs per array (differential pairs of rows).</summary>
    public int InputsPerArray => ArrayRows / 2;

    /// <summary>Time of one read of every array of a layer in parallel: DAC conversion, array read and column conversion, s.</summary>
    public double ReadCycleSeconds => ArrayCost.CycleSeconds(DacCost, AdcCost);

    /// <summary>Throws naming the first invalid setting and its allowed range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Device, nameof(Device));
        Device.Validate();
        if (ArrayRows < 2 || ArrayRows % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ArrayRows), $"ArrayRows must be an even number ≥ 2 (differential row pairs), got {ArrayRows}.");
        }
        if (ArrayColumns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ArrayColumns), $"ArrayColumns must be ≥ 1, got {ArrayColumns}.");
        }
        SignedQuantizer.ValidateBits(DacBits, nameof(DacBits));
        SignedQuantizer.ValidateBits(AdcBits, nameof(AdcBits));
        if (!(AdcFullScaleFraction > 0) || double.IsNaN(AdcFullScaleFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(AdcFullScaleFraction), $"AdcFullScaleFraction must be > 0 (∞ for no clipping), got {AdcFullScaleFraction}.");
        }
        if (double.IsPositiveInfinity(AdcFullScaleFraction) && AdcBits is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(AdcFullScaleFraction), $"AdcFullScaleFraction = ∞ (no clipping) needs an ideal ADC (AdcBits = null), got AdcBits = {AdcBits}.");
        }
        if (Replicas is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(Replicas), $"Replicas must be in [1, 1024], got {Replicas}.");
        }
        ArgumentNullException.ThrowIfNull(WriteVerifyCost, nameof(WriteVerifyCost));
        WriteVerifyCost.Validate();
        ArgumentNullException.ThrowIfNull(ArrayCost, nameof(ArrayCost));
        if (Math.Abs(ArrayCost.ReadVoltage - Device.ReadVoltage) > 1e-12)
        {
            throw new ArgumentOutOfRangeException(nameof(ArrayCost), $"ArrayCost.ReadVoltage ({ArrayCost.ReadVoltage} V) must equal Device.ReadVoltage ({Device.ReadVoltage} V): one read voltage drives the rows and is costed.");
        }
    }
}
