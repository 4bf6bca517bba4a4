using PnnKit.Core.Random;
using PnnKit.Photonics.Components;
using PnnKit.Photonics.Converters;

namespace PnnKit.Photonics.Meshes;

/// <summary>
/// Magnitudes of the fabrication and drive errors of a photonic mesh; <c>Fabricate</c> samples one
/// instance from them. Every term switches off independently at zero (or null), and each term draws
/// from its own random stream, so switching one off leaves the others' samples unchanged.
/// </summary>
public sealed record MeshVariation
{
    /// <summary>No error at all.</summary>
    public static MeshVariation None { get; } = new();

    /// <summary>Every term at its documented default.</summary>
    public static MeshVariation Typical { get; } = new()
    {
        CouplerSplittingStd = DefaultCouplerSplittingStd,
        PhaseErrorStd = DefaultPhaseErrorStd,
        InsertionLossDb = WaveguideLoss.DefaultMziInsertionLossDb,
        InsertionLossStdDb = DefaultInsertionLossStdDb,
        ThermalCrosstalk = Meshes.ThermalCrosstalk.Default,
        PathImbalanceStdMeters = DefaultPathImbalanceStdMeters,
        DacBits = ThermoOpticPhaseShifter.DefaultDacBits,
        DetectorNoise = PhotodetectorNoise.FromPhysics(DefaultWattsPerUnitPower, DefaultReceiverBandwidthHz),
    };

    /// <summary>
    /// Default std of a 3 dB coupler's splitting ratio: 0.02 (assumption within the 1–5 % range of
    /// splitter errors analysed by Bandyopadhyay, Hamerly &amp; Englund, Optica 8, 1247 (2021)).
    /// </summary>
    public const double DefaultCouplerSplittingStd = 0.02;

    /// <summary>
    /// Default std of the static phase error left after programming, rad: 0.05 (assumption; residual
    /// errors of tens of mrad after calibration, cf. Shen et al., Nat. Photonics 11, 441 (2017)).
    /// </summary>
    public const double DefaultPhaseErrorStd = 0.05;

    /// <summary>Default cell-to-cell std of the MZI insertion loss, dB: 0.02 (assumption, 10 % of the 0.2 dB mean).</summary>
    public const double DefaultInsertionLossStdDb = 0.02;

    /// <summary>
    /// Default fraction of a heater's phase picked up by each neighbour: 0.03 (a few percent at
    /// tens-of-µm heater pitch, Milanizadeh et al., J. Lightwave Technol. 37, 1325 (2019)).
    /// </summary>
    public const double DefaultNeighbourCrosstalk = 0.03;

    /// <summary>
    /// Default std of each arm pair's optical-path imbalance, m: 1 µm (assumption: nominally balanced
    /// arms; a nm-scale width difference over a few-hundred-µm cell gives an equivalent imbalance of this order).
    /// With it a chip 10 K warmer than at programming drifts by 7.3 mrad per arm pair (σ).
    /// </summary>
    public const double DefaultPathImbalanceStdMeters = 1e-6;

    /// <summary>Default optical power per unit |E|² in the model, W: 1 mW per mode (assumption).</summary>
    public const double DefaultWattsPerUnitPower = 1e-3;

    /// <summary>Default receiver bandwidth, Hz: 10 GHz (assumption, a 10 GS/s photonic processor).</summary>
    public const double DefaultReceiverBandwidthHz = 10e9;

    /// <summary>Std of each coupler's splitting ratio around 0.5 (0: perfect couplers).</summary>
    public double CouplerSplittingStd { get; init; }

    /// <summary>Std of the static offset on every phase shifter, rad (0: none).</summary>
    public double PhaseErrorStd { get; init; }

    /// <summary>Mean insertion loss per MZI cell, dB (0: lossless).</summary>
    public double InsertionLossDb { get; init; }

    /// <summary>Cell-to-cell std of the insertion loss, dB.</summary>
    public double InsertionLossStdDb { get; init; }

    /// <summary>Thermal crosstalk to each neighbouring heater in a column, a fixed fraction of its phase (0: none); <see cref="Typical"/> uses <see cref="ThermalCrosstalk"/> instead.</summary>
    public double NeighbourCrosstalk { get; init; }

    /// <summary>Thermal crosstalk over the heater layout, driven by heater power (null: none); replaces <see cref="NeighbourCrosstalk"/>.</summary>
    public ThermalCrosstalk? ThermalCrosstalk { get; init; }

    /// <summary>Std of the optical-path imbalance behind every θ and φ, m, which makes the phases drift with ambient temperature (<see cref="AmbientPhaseDrift"/>; 0: no drift).</summary>
    public double PathImbalanceStdMeters { get; init; }

    /// <summary>Driver-DAC bits, which quantize the phases (0: ideal drivers).</summary>
    public int DacBits { get; init; }

    /// <summary>Noise of the photodetectors that read the instance (null: noiseless); used by network builders and in-situ options.</summary>
    public PhotodetectorNoise? DetectorNoise { get; init; }

    /// <summary>Samples the errors of one mesh of <paramref name="mzis"/> cells on <paramref name="modes"/> modes.</summary>
    public MeshErrors Sample(int mzis, int modes, ulong seed)
    {
        if (CouplerSplittingStd < 0 || PhaseErrorStd < 0 || InsertionLossDb < 0 || InsertionLossStdDb < 0 || DacBits < 0 || PathImbalanceStdMeters < 0)
        {
            throw new ArgumentException("Variation magnitudes must be ≥ 0.");
        }
        var root = new Rng(seed);
        double[] Draw(string stream, int n, Func<Rng, double> f)
        {
            var r = root.Split(stream);
            var a = new double[n];
            for (int i = 0; i < n; i++)
            {
                a[i] = f(r);
            }
            return a;
        }
        return new MeshErrors
        {
            Coupler1Ratio = CouplerSplittingStd > 0 ? Draw("coupler1", mzis, r => Math.Clamp(0.5 + (CouplerSplittingStd * r.Normal()), 0, 1)) : null,
            Coupler2Ratio = CouplerSplittingStd > 0 ? Draw("coupler2", mzis, r => Math.Clamp(0.5 + (CouplerSplittingStd * r.Normal()), 0, 1)) : null,
            ThetaOffset = PhaseErrorStd > 0 ? Draw("theta", mzis, r => PhaseErrorStd * r.Normal()) : null,
            PhiOffset = PhaseErrorStd > 0 ? Draw("phi", mzis, r => PhaseErrorStd * r.Normal()) : null,
            OutputPhaseOffset = PhaseErrorStd > 0 ? Draw("output", modes, r => PhaseErrorStd * r.Normal()) : null,
            MziAmplitude = InsertionLossDb > 0 || InsertionLossStdDb > 0
                ? Draw("loss", mzis, r => new WaveguideLoss(Math.Max(0, InsertionLossDb + (InsertionLossStdDb * r.Normal()))).AmplitudeTransmission)
                : null,
            NeighbourCrosstalk = NeighbourCrosstalk,
            ThermalCrosstalk = ThermalCrosstalk,
            ThetaPathImbalance = PathImbalanceStdMeters > 0 ? Draw("imbalance-theta", mzis, r => PathImbalanceStdMeters * r.Normal()) : null,
            PhiPathImbalance = PathImbalanceStdMeters > 0 ? Draw("imbalance-phi", mzis, r => PathImbalanceStdMeters * r.Normal()) : null,
            DacBits = DacBits,
        };
    }
}
