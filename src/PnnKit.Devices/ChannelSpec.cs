namespace PnnKit.Devices;

/// <summary>
/// A group of controls or readouts that share a unit and a range, e.g. the 12 θ phases of a 4-mode mesh, in [0, 2π] rad.
/// </summary>
/// <param name="Name">What the group is, e.g. "theta".</param>
/// <param name="Unit">Its unit, e.g. "rad", "mW", "S".</param>
/// <param name="Count">How many channels the group holds (≥ 1).</param>
/// <param name="Min">Lowest value a channel takes.</param>
/// <param name="Max">Highest value a channel takes.</param>
/// <param name="Resolution">Smallest step the hardware resolves (a DAC's LSB, a detector's noise floor); 0 when continuous or not known.</param>
/// <param name="Wraps">A periodic control (a phase): a value is taken modulo (Max − Min) into [Min, Max) instead of being refused.</param>
public sealed record ChannelSpec(string Name, string Unit, int Count, double Min, double Max, double Resolution = 0, bool Wraps = false)
{
    /// <summary>Throws naming the field and its allowed range.</summary>
    public void Validate(string what)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException($"{what}: a channel group needs a name.");
        }
        if (Count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(what), $"{what} '{Name}': count must be ≥ 1, got {Count}.");
        }
        if (!double.IsFinite(Min) || !double.IsFinite(Max) || Min > Max || (Wraps && Min == Max))
        {
            throw new ArgumentOutOfRangeException(nameof(what), $"{what} '{Name}': the range must be finite with min ≤ max (min < max when it wraps), got [{Min}, {Max}].");
        }
        if (!(Resolution >= 0) || !double.IsFinite(Resolution))
        {
            throw new ArgumentOutOfRangeException(nameof(what), $"{what} '{Name}': resolution must be finite and ≥ 0, got {Resolution}.");
        }
    }

    /// <summary>Whether <paramref name="value"/> is finite and inside [Min, Max] (any finite value when the channel wraps).</summary>
    public bool Admits(double value) => double.IsFinite(value) && (Wraps || (value >= Min && value <= Max));

    /// <summary><paramref name="value"/> as the channel takes it: wrapped into [Min, Max) when it wraps, unchanged otherwise.</summary>
    public double Take(double value)
    {
        if (!Wraps)
        {
            return value;
        }
        double period = Max - Min, w = (value - Min) % period;
        return Min + (w < 0 ? w + period : w);
    }
}
