using PnnKit.Photonics.Converters;
using PnnKit.Photonics.Costs;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.TensorCore;

/// <summary>
/// How a photonic tensor core computes y = W·x (DESIGN §9: device physics in one record with documented defaults).
/// The weight matrix is cut into <see cref="TileSize"/>×<see cref="TileSize"/> tiles, each realized as U·diag(σ/σ_max)·V†
/// on two Clements meshes and an attenuator column (<see cref="SvdMapping{T}"/>) and run one after another on one core
/// (time multiplexed); inputs enter as signed field amplitudes through DAC-driven modulators, outputs are read by
/// coherent (homodyne) receivers and ADCs, and the tiles' partial sums are added digitally.
/// </summary>
public sealed record PhotonicCoreConfig
{
    /// <summary>
    /// The default: a 16-mode core (assumption, PnnKit's choice: between Shen et al. 2017's 4-mode chip and the 64-mode meshes of
    /// `pnn repro mesh-mnist`; not taken from a product datasheet), 8-bit converters, physical receiver noise.
    /// </summary>
    public static PhotonicCoreConfig Default { get; } = new();

    /// <summary>Exact converters and noise-free reads: the core then computes W·x to rounding (the reference for tests).</summary>
    public static PhotonicCoreConfig Ideal { get; } = new() { DacBits = 0, AdcBits = 0, ReadNoiseStd = 0 };

    /// <summary>Modes of the core (the tile size), ≥ 2.</summary>
    public int TileSize { get; init; } = 16;

    /// <summary>Bits of the DACs driving the input modulators (0: ideal); 8 as <see cref="PhotonicCostModel.DacBits"/> charges.</summary>
    public int DacBits { get; init; } = 8;

    /// <summary>Bits of the ADCs after the coherent receivers (0: ideal); 8 as <see cref="PhotonicCostModel.AdcBits"/> charges.</summary>
    public int AdcBits { get; init; } = 8;

    /// <summary>
    /// Additive noise of each homodyne reading, in units of the unit carrier's field amplitude (1 mW per mode). Default: the
    /// thermal σ of the direct detectors (<see cref="PhotodetectorNoise.FromPhysics"/>: a 20 pA/√Hz TIA over 10 GHz at 1 A/W, 2e-3 of
    /// 1 mW), taken for the balanced receiver with a local oscillator as strong as the carrier (assumption: LO gain offsets the second diode's noise).
    /// </summary>
    public double ReadNoiseStd { get; init; } = PhotodetectorNoise.FromPhysics(MeshVariation.DefaultWattsPerUnitPower, MeshVariation.DefaultReceiverBandwidthHz).ThermalNoiseStd;

    /// <summary>Energy of lasers, modulators, receivers, converters and heaters.</summary>
    public PhotonicCostModel Cost { get; init; } = PhotonicCostModel.Default;

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        if (TileSize < 2 || TileSize > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(TileSize), $"TileSize must be 2–256 modes; got {TileSize}.");
        }
        if (DacBits is < 0 or > 16 || AdcBits is < 0 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(DacBits), $"DAC and ADC bits must be 0 (ideal) to 16; got {DacBits} and {AdcBits}.");
        }
        if (!(ReadNoiseStd >= 0 && double.IsFinite(ReadNoiseStd)))
        {
            throw new ArgumentOutOfRangeException(nameof(ReadNoiseStd), $"ReadNoiseStd must be finite and ≥ 0; got {ReadNoiseStd}.");
        }
        ArgumentNullException.ThrowIfNull(Cost, nameof(Cost));
    }
}
