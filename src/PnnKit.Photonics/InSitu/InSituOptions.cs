using PnnKit.Photonics.Converters;
using PnnKit.Photonics.Costs;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.InSitu;

/// <summary>
/// How the readings of the in-situ protocol are made: detector noise of the monitor photodiodes and
/// coherent receivers, the ADC that digitizes every reading, and the adjoint source that the chip has
/// to generate with its own laser and modulators. Powers are in the units of |E|² of the simulated
/// fields (1 unit = <see cref="MeshVariation.DefaultWattsPerUnitPower"/> W in <see cref="Measured"/>).
/// <see cref="NoiseFree"/> switches every imperfection off, and the protocol is then exact for a
/// lossless mesh; <see cref="Measured"/> is the physical default every reproduction uses.
/// </summary>
public sealed record InSituOptions
{
    /// <summary>
    /// Relative amplitude error of a generated adjoint source, per mode and generation: 1 % (assumption;
    /// the residual of a calibrated MZM amplitude drive; an 8-bit source DAC alone leaves 0.1 %).
    /// </summary>
    public const double DefaultSourceAmplitudeErrorStd = 0.01;

    /// <summary>
    /// Phase error of a generated adjoint source, rad: 0.01 (assumption; tens of mrad are left after
    /// calibration of thermo-optic shifters, cf. <see cref="MeshVariation.DefaultPhaseErrorStd"/>, a
    /// dedicated source modulator calibrated against its own monitor is taken five times better).
    /// </summary>
    public const double DefaultSourcePhaseErrorStd = 0.01;

    /// <summary>
    /// Full scale of a monitor-tap ADC per mode of the mesh, in units of power: 4, the brightest an
    /// interference reading can be, (√P_in + √P_adj)² with P_in and P_adj both N units (1 mW per mode).
    /// </summary>
    public const double DefaultAdcFullScalePerMode = 4;

    /// <summary>Noise-free, unquantized readings and an ideal, unnormalized adjoint source: the exact protocol.</summary>
    public static InSituOptions NoiseFree { get; } = new();

    /// <summary>
    /// The physical default: Ge photodiodes of 1 A/W with a 20 pA/√Hz TIA and 10 nA dark current over the
    /// 10 GHz receiver bandwidth, at 1 mW per unit of model power (<see cref="PhotodetectorNoise.FromPhysics"/>
    /// with its documented defaults; laser RIN is left out because it is common to all taps of one pass and
    /// not an independent per-reading noise); every reading digitized by the cost model's
    /// <see cref="PhotonicCostModel.AdcBits"/>-bit ADC; the adjoint source normalized to the 1 mW per mode the
    /// laser gives and generated with <see cref="DefaultSourceAmplitudeErrorStd"/> and <see cref="DefaultSourcePhaseErrorStd"/>.
    /// </summary>
    public static InSituOptions Measured { get; } = FromDetector(
        PhotodetectorNoise.FromPhysics(MeshVariation.DefaultWattsPerUnitPower, MeshVariation.DefaultReceiverBandwidthHz, rinPerHz: 0));

    /// <summary>The <see cref="Measured"/> settings with the detector noise <paramref name="noise"/> (its RIN term is ignored).</summary>
    public static InSituOptions FromDetector(PhotodetectorNoise noise)
    {
        ArgumentNullException.ThrowIfNull(noise);
        return new InSituOptions
        {
            ThermalNoiseStd = noise.ThermalNoiseStd,
            ShotNoiseFactor = noise.ShotNoiseFactor,
            AdcBits = PhotonicCostModel.Default.AdcBits,
            AdcFullScalePerMode = DefaultAdcFullScalePerMode,
            // The same laser line that feeds the forward pass: 1 unit (1 mW) per mode.
            AdjointPowerPerMode = PhotonicCostModel.Default.OpticalPowerPerModeWatts / MeshVariation.DefaultWattsPerUnitPower,
            SourceAmplitudeErrorStd = DefaultSourceAmplitudeErrorStd,
            SourcePhaseErrorStd = DefaultSourcePhaseErrorStd,
        };
    }

    /// <summary>Standard deviation of the additive (thermal/TIA and dark-current) noise on every intensity reading.</summary>
    public double ThermalNoiseStd { get; init; }

