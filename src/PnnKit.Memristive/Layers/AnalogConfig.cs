using PnnKit.Core.Costs;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Periphery;

namespace PnnKit.Memristive.Layers;

/// <summary>
/// Everything an analog crossbar layer needs besides its weights, gathered in one record with
/// documented defaults (in the spirit of aihwkit's RPUConfig). Signals are normalised: a digital
/// input of ±1 drives the full-scale read voltage, a weight of ±WeightMax is a device at GMax, so a
/// column output of 1 equals the current of one device at GMax under full-scale voltage.
/// </summary>
public sealed record AnalogConfig
{
    /// <summary>Weight ↔ conductance mapping (default: 25 µS, |w| ≤ 1, continuous levels, clip with warning).</summary>
    public WeightMapping Mapping { get; init; } = new();

    /// <summary>Tile rows (inputs per tile); default 512 (see <see cref="TileLayout.DefaultTileSize"/>).</summary>
    public int TileRows { get; init; } = TileLayout.DefaultTileSize;

    /// <summary>Tile columns (outputs per tile); default 512.</summary>
    public int TileColumns { get; init; } = TileLayout.DefaultTileSize;

    /// <summary>DAC resolution, bits, or null for ideal. Default 8 (assumption: 8-bit input encoding as in IBM's PCM inference chips).</summary>
    public int? DacBits { get; init; } = 8;

    /// <summary>ADC resolution, bits, or null for ideal. Default 8 (assumption, as the DAC).</summary>
    public int? AdcBits { get; init; } = 8;

    /// <summary>How DAC codes drive the rows (default amplitude); changes array energy, not the result.</summary>
    public InputEncoding InputEncoding { get; init; } = InputEncoding.Amplitude;

    /// <summary>Input clipping bound in digital units when noise management is off: 1.0 (aihwkit IOParameters inp_bound).</summary>
    public double InputBound { get; init; } = 1.0;

    /// <summary>ADC full scale in normalised column units: 12 (aihwkit IOParameters out_bound).</summary>
    public double OutputBound { get; init; } = 12.0;

    /// <summary>Output (read and ADC) noise, std in normalised column units: 0.06 (aihwkit IOParameters out_noise).</summary>
    public double OutputNoise { get; init; } = 0.06;

    /// <summary>Input scaling (default AbsMax, as aihwkit).</summary>
    public NoiseManagement NoiseManagement { get; init; } = NoiseManagement.AbsMax;

    /// <summary>Saturation handling (default Iterative, as aihwkit).</summary>
    public BoundManagement BoundManagement { get; init; } = BoundManagement.Iterative;

    /// <summary>Most re-reads per sample under iterative bound management: 10, input down to 1/1024 (assumption; aihwkit bounds it by a maximal scale factor instead).</summary>
    public int MaxBoundManagementRounds { get; init; } = 10;

    /// <summary>
    /// Wire resistance per crossbar segment, Ω; 0 (default, as aihwkit's ir_drop = 0) means ideal wires.
    /// When &gt; 0 every tile read is the exact nodal-analysis read (<see cref="IrDropNetwork"/>), as its transfer matrix
    /// (<see cref="IrDropNetwork.TransferMatrix"/>): computed once while a programmed instance's state is reused, but again on
    /// every forward that maps the design weights (so train without it). There is no universal value: state the one for your wiring technology.
    /// </summary>
    public double WireResistanceOhms { get; init; }

    /// <summary>
    /// Whether a programmed instance's PCM read noise is drawn afresh on every read (default true: 1/f noise is a fluctuation
    /// of each device's conductance, so two reads of one array differ; Nandakumar et al., ICECS 2019; Joshi et al., Nat. Commun.
    /// 11, 2473 (2020), whose σ_r(g, t) is the noise of one read at age t). Each sample's column sum then gets
    /// N(0, Σᵢ x̂ᵢ²(σ⁺ᵢ² + σ⁻ᵢ²))/GMax, the exact distribution of Σᵢ x̂ᵢ(δG⁺ᵢ − δG⁻ᵢ) for independent Gaussian device noise.
    /// False: one frozen snapshot per age (<see cref="CrossbarInstance.At(double, DriftCompensation, double)"/>), the same
    /// conductances for every read at that age (the model before per-read noise; kept for the reproductions' "without" rows).
    /// </summary>
    public bool ReadNoisePerRead { get; init; } = true;

