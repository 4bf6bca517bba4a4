namespace PnnKit.Memristive.Crossbar;

/// <summary>What to do with a weight outside the range a crossbar can represent.</summary>
public enum OutOfRangePolicy
{
    /// <summary>Clip to the nearest representable weight and report a warning.</summary>
    ClipWithWarning,

    /// <summary>Refuse: throw an exception naming the weight, its value and the allowed range.</summary>
    Refuse,
}
