namespace PnnKit.Photonics.Meshes;

/// <summary>
/// The static errors of one fabricated mesh (DESIGN.md §4), per MZI and per output phase shifter.
/// A design carries <see cref="None"/>; <c>Fabricate</c> samples a fresh record for each copy.
/// Arrays are indexed like the mesh's MZIs (column-major, then by top mode).
/// </summary>
public sealed record MeshErrors
{
    /// <summary>No error: balanced couplers, no phase offset, no loss, ideal drivers.</summary>
    public static MeshErrors None { get; } = new();

    /// <summary>Splitting ratio of each MZI's first coupler (null: 0.5 everywhere).</summary>
    public double[]? Coupler1Ratio { get; init; }

    /// <summary>Splitting ratio of each MZI's second coupler (null: 0.5 everywhere).</summary>
    public double[]? Coupler2Ratio { get; init; }

    /// <summary>Static offset added to each internal phase θ, rad (null: none).</summary>
    public double[]? ThetaOffset { get; init; }

    /// <summary>Static offset added to each external phase φ, rad (null: none).</summary>
    public double[]? PhiOffset { get; init; }

    /// <summary>Static offset added to each output phase, rad (null: none).</summary>
    public double[]? OutputPhaseOffset { get; init; }

    /// <summary>Field-amplitude transmission of each MZI cell, ≤ 1 (null: lossless).</summary>
    public double[]? MziAmplitude { get; init; }

    /// <summary>
    /// Thermal crosstalk: the fraction of a heater's phase that appears on each neighbouring heater
    /// of the same column (0: none). Linear because phase ∝ heater power.
    /// </summary>
    public double NeighbourCrosstalk { get; init; }

    /// <summary>
    /// Thermal crosstalk over the heater layout, driven by every heater's power (null: none). Replaces
    /// <see cref="NeighbourCrosstalk"/>: at most one of the two may be set.
    /// </summary>
    public ThermalCrosstalk? ThermalCrosstalk { get; init; }

    /// <summary>Optical-path imbalance behind each θ, m: no effect at the programming temperature, drift away from it (null: none).</summary>
    public double[]? ThetaPathImbalance { get; init; }

    /// <summary>Optical-path imbalance behind each φ, m (null: none).</summary>
    public double[]? PhiPathImbalance { get; init; }

    /// <summary>
    /// These errors with the chip <paramref name="deltaKelvin"/> warmer than when it was programmed: each
    /// θ and φ offset grows by <see cref="AmbientPhaseDrift.Phase"/> of its path imbalance.
    /// </summary>
    public MeshErrors AtTemperatureChange(double deltaKelvin)
    {
        if (deltaKelvin == 0 || (ThetaPathImbalance is null && PhiPathImbalance is null))
        {
            return this;
        }
        static double[]? Drift(double[]? offset, double[]? imbalance, double dt) => imbalance is null
            ? offset
            : [.. imbalance.Select((l, i) => (offset?[i] ?? 0) + AmbientPhaseDrift.Phase(l, dt))];
        return this with { ThetaOffset = Drift(ThetaOffset, ThetaPathImbalance, deltaKelvin), PhiOffset = Drift(PhiOffset, PhiPathImbalance, deltaKelvin) };
    }

    /// <summary>Driver-DAC bits used to realize each phase (0: ideal, unquantized).</summary>
    public int DacBits { get; init; }

    /// <summary>True when no error is present (the mesh can skip error handling).</summary>
    public bool IsIdeal => Coupler1Ratio is null && Coupler2Ratio is null && ThetaOffset is null && PhiOffset is null
        && OutputPhaseOffset is null && MziAmplitude is null && NeighbourCrosstalk == 0 && ThermalCrosstalk is null && DacBits == 0;

    internal void Validate(int mzis, int modes)
    {
        Check(Coupler1Ratio, mzis, nameof(Coupler1Ratio));
        Check(Coupler2Ratio, mzis, nameof(Coupler2Ratio));
        Check(ThetaOffset, mzis, nameof(ThetaOffset));
        Check(PhiOffset, mzis, nameof(PhiOffset));
        Check(OutputPhaseOffset, modes, nameof(OutputPhaseOffset));
        Check(MziAmplitude, mzis, nameof(MziAmplitude));
        Check(ThetaPathImbalance, mzis, nameof(ThetaPathImbalance));
        Check(PhiPathImbalance, mzis, nameof(PhiPathImbalance));
        if (ThermalCrosstalk is not null && NeighbourCrosstalk != 0)
        {
            throw new ArgumentException($"Set either NeighbourCrosstalk (a fixed fraction, got {NeighbourCrosstalk}) or ThermalCrosstalk (the layout model), not both.");
        }
        ThermalCrosstalk?.Validate();
        if (MziAmplitude is not null && MziAmplitude.Any(a => a is < 0 or > 1))
        {
            throw new ArgumentException("MziAmplitude: a passive cell's amplitude transmission must lie in [0, 1].");
        }
        if (Coupler1Ratio?.Any(a => a is < 0 or > 1) == true || Coupler2Ratio?.Any(a => a is < 0 or > 1) == true)
        {
            throw new ArgumentException("Coupler splitting ratios must lie in [0, 1].");
        }
    }

    private static void Check(double[]? a, int n, string name)
    {
        if (a is null)
        {
            return;
        }
        if (a.Length != n)
        {
            throw new ArgumentException($"{name} has {a.Length} entries; the mesh needs {n}.", name);
        }
        if (a.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException($"{name} contains a non-finite value.", name);
        }
    }
}
