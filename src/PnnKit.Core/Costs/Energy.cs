namespace PnnKit.Core.Costs;

/// <summary>
/// An amount of energy in joules. Energy, <see cref="Power"/> and <see cref="Duration"/> are separate
/// types so a unit mistake does not compile: power × duration = energy, energy / duration = power,
/// energy / power = duration, and energy + power has no meaning.
/// </summary>
/// <param name="Joules">The energy, J.</param>
public readonly record struct Energy(double Joules) : IComparable<Energy>
{
    /// <summary>No energy.</summary>
    public static Energy Zero => default;

    /// <summary>From picojoules (the unit most per-operation figures are quoted in).</summary>
    public static Energy FromPicojoules(double picojoules) => new(picojoules * 1e-12);

    /// <summary>Energy in picojoules.</summary>
    public double Picojoules => Joules * 1e12;

    /// <summary>True when the value is a finite, non-negative energy (what a cost can be).</summary>
    public bool IsValidCost => double.IsFinite(Joules) && Joules >= 0;

    public static Energy operator +(Energy a, Energy b) => new(a.Joules + b.Joules);

    public static Energy operator -(Energy a, Energy b) => new(a.Joules - b.Joules);

    public static Energy operator *(Energy e, double factor) => new(e.Joules * factor);

    public static Energy operator *(double factor, Energy e) => new(e.Joules * factor);

    public static Energy operator /(Energy e, double divisor) => new(e.Joules / divisor);

    /// <summary>The ratio of two energies (a share, a speed-up), dimensionless.</summary>
    public static double operator /(Energy a, Energy b) => a.Joules / b.Joules;

    /// <summary>Average power of spending <paramref name="e"/> over <paramref name="t"/>.</summary>
    public static Power operator /(Energy e, Duration t) => new(e.Joules / t.Seconds);

    /// <summary>How long <paramref name="p"/> takes to spend <paramref name="e"/>.</summary>
    public static Duration operator /(Energy e, Power p) => new(e.Joules / p.Watts);

    public static bool operator <(Energy a, Energy b) => a.Joules < b.Joules;

    public static bool operator >(Energy a, Energy b) => a.Joules > b.Joules;

    public static bool operator <=(Energy a, Energy b) => a.Joules <= b.Joules;

    public static bool operator >=(Energy a, Energy b) => a.Joules >= b.Joules;

    /// <summary>Sum of <paramref name="energies"/>.</summary>
    public static Energy Sum(IEnumerable<Energy> energies) => new(energies.Sum(e => e.Joules));

    /// <inheritdoc/>
    public int CompareTo(Energy other) => Joules.CompareTo(other.Joules);

    /// <summary>"12.3 nJ".</summary>
    public override string ToString() => SiFormat.Format(Joules, "J");
}
