using PnnKit.Core.Random;

namespace PnnKit.Networks;

/// <summary>
/// A resistor-network edge as the lab builds it: a digital potentiometer used as a rheostat, moved one
/// tap up or down per update by a comparator that compares the edge's clamped and free voltage drops
/// (Dillavou et al., Phys. Rev. Applied 18, 014040, 2022: each edge a digital potentiometer stepped by
/// local comparator circuitry, no processor). Coupled learning's Δg ∝ −(ΔV_C² − ΔV_F²) keeps only its
/// sign, sign(|ΔV_C| − |ΔV_F|), which is what a comparator fed the two rectified drops decides.
/// Tap n ∈ [1, <see cref="Positions"/>] connects n string resistors: R = n R_step, g = 1/(n R_step); the
/// wiper resistance is neglected. Conductances are in units of 1/(<see cref="UnitTap"/> R_step), so
/// that tap <see cref="UnitTap"/> is conductance 1.
/// </summary>
public sealed record DigitalPotentiometer
{
    /// <summary>Taps of the resistor string. Default 128: AD5220 (Analog Devices datasheet: 128 positions, R_step = R_AB/128).</summary>
    public int Positions { get; init; } = 128;

    /// <summary>The tap whose conductance is 1 (the unit). Default 64, mid-scale, where the AD5220 powers up (datasheet: power-on preset to midscale).</summary>
    public int UnitTap { get; init; } = 64;

    /// <summary>
    /// Standard deviation of each comparator's input offset voltage, V, drawn once per edge. Default 2 mV:
    /// LM339 quad comparator, input offset 2 mV typical, 5 mV maximum at 25 °C (Texas Instruments datasheet).
    /// </summary>
    public double ComparatorOffsetSpread { get; init; } = 2e-3;

    /// <summary>
    /// Half-width of the comparator's dead band, V: the tap holds while ||ΔV_C| − |ΔV_F| − offset| ≤ threshold.
    /// Default 0 (a bare comparator always decides one way); a window comparator (two comparators against ±threshold) widens
    /// it, and the coupled-learning lab rows choose it on validation (CoupledLearningLabEffects.Settings).
    /// </summary>
    public double ComparatorThreshold { get; init; }

    /// <summary>Conductance of tap <paramref name="tap"/>: <see cref="UnitTap"/>/n.</summary>
    public double Conductance(int tap)
    {
        if (tap < 1 || tap > Positions)
        {
            throw new ArgumentOutOfRangeException(nameof(tap), $"tap must be in 1..{Positions}, got {tap}.");
        }
        return UnitTap / (double)tap;
    }

    /// <summary>Draws one comparator offset per edge, V.</summary>
    public double[] SampleOffsets(int edges, ulong seed)
    {
        var rng = new Rng(seed).Split("comparator offsets");
        var offsets = new double[edges];
        rng.FillNormal<double>(offsets, 0, ComparatorOffsetSpread);
        return offsets;
    }

    /// <summary>
    /// The comparator's count for one edge: +1 (one tap up, more resistance: the clamped drop is the larger),
    /// −1 (one tap down), or 0 inside the dead band. <paramref name="offset"/> is this comparator's input offset.
    /// </summary>
    public int Count(double clampedDrop, double freeDrop, double offset)
    {
        double d = Math.Abs(clampedDrop) - Math.Abs(freeDrop) - offset;
        return d > ComparatorThreshold ? 1 : d < -ComparatorThreshold ? -1 : 0;
    }

    /// <summary>The tap after one count, held at the ends of the string (the AD5220 counter does not wrap).</summary>
    public int Move(int tap, int count) => Math.Clamp(tap + count, 1, Positions);

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (Positions < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Positions), $"Positions must be at least 2, got {Positions}.");
        }
        if (UnitTap < 1 || UnitTap > Positions)
        {
            throw new ArgumentOutOfRangeException(nameof(UnitTap), $"UnitTap must be in 1..{Positions}, got {UnitTap}.");
        }
        if (!(ComparatorOffsetSpread >= 0) || !(ComparatorThreshold >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(ComparatorOffsetSpread), $"ComparatorOffsetSpread and ComparatorThreshold must be ≥ 0 V, got {ComparatorOffsetSpread} and {ComparatorThreshold}.");
        }
    }
}