    /// <summary>Shot-noise variance per unit intensity: each reading I gets variance ShotNoiseFactor·I.</summary>
    public double ShotNoiseFactor { get; init; }

    /// <summary>
    /// Bits of the ADC behind every reading (0: ideal). Tap intensities are quantized uniformly over
    /// [0, <see cref="AdcFullScalePerMode"/>·N]; the coherent quadratures of the adjoint field over ±√(P_adj),
    /// P_adj the adjoint source's power (N units when it is not power-limited). Readings beyond full scale clip.
    /// </summary>
    public int AdcBits { get; init; }

    /// <summary>Full scale of a tap ADC per mode of the mesh, in units of power (used when <see cref="AdcBits"/> &gt; 0).</summary>
    public double AdcFullScalePerMode { get; init; } = DefaultAdcFullScalePerMode;

    /// <summary>
    /// Power of the adjoint source per mode, in units of power (null: not power-limited, the source is
    /// conj(∂L/∂y) as computed). When set, each sample's source is scaled to N times this power — the
    /// laser has no more, and a weak gradient is amplified to use it all — and the readings are divided
    /// back by the same amplitude scale, so the estimate is unchanged in the mean but its noise is relative
    /// to the available power, not to the gradient's size.
    /// </summary>
    public double? AdjointPowerPerMode { get; init; }

    /// <summary>Relative amplitude error of each generated source field (adjoint at the outputs, time-reversed at the inputs), per mode and generation.</summary>
    public double SourceAmplitudeErrorStd { get; init; }

    /// <summary>Phase error of each generated source field, rad, per mode and generation.</summary>
    public double SourcePhaseErrorStd { get; init; }

    /// <summary>
    /// Where the adjoint intensity I_a is read. True (default): send the time-reversed adjoint x_TR
    /// forward on its own and read |a|² at the taps (four optical passes per sample); then
    /// I_s − I_f − I_a = 2·Re(conj(a)·v) exactly, and insertion loss only rescales each shifter's
    /// gradient by the loss before it. False: read |w|² at the taps during the backward pass (three
    /// passes, as in Hughes et al. 2018); identical when lossless, but with loss the mismatch |a|² − |w|²
    /// enters the gradient as an additive bias.
    /// </summary>
    public bool AdjointIntensityFromTimeReversedPass { get; init; } = true;

    /// <summary>True when any random term (detector noise or source errors) is on.</summary>
    public bool IsNoisy => ThermalNoiseStd > 0 || ShotNoiseFactor > 0 || SourceAmplitudeErrorStd > 0 || SourcePhaseErrorStd > 0;

    /// <summary>True when the readings are exact: no noise, no ADC, no source normalization.</summary>
    public bool IsExact => !IsNoisy && AdcBits == 0 && AdjointPowerPerMode is null;

    internal void Validate()
    {
        static bool Ok(double v) => v >= 0 && double.IsFinite(v);
        if (!Ok(ThermalNoiseStd) || !Ok(ShotNoiseFactor))
        {
            throw new ArgumentException($"Noise terms must be finite and ≥ 0; got ThermalNoiseStd = {ThermalNoiseStd}, ShotNoiseFactor = {ShotNoiseFactor}.");
        }
        if (AdcBits is < 0 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(AdcBits), $"AdcBits must be 0 (ideal) to 24; got {AdcBits}.");
        }
        if (!(AdcFullScalePerMode > 0) || !double.IsFinite(AdcFullScalePerMode))
        {
            throw new ArgumentOutOfRangeException(nameof(AdcFullScalePerMode), $"AdcFullScalePerMode must be finite and > 0; got {AdcFullScalePerMode}.");
        }
        if (AdjointPowerPerMode is double p && !(p > 0 && double.IsFinite(p)))
        {
            throw new ArgumentOutOfRangeException(nameof(AdjointPowerPerMode), $"AdjointPowerPerMode must be finite and > 0 (or null: not power-limited); got {p}.");
        }
        if (!Ok(SourceAmplitudeErrorStd) || !Ok(SourcePhaseErrorStd))
        {
            throw new ArgumentException($"Source errors must be finite and ≥ 0; got SourceAmplitudeErrorStd = {SourceAmplitudeErrorStd}, SourcePhaseErrorStd = {SourcePhaseErrorStd}.");
        }
    }
}
