namespace PnnKit.Memristive.Crossbar;

/// <summary>
/// Maps signed weights onto differential conductance pairs and back. A weight w in
/// [−<see cref="WeightMax"/>, <see cref="WeightMax"/>] becomes G⁺ − G⁻ = w · GMax / WeightMax with the
/// unused device of the pair at 0 S, so both conductances lie in [0, GMax]. With a finite number of
/// <see cref="Levels"/>, each conductance is rounded to the nearest of the evenly spaced programmable
/// levels 0, GMax/(Levels−1), …, GMax.
/// A device with a floor <see cref="GMin"/> &gt; 0 (RRAM cannot be switched fully off) uses the window
/// [GMin, GMax] instead: G± = GMin + |w| · (GMax − GMin) / WeightMax on the used device, GMin on the other,
/// levels GMin + k · (GMax − GMin)/(Levels − 1); the difference G⁺ − G⁻ still carries the weight.
/// </summary>
public sealed class WeightMapping
{
    /// <summary>Default maximum conductance, S: 25 µS, the g_max of aihwkit's PCM inference model (PCMLikeNoiseModel).</summary>
    public const double DefaultGMax = 25e-6;

    /// <summary>A mapping with the given range; throws with the allowed range when a value is invalid.</summary>
    /// <param name="gMax">Maximum device conductance, S (&gt; 0).</param>
    /// <param name="weightMax">Largest representable |w| (&gt; 0), mapped to <paramref name="gMax"/>.</param>
    /// <param name="levels">Programmable levels per device (≥ 2), or 0 for a continuous conductance.</param>
    /// <param name="policy">What to do with weights outside ±<paramref name="weightMax"/>.</param>
    /// <param name="gMin">Lowest programmable conductance, S, in [0, <paramref name="gMax"/>); 0 (the default) for PCM-like devices.</param>
    public WeightMapping(double gMax = DefaultGMax, double weightMax = 1.0, int levels = 0, OutOfRangePolicy policy = OutOfRangePolicy.ClipWithWarning, double gMin = 0)
    {
        if (!double.IsFinite(gMax) || gMax <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(gMax), $"gMax must be a finite conductance > 0 S, got {gMax}.");
        }
        if (!double.IsFinite(weightMax) || weightMax <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weightMax), $"weightMax must be finite and > 0, got {weightMax}.");
        }
        if (levels is 1 or < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(levels), $"levels must be 0 (continuous) or ≥ 2, got {levels}.");
        }
        if (!double.IsFinite(gMin) || gMin < 0 || gMin >= gMax)
        {
            throw new ArgumentOutOfRangeException(nameof(gMin), $"gMin must be a finite conductance in [0, gMax = {gMax}) S, got {gMin}.");
        }
        GMax = gMax;
        GMin = gMin;
        WeightMax = weightMax;
        Levels = levels;
        Policy = policy;
    }

    /// <summary>Maximum conductance of one device, S.</summary>
    public double GMax { get; }

    /// <summary>Lowest programmable conductance of one device, S (0 unless the device has a floor, as RRAM).</summary>
    public double GMin { get; }

    /// <summary>Largest representable weight magnitude.</summary>
    public double WeightMax { get; }

    /// <summary>Programmable conductance levels per device; 0 means continuous.</summary>
    public int Levels { get; }

    /// <summary>Out-of-range handling.</summary>
    public OutOfRangePolicy Policy { get; }

    /// <summary>Siemens per unit weight: (GMax − GMin) / WeightMax.</summary>
    public double Scale => (GMax - GMin) / WeightMax;

    /// <summary>Called with a message when weights are clipped; default writes a trace warning.</summary>
    public Action<string> Warn { get; init; } = msg => System.Diagnostics.Trace.TraceWarning(msg);

    /// <summary>Rounds a conductance to the nearest programmable level (identity when continuous), within [GMin, GMax].</summary>
    public double Quantize(double g)
    {
        g = Math.Clamp(g, GMin, GMax);
        if (Levels == 0)
        {
            return g;
        }
        double step = (GMax - GMin) / (Levels - 1);
        return GMin + (Math.Round((g - GMin) / step) * step);
    }

    /// <summary>Index of the programmable level nearest to <paramref name="g"/> (0 = GMin, Levels − 1 = GMax); needs finite levels.</summary>
    public int LevelIndex(double g)
    {
        if (Levels == 0)
        {
            throw new InvalidOperationException("LevelIndex needs a finite number of levels; this mapping is continuous (Levels = 0).");
        }
        double step = (GMax - GMin) / (Levels - 1);
        return (int)Math.Round((Math.Clamp(g, GMin, GMax) - GMin) / step);
    }

    /// <summary>
    /// Target conductances for <paramref name="weights"/>: G⁺ for positive weights, G⁻ for negative (the other
    /// device of the pair at <see cref="GMin"/>), after the out-of-range policy and level quantization. Returns how many weights were clipped.
    /// </summary>
    public int ToConductances(ReadOnlySpan<double> weights, Span<double> gPlus, Span<double> gMinus, string what = "weight")
    {
        if (gPlus.Length != weights.Length || gMinus.Length != weights.Length)
        {
            throw new ArgumentException($"Conductance spans ({gPlus.Length}, {gMinus.Length}) must match the {weights.Length} weights.");
        }
        int clipped = 0;
        double firstBad = 0;
        int firstIndex = -1;
        for (int i = 0; i < weights.Length; i++)
        {
            double w = weights[i];
            if (!double.IsFinite(w))
            {
                throw new ArgumentException($"{what}[{i}] is {w}; weights must be finite.");
            }
            if (Math.Abs(w) > WeightMax)
            {
                if (Policy == OutOfRangePolicy.Refuse)
                {
                    throw new ArgumentOutOfRangeException(what, $"{what}[{i}] = {w} is outside the representable range [−{WeightMax}, {WeightMax}] (policy Refuse).");
                }
                if (firstIndex < 0)
                {
                    firstIndex = i;
                    firstBad = w;
                }
                clipped++;
                w = Math.Clamp(w, -WeightMax, WeightMax);
            }
            double g = Quantize(GMin + (Math.Abs(w) * Scale));
            gPlus[i] = w > 0 ? g : GMin;
            gMinus[i] = w < 0 ? g : GMin;
        }
        if (clipped > 0)
        {
            Warn($"{clipped} {what} value(s) outside [−{WeightMax}, {WeightMax}] were clipped (first: {what}[{firstIndex}] = {firstBad}).");
        }
        return clipped;
    }

    /// <summary>The weight a conductance pair represents: (G⁺ − G⁻) / Scale.</summary>
    public double ToWeight(double gPlus, double gMinus) => (gPlus - gMinus) / Scale;
}