    /// <summary>
    /// Hardware-aware training: multiplier on the PCM programming-noise standard deviation sampled
    /// anew in every training-mode forward (0 disables; 1 is the PCM model's σ(g)).
    /// </summary>
    public double TrainingProgrammingNoiseScale { get; init; }

    /// <summary>Read voltage, array energy and read time.</summary>
    public ArrayReadCostModel ArrayCost { get; init; } = new();

    /// <summary>DAC energies.</summary>
    public DacCostModel DacCost { get; init; } = new();

    /// <summary>ADC energies (preset adc-sar-murmann).</summary>
    public AdcCostModel AdcCost { get; init; } = MemristivePresets.AdcSarMurmann.Model;

    /// <summary>
    /// The PCM devices' statistics (programming noise in training, drift and read noise of a programmed design): preset
    /// pcm-joshi-2020 by default, used at <see cref="Mapping"/>'s GMax.
    /// </summary>
    public PcmNoiseModel Device { get; init; } = MemristivePresets.PcmJoshi2020.Model;

    /// <summary>TIA energies.</summary>
    public TiaCostModel TiaCost { get; init; } = new();

    /// <summary>Digital partial-sum accumulation and output scaling: ADC codes are integers, so fixed point (Horowitz 2014, 8-bit int add and multiply).</summary>
    public DigitalCostModel DigitalCost { get; init; } = new(DigitalPrecision.Fixed8);

    /// <summary>Time of one read of every tile of a layer in parallel: DAC conversion, array read and column conversion, s.</summary>
    public double ReadCycleSeconds => ArrayCost.CycleSeconds(DacCost, AdcCost);

    /// <summary>A configuration with every converter ideal and no noise: the layer computes x·Wᵀ + b exactly (for gradient checks).</summary>
    public static AnalogConfig Ideal => new() { DacBits = null, AdcBits = null, OutputNoise = 0, OutputBound = double.MaxValue, BoundManagement = BoundManagement.None };

    /// <summary>Throws naming the first invalid setting and its allowed range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Mapping, nameof(Mapping));
        ArgumentNullException.ThrowIfNull(Device, nameof(Device));
        if (TileRows <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TileRows), $"TileRows must be ≥ 1, got {TileRows}.");
        }
        if (TileColumns <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TileColumns), $"TileColumns must be ≥ 1, got {TileColumns}.");
        }
        SignedQuantizer.ValidateBits(DacBits, nameof(DacBits));
        SignedQuantizer.ValidateBits(AdcBits, nameof(AdcBits));
        Positive(InputBound, nameof(InputBound));
        Positive(OutputBound, nameof(OutputBound));
        if (!double.IsFinite(OutputNoise) || OutputNoise < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(OutputNoise), $"OutputNoise must be finite and ≥ 0, got {OutputNoise}.");
        }
        if (!double.IsFinite(TrainingProgrammingNoiseScale) || TrainingProgrammingNoiseScale < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TrainingProgrammingNoiseScale), $"TrainingProgrammingNoiseScale must be finite and ≥ 0, got {TrainingProgrammingNoiseScale}.");
        }
        if (!double.IsFinite(WireResistanceOhms) || WireResistanceOhms < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(WireResistanceOhms), $"WireResistanceOhms must be finite and ≥ 0 Ω, got {WireResistanceOhms}.");
        }
        if (MaxBoundManagementRounds is < 0 or > 60)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBoundManagementRounds), $"MaxBoundManagementRounds must be in [0, 60], got {MaxBoundManagementRounds}.");
        }
    }

    private static void Positive(double v, string name)
    {
        if (!(v > 0) || double.IsNaN(v))
        {
            throw new ArgumentOutOfRangeException(name, $"{name} must be > 0, got {v}.");
        }
    }
}
